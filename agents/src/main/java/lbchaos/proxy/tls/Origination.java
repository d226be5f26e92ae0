package lbchaos.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import lbchaos.proxy.config.ServerTls;

/**
 * TLS to one server, as haproxy 2.6 speaks it with "ssl": "verify required" checks the chain
 * against the ca-file's CAs and, when an SNI is sent ("sni str(NAME)", "check-sni NAME"), the
 * certificate's names against it; without an SNI the names are not checked (haproxy's
 * ssl_sock_srv_verifycbk). "verify none" accepts any certificate. BoringSSL where it loads
 * ({@link TlsLibrary}).
 */
public final class Origination {

  private final SslContext context;
  private final Optional<String> sni;

  private Origination(SslContext context, Optional<String> sni) {
    this.context = context;
    this.sni = sni;
  }

  /**
   * @throws IllegalArgumentException naming the ca-file and the server line when it cannot be
   *     read
   */
  public static Origination of(ServerTls t, Path config) {
    try {
      SslContextBuilder b = SslContextBuilder.forClient().sslProvider(TlsLibrary.provider());
      if (!t.verify()) {
        b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
      } else {
        b.trustManager(caFile(Path.of(t.caFile().orElseThrow())));
        b.endpointIdentificationAlgorithm(t.sni().isPresent() ? "HTTPS" : null);
      }
      return new Origination(b.build(), t.sni());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("parsing [" + config + ":" + t.line() + "] : 'ca-file'"
          + " : " + e.getMessage(), e);
    }
  }

  /** A TLS handler for a new connection to {@code port}, sending the SNI if there is one. */
  public SslHandler handler(ByteBufAllocator alloc, int port) {
    SslHandler h = sni.isPresent() ? context.newHandler(alloc, sni.get(), port)
        : context.newHandler(alloc);
    // the connect and check timeouts bound the whole exchange; no second timer
    h.setHandshakeTimeoutMillis(0);
    return h;
  }

  private static List<X509Certificate> caFile(Path p)
      throws IOException, GeneralSecurityException {
    if (!Files.isRegularFile(p)) {
      throw new IOException("unable to load " + p + ": No such file");
    }
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = cf.generateCertificates(new ByteArrayInputStream(
        Files.readAllBytes(p))).stream().map(X509Certificate.class::cast).toList();
    if (out.isEmpty()) {
      throw new SSLException("no CA certificate in " + p);
    }
    return out;
  }
}
