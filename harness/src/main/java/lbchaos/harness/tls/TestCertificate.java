package lbchaos.harness.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate an https run's frontends present: self-signed, for {@value #NAME}, made once
 * per JVM when a run first needs it (BouncyCastle; never a file in the repository), valid for
 * two days. Written into the LB containers as one PEM with the certificate and its PKCS#8 key,
 * the form haproxy's "crt" reads. The probe does not verify it (see the probe's --tls).
 */
public final class TestCertificate {

  /** The name it is issued to. */
  public static final String NAME = "lbchaos.test";

  private TestCertificate() {}

  private static final class Holder {
    static final String PEM = make();
  }

  /** The PEM (certificate, then private key), the same for every LB of the run. */
  public static String pem() {
    return Holder.PEM;
  }

  private static String make() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      KeyPair k = g.generateKeyPair();
      X500Name n = new X500Name("CN=" + NAME);
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(n,
          BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(2))), n, k.getPublic())
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.dNSName, NAME)));
      var cert = new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
      return pem(cert) + pem(k.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the test certificate: " + e.getMessage(), e);
    }
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return w.toString();
  }
}
