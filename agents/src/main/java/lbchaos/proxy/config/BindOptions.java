package lbchaos.proxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lbchaos.proxy.config.HaproxyKeywordSupport.Where;

/**
 * The options after the addresses of a "bind" line. The agent implements TLS termination
 * (ssl, crt, alpn, ssl-min-ver, ssl-max-ver, as haproxy 2.6's ssl_sock.c and cfgparse-ssl.c read
 * them); every other option is warned, refused or an error ({@link HaproxyKeywordSupport}).
 */
final class BindOptions {

  private static final Set<String> IMPLEMENTED = Set.of("ssl", "crt", "alpn", "ssl-min-ver",
      "ssl-max-ver");
  /** haproxy 2.6 accepts these for ssl-min-ver/ssl-max-ver; the JDK negotiates 1.2 and 1.3. */
  private static final Set<String> OLD_VERSIONS = Set.of("SSLv3", "TLSv1.0", "TLSv1.1");

  private BindOptions() {}

  /** Reads w[2..]; the TLS settings when the line has "ssl", else empty. */
  static Optional<BindTls> read(List<String> w, Findings findings, String context) {
    boolean ssl = false;
    List<String> certs = new ArrayList<>();
    List<String> alpn = List.of();
    String min = BindTls.TLS12;
    String max = BindTls.TLS13;
    for (int i = 2; i < w.size(); i++) {
      String k = w.get(i);
      switch (k) {
        case "ssl" -> ssl = true;
        case "crt" -> certs.add(ServerLineParser.arg(w, i++, k));
        case "alpn" -> {
          String v = ServerLineParser.arg(w, i++, k);
          alpn = List.of(v.split(","));
          if (alpn.contains("h2")) {
            // the agent's HTTP side is HTTP/1.1 only; advertising h2 would make clients speak it
            findings.unimplemented(Where.BIND, "alpn", List.of(v), "");
          }
        }
        case "ssl-min-ver", "ssl-max-ver" -> {
          String v = ServerLineParser.arg(w, i++, k);
          if (OLD_VERSIONS.contains(v)) {
            findings.unimplemented(Where.BIND, k, List.of(v), "");
          } else if (!BindTls.VERSIONS.contains(v)) {
            // cfgparse-ssl.c parse_tls_method_minmax
            throw new IllegalArgumentException(context + ": '" + k + "' : unknown ssl/tls"
                + " version string '" + v + "'");
          } else if (k.equals("ssl-min-ver")) {
            min = v;
          } else {
            max = v;
          }
        }
        default -> i = findings.option(Where.BIND, w, i, context, IMPLEMENTED::contains) - 1;
      }
    }
    if (!ssl) {
      if (!certs.isEmpty()) {
        // ssl_sock.c ssl_sock_prepare_bind_conf: a warning, and the address stays plain
        findings.warn("A certificate was specified but SSL was not enabled on bind '"
            + w.get(1) + "' (use 'ssl').");
      }
      return Optional.empty();
    }
    if (certs.isEmpty() && !w.contains("crt-list")) {
      // ssl_sock_prepare_bind_conf: an alert, haproxy does not start
      throw new IllegalArgumentException("no SSL certificate specified for bind '" + w.get(1)
          + "' (use 'crt').");
    }
    if (BindTls.VERSIONS.indexOf(min) > BindTls.VERSIONS.indexOf(max)) {
      throw new IllegalArgumentException(context + ": ssl-min-ver " + min + " is above"
          + " ssl-max-ver " + max);
    }
    return Optional.of(new BindTls(certs, alpn, min, max, findings.line()));
  }
}
