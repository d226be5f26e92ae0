package lbchaos.proxy.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on a "bind" line ("ssl crt FILE ..."), as haproxy 2.6 reads it (configuration.txt 5.1).
 *
 * @param certs each "crt" word in order: a PEM file with the certificate, its chain and the
 *     private key (else the key in FILE.key), or a directory of such files. The first loaded
 *     certificate is the default one; the others are chosen by the client's SNI against their
 *     CN and DNS names. Read when the proxy starts, not here: the harness parses the file on a
 *     host where the paths do not exist.
 * @param alpn "alpn" protocols in order of preference; empty: no ALPN
 * @param minVersion "ssl-min-ver": TLSv1.2 (haproxy 2.6's default) or TLSv1.3
 * @param maxVersion "ssl-max-ver": TLSv1.2 or TLSv1.3 (the default: the newest)
 * @param line the bind line, for errors found when the certificates are read
 */
public record BindTls(List<String> certs, List<String> alpn, String minVersion,
    String maxVersion, int line) {

  public static final String TLS12 = "TLSv1.2";
  public static final String TLS13 = "TLSv1.3";
  static final List<String> VERSIONS = List.of(TLS12, TLS13);

  public BindTls {
    certs = List.copyOf(certs);
    alpn = List.copyOf(alpn);
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(maxVersion, "maxVersion");
    if (!VERSIONS.contains(minVersion) || !VERSIONS.contains(maxVersion)
        || VERSIONS.indexOf(minVersion) > VERSIONS.indexOf(maxVersion)) {
      throw new IllegalArgumentException("TLS versions " + minVersion + ".." + maxVersion
          + " are not within TLSv1.2..TLSv1.3");
    }
  }

  /** The protocol names the JDK's SSLEngine enables, oldest first. */
  public List<String> protocols() {
    return VERSIONS.subList(VERSIONS.indexOf(minVersion), VERSIONS.indexOf(maxVersion) + 1);
  }

  public Optional<String> defaultCert() {
    return certs.stream().findFirst();
  }
}
