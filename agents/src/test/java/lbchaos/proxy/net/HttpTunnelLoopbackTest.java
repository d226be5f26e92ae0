package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mode http connections that leave HTTP, as haproxy 2.6.12 lets them (side by side in the node
 * image, BENCHMARKS.md): a 101 to an upgrade request, a 2xx to a CONNECT; and what it refuses
 * on the way. The server answers the way each path asks, then echoes lines upper-cased and says
 * "bye" at the client's FIN.
 */
class HttpTunnelLoopbackTest {

  static final String WEBSOCKET = "GET /ws HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade"
      + "\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      + "Sec-WebSocket-Version: 13\r\n\r\n";

  ServerSocket server;
  ProxyServer proxy;
  int port;
  /** The head of each request the server got, lower-cased. */
  final List<String> heads = new CopyOnWriteArrayList<>();

  /** The transport under test: the proxy's default here; a subclass runs the same on epoll. */
  Transport transport() {
    return Transport.best();
  }

  void start(String defaults) throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException e) {
          return; // closed
        }
      }
    });
    port = Backends.freePort();
    proxy = new ProxyServer(transport(), 1, "lb-tunnel",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(Backends.cfg(port).mode("http").defaults(defaults)
        .server("web", server.getLocalPort(), "").parse());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(5000);
      var in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII));
      String head = Backends.lowerHead(in);
      heads.add(head);
      String path = head.split(" ", 3)[1];
      String accept = path.equals("/noaccept") ? "" : "Sec-WebSocket-Accept: x\r\n";
      String answer = head.startsWith("connect ")
          ? "HTTP/1.1 200 Connection established\r\n\r\n"
          : "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + accept + "\r\nhello\n"; // its first bytes in the same write as the 101
      var out = s.getOutputStream();
      out.write(answer.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (String line; (line = in.readLine()) != null; ) {
        out.write((line.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      out.write("bye\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // the proxy closed: the test reads what came
    }
  }

  /**
   * Sends {@code request}, then "ping" once the answer's head is in, then its FIN: everything
   * the client reads until the proxy closes.
   */
  String converse(String request) throws IOException {
    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
      c.setSoTimeout(5000);
      c.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      var in = c.getInputStream();
      var got = new ByteArrayOutputStream();
      while (!got.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return got.toString(StandardCharsets.US_ASCII);
        }
        got.write(b);
      }
      try {
        c.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
        c.shutdownOutput();
        got.write(in.readAllBytes());
      } catch (java.net.SocketException e) {
        // a refusal closed the connection: its answer is what counts
      }
      return got.toString(StandardCharsets.US_ASCII);
    }
  }

  @Test
  void aWebSocketUpgradeBecomesATunnelBothWays() throws Exception {
    start("");
    String got = converse(WEBSOCKET);
    assertThat(got).as("the 101 as haproxy 2.6.12 passes it on (names in lower case)")
        .startsWith("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n"
            + "connection: Upgrade\r\n");
    assertThat(got).as("then the server's bytes, the client's echoed, and the FIN passed on")
        .endsWith("\r\n\r\nhello\nPING\nbye\n");
    assertThat(heads).singleElement().asString().as("the upgrade asked of the server as haproxy"
        + " asks it").contains("connection: upgrade\n", "upgrade: websocket\n",
        "sec-websocket-key: ").doesNotContain("keep-alive");
  }

  /**
   * A tunnel's session is logged once it has ended, with the status of the answer that opened
   * it, as haproxy logs it ("fe be/s1 0/0/1/2/604 101 83 - - ---- ... \"GET /ws HTTP/1.1\"").
   */
  @Test
  void aTunnelIsLoggedWithItsStatusWhenItEnds() throws Exception {
    try (var log = java.nio.channels.DatagramChannel.open()
        .bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int logPort = ((java.net.InetSocketAddress) log.getLocalAddress()).getPort();
      start("log 127.0.0.1:" + logPort + " local0 info\noption httplog");
      assertThat(converse(WEBSOCKET)).endsWith("bye\n");
      log.configureBlocking(false);
      var b = java.nio.ByteBuffer.allocate(2048);
      org.awaitility.Awaitility.await("the session's log line, once both sides have closed")
          .atMost(java.time.Duration.ofSeconds(5)).until(() -> log.receive(b) != null);
      String line = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
      var logged = lbchaos.proxy.log.AccessLogLine.parse("lb-tunnel", line).orElseThrow(
          () -> new AssertionError("not an httplog line: " + line));
      assertThat(logged.status()).isEqualTo(101);
      assertThat(logged.request()).isEqualTo("GET /ws HTTP/1.1");
      assertThat(logged.termination()).isEqualTo("----");
    }
  }

  @Test
  void aConnectAnsweredWithA2xxBecomesATunnel() throws Exception {
    start("");
    String got = converse("CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n");
    assertThat(got).startsWith("HTTP/1.1 200 Connection established\r\n")
        .endsWith("\r\n\r\nPING\nbye\n");
  }

  @Test
  void whatHaproxyRefusesOnTheWayIsRefused() throws Exception {
    start("");
    assertThat(converse(WEBSOCKET.replaceFirst("Sec-WebSocket-Key: [^\r]*\r\n", "")))
        .as("a WebSocket upgrade without its key").startsWith("HTTP/1.1 400");
    assertThat(heads).as("never reaches the server").isEmpty();
    assertThat(converse(WEBSOCKET.replace("/ws", "/noaccept")))
        .as("a WebSocket 101 without Sec-WebSocket-Accept").startsWith("HTTP/1.1 502");
    assertThat(converse("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n"))
        .as("a 101 to a request that asked for none").startsWith("HTTP/1.1 502");
  }

  /**
   * Once the connection is a tunnel, "timeout tunnel" takes the place of the client and server
   * timeouts: idle past those 300 ms it goes on, and it closes at about the tunnel's 1.5 s.
   */
  @Test
  void aTunnelIdlesOutAtTimeoutTunnel() throws Exception {
    start("timeout client 300ms\ntimeout server 300ms\ntimeout tunnel 1500ms");
    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
      c.setSoTimeout(5000);
      c.getOutputStream().write(WEBSOCKET.getBytes(StandardCharsets.US_ASCII));
      var in = new BufferedReader(new InputStreamReader(c.getInputStream(),
          StandardCharsets.US_ASCII));
      while (!in.readLine().isEmpty()) {
        // the 101's head
      }
      assertThat(in.readLine()).isEqualTo("hello");
      Thread.sleep(700); // idle past client and server, well short of the tunnel
      c.getOutputStream().write("still here\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).as("the tunnel outlived timeout client/server")
          .isEqualTo("STILL HERE");
      long t0 = System.nanoTime();
      assertThat(in.readLine()).as("then closed").isNull();
      assertThat((System.nanoTime() - t0) / 1_000_000).as("at about timeout tunnel")
          .isBetween(1200L, 3500L);
    }
  }
}
