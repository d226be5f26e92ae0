package lbchaos.proxy.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One haproxy "crt" PEM file: the certificate, its chain, and the private key in the same file
 * (or, when the file has no key, in FILE.key, as haproxy 2.6 looks). Keys are PKCS#8 ("BEGIN
 * PRIVATE KEY", what openssl 3 writes); the older "BEGIN RSA|EC PRIVATE KEY" forms are reported
 * with the conversion to make, since the JDK reads PKCS#8 only.
 */
public record PemBundle(Path file, PrivateKey key, List<X509Certificate> chain) {

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  public PemBundle {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + file);
    }
  }

  public static PemBundle read(Path file) throws IOException, GeneralSecurityException {
    List<X509Certificate> certs = new ArrayList<>();
    Optional<PrivateKey> key = Optional.empty();
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (Block b : blocks(Files.readString(file, StandardCharsets.US_ASCII))) {
      switch (b.type()) {
        case "CERTIFICATE" -> certs.add((X509Certificate) cf.generateCertificate(
            new ByteArrayInputStream(b.der())));
        case "PRIVATE KEY" -> key = Optional.of(pkcs8(b.der(), file));
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new GeneralSecurityException(
            "the key in " + file + " is in the old '" + b.type() + "' form; the agent reads"
            + " PKCS#8 keys ('openssl pkcs8 -topk8 -nocrypt' converts it)");
        case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException("the key in " + file
            + " is encrypted; haproxy would ask for its pass phrase, the agent cannot");
        default -> { } // DH PARAMETERS and the like: the JDK chooses its own groups
      }
    }
    if (certs.isEmpty()) {
      throw new GeneralSecurityException("unable to load SSL certificate from PEM file '" + file
          + "'");
    }
    if (key.isEmpty()) {
      Path keyFile = file.resolveSibling(file.getFileName() + ".key");
      if (Files.isRegularFile(keyFile)) {
        for (Block b : blocks(Files.readString(keyFile, StandardCharsets.US_ASCII))) {
          if (b.type().equals("PRIVATE KEY")) {
            key = Optional.of(pkcs8(b.der(), keyFile));
          }
        }
      }
    }
    return new PemBundle(file, key.orElseThrow(() -> new GeneralSecurityException(
        "unable to load SSL private key from PEM file '" + file + "'")), certs);
  }

  /** The leaf certificate, which the client checks against the name it asked for. */
  public X509Certificate leaf() {
    return chain.getFirst();
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new GeneralSecurityException("the private key in " + file + " is of no algorithm the"
        + " JDK reads (RSA, EC, Ed25519, Ed448)");
  }
}
