package lbchaos.proxy.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and leaf certificates made in the test (BouncyCastle), written as haproxy PEMs. */
final class TestPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  final KeyPair caKey;
  final X509Certificate ca;

  TestPki(String caName) throws Exception {
    caKey = ec();
    X500Name n = new X500Name("CN=" + caName);
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(n, serial(), from(), to(), n,
        caKey.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca = sign(b, caKey);
  }

  /** A leaf for {@code dnsName} signed by this CA, as one PEM: certificate, CA, key. */
  Path leafPem(Path dir, String file, String dnsName) throws Exception {
    KeyPair k = ec();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(
        ca.getSubjectX500Principal().getEncoded()), serial(), from(), to(),
        new X500Name("CN=" + dnsName), k.getPublic())
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    X509Certificate leaf = sign(b, caKey);
    Path p = dir.resolve(file);
    Files.writeString(p, pem(leaf) + pem(ca) + pem(k.getPrivate()));
    return p;
  }

  /** The CA alone, as a ca-file. */
  Path caPem(Path dir, String file) throws IOException {
    Path p = dir.resolve(file);
    Files.writeString(p, pem(ca));
    return p;
  }

  static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      // a private key goes out as PKCS#8 ("BEGIN PRIVATE KEY"), as openssl 3 writes it
      pw.writeObject(o instanceof java.security.PrivateKey k
          ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
    }
    return w.toString();
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
      throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static Date from() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date to() {
    return Date.from(Instant.now().plus(Duration.ofDays(2)));
  }
}
