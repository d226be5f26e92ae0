package lbchaos.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import lbchaos.proxy.net.Backends;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.net.ProxyServer;
import lbchaos.proxy.net.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "bind ... ssl crt FILE" on loopback: a client that trusts the test CA gets the backend's
 * answer over TLS, ALPN http/1.1, the certificate its SNI names, and a plain-text client gets no
 * answer and makes no server connection.
 */
class TlsBindTest {

  @TempDir
  Path dir;
  TestPki pki;
  HttpServer web;
  final AtomicInteger served = new AtomicInteger();
  ProxyServer proxy;
  int port;

  @BeforeEach
  void setUp() throws Exception {
    pki = new TestPki("lbchaos test CA");
    web = Backends.web(ex -> {
      served.incrementAndGet();
      return "coming from backend web1";
    });
    port = Backends.freePort();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    web.stop(0);
  }

  private String cfg(String mode, String bindOptions) {
    return """
        defaults
          mode %s
          timeout connect 200ms
          timeout client 5s
          timeout server 5s
        frontend fe
          bind 127.0.0.1:%d %s
          default_backend be
        backend be
          server web1 127.0.0.1:%d
        """.formatted(mode, port, bindOptions, web.getAddress().getPort());
  }

  private void start(String mode, String bindOptions) throws Exception {
    HaproxyConfig c = HaproxyConfigParser.parse(dir.resolve("haproxy.cfg"), cfg(mode,
        bindOptions));
    assertThat(c.javaRefusals()).as("refusals").isEmpty();
    proxy = new ProxyServer(Transport.best(), 2, "lb-tls",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(c);
  }

  private SSLSocket connect(String sni, List<String> alpn) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", pki.ca);
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
    s.setSoTimeout(5000);
    SSLParameters p = s.getSSLParameters();
    p.setServerNames(List.of(new SNIHostName(sni)));
    // the name the client expects: the certificate must be for it and signed by the test CA
    p.setEndpointIdentificationAlgorithm("HTTPS");
    if (!alpn.isEmpty()) {
      p.setApplicationProtocols(alpn.toArray(String[]::new));
    }
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static String get(Socket s) throws IOException {
    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void httpOverTlsWithAlpnHttp11() throws Exception {
    Path pem = pki.leafPem(dir, "site.pem", "site.test");
    start("http", "ssl crt " + pem + " alpn http/1.1");
    try (SSLSocket s = connect("site.test", List.of("h2", "http/1.1"))) {
      assertThat(s.getApplicationProtocol()).as("ALPN picks http/1.1 of h2,http/1.1")
          .isEqualTo("http/1.1");
      assertThat(((X509Certificate) s.getSession().getPeerCertificates()[0])
          .getSubjectX500Principal().getName()).isEqualTo("CN=site.test");
      String r = get(s);
      assertThat(r).as("answer over TLS").startsWith("HTTP/1.1 200")
          .contains("coming from backend web1");
    }
  }

  /**
   * The proxy's own error answers, written below the HTTP codec (a 400 for a request it cannot
   * read), go out through TLS like any other: they were once written below the TLS handler too,
   * in clear text on a TLS connection.
   */
  @Test
  void aRequestTheProxyRefusesGetsIts400OverTls() throws Exception {
    Path pem = pki.leafPem(dir, "site.pem", "site.test");
    start("http", "ssl crt " + pem);
    try (SSLSocket s = connect("site.test", List.of())) {
      s.getOutputStream().write("NOT A REQUEST\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
          .startsWith("HTTP/1.1 400 Bad request");
    }
  }

  /**
   * The agents' jar carries BoringSSL for this platform and the handshakes are its: without
   * netty-tcnative the contexts fall back to the JDK's provider (a warning, more CPU), which
   * would otherwise pass every other test here unnoticed.
   */
  @Test
  void theHandshakesAreBoringSslsOnLinuxX8664() throws Exception {
    Path pem = pki.leafPem(dir, "site.pem", "site.test");
    var tls = new lbchaos.proxy.config.BindTls(List.of(pem.toString()), List.of(), "TLSv1.2",
        "TLSv1.3", 1);
    var h = (io.netty.handler.ssl.SslHandler) Termination.of(tls, dir.resolve("haproxy.cfg"),
        java.util.Optional.empty()).handler(io.netty.buffer.ByteBufAllocator.DEFAULT);
    try {
      assertThat(TlsLibrary.provider()).isEqualTo(io.netty.handler.ssl.SslProvider.OPENSSL);
      assertThat(h.engine()).isInstanceOf(io.netty.handler.ssl.ReferenceCountedOpenSslEngine.class);
      assertThat(io.netty.handler.ssl.OpenSsl.versionString()).contains("BoringSSL");
    } finally {
      io.netty.util.ReferenceCountUtil.release(h.engine());
    }
  }

  @Test
  void tcpModeOverTlsWithMinVersion13() throws Exception {
    Path pem = pki.leafPem(dir, "site.pem", "site.test");
    start("tcp", "ssl crt " + pem + " ssl-min-ver TLSv1.3");
    try (SSLSocket s = connect("site.test", List.of())) {
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(get(s)).as("bytes relayed after TLS termination").startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void sniPicksAmongCertificatesTheFirstIsTheDefault() throws Exception {
    Path a = pki.leafPem(dir, "a.pem", "default.test");
    Path b = pki.leafPem(dir, "b.pem", "other.test");
    start("http", "ssl crt " + a + " crt " + b);
    try (SSLSocket s = connect("other.test", List.of())) {
      assertThat(peer(s)).isEqualTo("CN=other.test");
      assertThat(get(s)).contains("coming from backend web1");
    }
    try (SSLSocket s = connect("default.test", List.of())) {
      assertThat(peer(s)).isEqualTo("CN=default.test");
    }
    // an SNI no certificate names gets the first one, which a verifying client rejects
    assertThatThrownBy(() -> connect("unknown.test", List.of()).close())
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
  }

  private static String peer(SSLSocket s) throws Exception {
    return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
        .getName();
  }

  @Test
  void crtDirectoryLoadsItsFilesInNameOrderSkippingKeyFiles() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    pki.leafPem(certs, "1-first.pem", "first.test");
    pki.leafPem(certs, "2-second.pem", "second.test");
    Files.writeString(certs.resolve("2-second.pem.ocsp"), "not a certificate");
    start("http", "ssl crt " + certs);
    try (SSLSocket s = connect("second.test", List.of())) {
      assertThat(get(s)).contains("coming from backend web1");
    }
  }

  /** ssl_fc: the rules see whether the request came over TLS (the bind terminated it). */
  static final String ON_TLS = "\n  http-request return status 200 content-type text/plain"
      + " string over-tls if { ssl_fc }";

  @Test
  void sslFcIsTrueOnATlsBind() throws Exception {
    Path pem = pki.leafPem(dir, "site.pem", "site.test");
    start("http", "ssl crt " + pem + ON_TLS);
    try (SSLSocket s = connect("site.test", List.of())) {
      assertThat(get(s)).as("answered by the ssl_fc rule").startsWith("HTTP/1.1 200")
          .endsWith("over-tls").doesNotContain("coming from backend");
    }
    assertThat(served.get()).as("requests the backend served").isZero();
  }

  @Test
  void sslFcIsFalseOnAPlainBind() throws Exception {
    start("http", ON_TLS);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      assertThat(get(s)).as("the rule does not match: the backend answers")
          .contains("coming from backend web1").doesNotContain("over-tls");
    }
  }

  @Test
  void plainHttpToTheTlsPortGetsNoAnswerAndReachesNoServer() throws Exception {
    Path pem = pki.leafPem(dir, "site.pem", "site.test");
    start("http", "ssl crt " + pem);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      String r = get(s);
      assertThat(r).as("what a plain client reads").doesNotContain("HTTP/1.1 200")
          .doesNotContain("coming from backend");
    }
    assertThat(served.get()).as("requests the backend served").isZero();
  }

  @Test
  void aMissingCertificateStopsTheStartWithFileAndLine() throws Exception {
    HaproxyConfig c = HaproxyConfigParser.parse(dir.resolve("haproxy.cfg"),
        cfg("http", "ssl crt " + dir.resolve("absent.pem")));
    proxy = new ProxyServer(Transport.best(), 1, "lb-tls",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThatThrownBy(() -> proxy.start(c)).hasMessageContaining("haproxy.cfg:7")
        .hasMessageContaining("absent.pem");
  }

  @Test
  void configChecksAsHaproxy() {
    assertThatThrownBy(() -> HaproxyConfigParser.parse(dir.resolve("a.cfg"), cfg("http",
        "ssl"))).hasMessageContaining("no SSL certificate specified");
    var h2 = HaproxyConfigParser.parse(dir.resolve("b.cfg"), cfg("http",
        "ssl crt x.pem alpn h2,http/1.1"));
    assertThat(h2.javaRefusals()).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(7);
      assertThat(r.keyword()).isEqualTo("bind option alpn");
    });
    var ciphers = HaproxyConfigParser.parse(dir.resolve("c.cfg"), cfg("http",
        "ssl crt x.pem ciphers ECDHE-RSA-AES128-GCM-SHA256"));
    assertThat(ciphers.javaRefusals()).as("ciphers").hasSize(1);
    var old = HaproxyConfigParser.parse(dir.resolve("d.cfg"), cfg("http",
        "ssl crt x.pem ssl-min-ver TLSv1.0"));
    assertThat(old.javaRefusals()).as("TLSv1.0").hasSize(1);
    var plain = HaproxyConfigParser.parse(dir.resolve("e.cfg"), cfg("http", "crt x.pem"));
    assertThat(plain.frontends().getFirst().binds().getFirst().tls()).as("crt without ssl")
        .isEmpty();
    assertThat(plain.warnings()).anySatisfy(w -> assertThat(w.message())
        .contains("SSL was not enabled"));
  }
}
