package lbchaos.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.net.ProxyServer;
import lbchaos.proxy.net.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "server ... ssl verify required ca-file F sni str(NAME) check" on loopback: traffic and checks
 * over TLS to an HTTPS server; a ca-file of another CA fails the checks (Layer6) and the server
 * goes DOWN; "verify none" takes any certificate.
 */
class TlsServerTest {

  @TempDir
  Path dir;
  TestPki pki;
  /**
   * A check's verdict: inter 200ms with rise 1 or fall 2 is under half a second, plus the TLS
   * handshakes of a cold JVM (the JDK's TLS and the test's HttpsServer warm up on the first
   * ones), which took over 5 s once on this 2-core machine at load 12 (session 20). The tolerance
   * is for that, not for the checks' timing.
   */
  static final Duration VERDICT = Duration.ofSeconds(20);

  HttpsServer web;
  ProxyServer proxy;
  int port;
  /** What the proxy logged (its events). */
  final ByteArrayOutputStream events = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    pki = new TestPki("server CA");
    PemBundle b = PemBundle.read(pki.leafPem(dir, "web.pem", "web.test"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("web", b.key(), new char[0], b.chain().toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    web = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    web.setHttpsConfigurator(new HttpsConfigurator(ctx));
    web.createContext("/", ex -> {
      byte[] body = "coming from backend tls-web".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    web.start();
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    web.stop(0);
  }

  private void start(String mode, String serverOptions) throws Exception {
    var c = HaproxyConfigParser.parse(dir.resolve("haproxy.cfg"), """
        defaults
          mode %s
          timeout connect 500ms
          timeout client 5s
          timeout server 5s
        frontend fe
          bind 127.0.0.1:%d
          default_backend be
        backend be
          server web1 127.0.0.1:%d %s check inter 200ms fall 2 rise 1
        """.formatted(mode, port, web.getAddress().getPort(), serverOptions));
    assertThat(c.javaRefusals()).isEmpty();
    proxy = new ProxyServer(Transport.best(), 2, "lb-tls",
        new PrintStream(events, true, StandardCharsets.UTF_8));
    proxy.start(c);
  }

  private String get() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private String checkStatus() {
    return proxy.statsCsv().lines().filter(l -> l.startsWith("be,web1,")).findFirst()
        .orElseThrow();
  }

  @Test
  void verifiedTlsToTheServerForTrafficAndChecks() throws Exception {
    Path ca = pki.caPem(dir, "ca.pem");
    for (String mode : new String[] {"http", "tcp"}) {
      start(mode, "ssl verify required ca-file " + ca + " sni str(web.test)");
      await("a Layer6 check passed").atMost(VERDICT)
          .until(() -> checkStatus().contains("L6OK"));
      assertThat(get()).as(mode).startsWith("HTTP/1.1 200").contains("coming from backend tls-web");
      proxy.close();
      proxy = null;
    }
  }

  @Test
  void anotherCaFailsTheHandshakeTheChecksTakeTheServerDown() throws Exception {
    Path other = new TestPki("another CA").caPem(dir, "other.pem");
    start("http", "ssl verify required ca-file " + other + " sni str(web.test)");
    await("the server DOWN after failed Layer6 checks").atMost(VERDICT)
        .until(() -> checkStatus().contains("L6RSP") && checkStatus().contains(",DOWN,"));
    assertThat(get()).doesNotContain("coming from backend tls-web");
    // haproxy's words, not the TLS library's exception
    assertThat(events.toString(StandardCharsets.UTF_8)).contains("\"reason\":\"Layer6 invalid"
        + " response, info: \\\"SSL handshake failure\\\"\"");
  }

  @Test
  void aNameOtherThanTheCertificatesFailsVerification() throws Exception {
    start("http", "ssl verify required ca-file " + pki.caPem(dir, "ca.pem")
        + " check-sni other.test sni str(other.test)");
    await("Layer6 failure: the name").atMost(VERDICT)
        .until(() -> checkStatus().contains("L6RSP"));
  }

  @Test
  void verifyNoneTakesAnyCertificate() throws Exception {
    start("http", "ssl verify none");
    await().atMost(VERDICT).until(() -> checkStatus().contains("L6OK"));
    assertThat(get()).contains("coming from backend tls-web");
  }

  @Test
  void sslWithoutCaFileIsAnErrorAsInHaproxy() {
    assertThatThrownBy(() -> start("http", "ssl"))
        .hasMessageContaining("verify is enabled by default but no CA file specified");
    var refused = HaproxyConfigParser.parse(dir.resolve("x.cfg"), """
        backend be
          server a 10.0.0.1:443 ssl verify none sni req.hdr(host)
        """);
    assertThat(refused.javaRefusals()).as("a sample expression").hasSize(1);
  }
}
