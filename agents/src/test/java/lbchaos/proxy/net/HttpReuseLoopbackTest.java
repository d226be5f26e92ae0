package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server connections reused between requests (http-reuse) on loopback. Each webserver answers
 * with its name and the number of the connection the request came over (counted as it accepts
 * them: the proxy-side port was used before, and the kernel gives a closed connection's port to
 * the next one to the same server), so a test sees which requests shared a server connection.
 * One event loop: idle connections are kept per loop.
 */
class HttpReuseLoopbackTest {

  final List<Web> servers = new ArrayList<>();
  ProxyServer proxy;
  int port;

  Web web(String name) throws Exception {
    Web s = new Web(name);
    servers.add(s);
    return s;
  }

  /**
   * A keep-alive webserver answering each GET with "NAME conn=N", N its count of the
   * connections it accepted; it closes a connection after a request that says close.
   */
  static final class Web implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final java.util.concurrent.atomic.AtomicInteger accepted =
        new java.util.concurrent.atomic.AtomicInteger();

    Web(String name) throws java.io.IOException {
      Thread.ofVirtual().start(() -> {
        while (!socket.isClosed()) {
          try {
            Socket c = socket.accept();
            int n = accepted.incrementAndGet();
            Thread.ofVirtual().start(() -> serve(c, name + " conn=" + n));
          } catch (java.io.IOException e) {
            return; // closed
          }
        }
      });
    }

    private static void serve(Socket c, String body) {
      try (c) {
        var in = new BufferedReader(new InputStreamReader(c.getInputStream(),
            StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          boolean close = false;
          for (; line != null && !line.isEmpty(); line = in.readLine()) {
            close |= line.toLowerCase(java.util.Locale.ROOT).matches("connection:\\s*close\\s*");
          }
          if (line == null) {
            return; // the proxy closed it mid-head
          }
          c.getOutputStream().write(("HTTP/1.1 200 OK\r\ncontent-length: " + body.length()
              + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
          if (close) {
            return;
          }
        }
      } catch (java.io.IOException e) {
        // the proxy closed it
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws java.io.IOException {
      socket.close();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    for (Web s : servers) {
      s.close();
    }
  }

  void start(Backends.Cfg cfg) throws Exception {
    proxy = new ProxyServer(Transport.best(), 1, "lb-reuse",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(cfg.parse());
  }

  /** {@code n} sequential requests over one keep-alive client connection: the bodies. */
  List<String> requests(HttpClient client, int n) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + port + "/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
      bodies.add(r.body());
    }
    return bodies;
  }

  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  static long connections(List<String> bodies) {
    return bodies.stream().distinct().count(); // "web1 conn=2": a server's connection
  }

  Backends.Cfg twoServers(String backendLines) throws Exception {
    port = Backends.freePort();
    return Backends.cfg(port).mode("http").backend(backendLines)
        .server("web1", web("web1").port(), "")
        .server("web2", web("web2").port(), "");
  }

  @Test
  void safeByDefaultReusesIdleConnectionsAndStillBalancesEachRequest() throws Exception {
    start(twoServers(""));
    try (HttpClient c = client()) {
      List<String> bodies = requests(c, 6);
      assertThat(bodies).extracting(b -> b.replaceFirst(" .*", ""))
          .as("round robin per request").containsExactly("web1", "web2", "web1", "web2", "web1",
              "web2");
      assertThat(connections(bodies)).as("one server connection per server, each reused")
          .isEqualTo(2);
    }
  }

  /**
   * haproxy 2.6 with http-reuse never keeps each server connection with its client's session
   * (private): the session's later requests to the same server go over it, another client's
   * never do, and it closes when the client's connection does.
   */
  @Test
  void neverKeepsAServerConnectionPerServerForItsOwnClientOnly() throws Exception {
    start(twoServers("http-reuse never"));
    List<String> a;
    List<String> b;
    try (HttpClient first = client(); HttpClient second = client()) {
      a = requests(first, 6);
      b = requests(second, 4);
    }
    assertThat(a).extracting(x -> x.replaceFirst(" .*", ""))
        .as("round robin per request").containsExactly("web1", "web2", "web1", "web2", "web1",
            "web2");
    assertThat(connections(a)).as("one connection per server, each reused by its session")
        .isEqualTo(2);
    assertThat(connections(b)).isEqualTo(2);
    assertThat(b).as("nothing of the first client's connections went to the second")
        .doesNotContainAnyElementsOf(a);
  }

  @Test
  void neverClosesTheSessionsServerConnectionsWithTheClient() throws Exception {
    port = Backends.freePort();
    try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // timeouts of 30 s: the idle connection must close with the client, not on a timeout
      start(Backends.cfg(port).mode("http").defaults("timeout client 30s\ntimeout server 30s")
          .backend("http-reuse never").server("web1", server.getLocalPort(), ""));
      try (var client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        try (var s = server.accept()) {
          s.setSoTimeout(5000);
          var in = new BufferedReader(new InputStreamReader(s.getInputStream(),
              StandardCharsets.US_ASCII));
          while (!in.readLine().isEmpty()) {
            // the request's head
          }
          s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
              .getBytes(StandardCharsets.US_ASCII));
          client.setSoTimeout(5000);
          byte[] buf = new byte[256];
          assertThat(new String(buf, 0, client.getInputStream().read(buf),
              StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
          // a reset: only the session's end, not the FIN's own close, is under test here
          client.setSoLinger(true, 0);
          client.close();
          assertThat(in.read()).as("the proxy closed the session's server connection (EOF)")
              .isEqualTo(-1);
        }
      }
    }
  }

  /**
   * With the shared pools (here "always", where a first request takes an idle connection too), a
   * client that leaves after its answer leaves its server connection idle for others: the next
   * client's request goes over it. A session that closed the connection its request had gone
   * over, whole, closed one that was in a pool by then, or another session's.
   */
  @Test
  void aClientThatLeavesLeavesItsServerConnectionToOthers() throws Exception {
    port = Backends.freePort();
    try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      start(Backends.cfg(port).mode("http").defaults("timeout client 30s\ntimeout server 30s")
          .backend("http-reuse always").server("web1", server.getLocalPort(), ""));
      Socket s = null;
      try {
        BufferedReader in = null;
        for (int client = 1; client <= 2; client++) {
          try (var c = new Socket(InetAddress.getLoopbackAddress(), port)) {
            c.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            if (s == null) {
              s = server.accept(); // the first request's: the only one the server accepts
              s.setSoTimeout(5000);
              in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                  StandardCharsets.US_ASCII));
            }
            assertThat(in.readLine()).as("client %d's request on the one server connection",
                client).isEqualTo("GET / HTTP/1.1");
            while (!in.readLine().isEmpty()) {
              // the rest of its head
            }
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                .getBytes(StandardCharsets.US_ASCII));
            c.setSoTimeout(5000);
            byte[] buf = new byte[256];
            assertThat(new String(buf, 0, c.getInputStream().read(buf),
                StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            // the client's FIN between requests closes its session at once: once the client
            // sees the proxy's close, the session has ended before the next client comes
            c.shutdownOutput();
            assertThat(c.getInputStream().read()).as("the proxy's close").isEqualTo(-1);
          }
        }
      } finally {
        if (s != null) {
          s.close();
        }
      }
    }
  }

  /**
   * haproxy 2.6.12 with two servers, http-reuse never and max-session-srv-conns 1: 3 server
   * connections for 4 requests of one client. The second exchange ends with one connection idle
   * already (web1's), the most allowed, so web2's closes; the third request reuses web1's, the
   * fourth opens web2's again.
   */
  @Test
  void neverKeepsAtMostMaxSessionSrvConnsIdlePerClient() throws Exception {
    port = Backends.freePort();
    start(Backends.cfg(port).mode("http").frontend("max-session-srv-conns 1")
        .backend("http-reuse never")
        .server("web1", web("web1").port(), "")
        .server("web2", web("web2").port(), ""));
    try (HttpClient c = client()) {
      assertThat(connections(requests(c, 4))).isEqualTo(3);
    }
  }

  /**
   * haproxy's default max-session-srv-conns is 5 (MAX_SRV_LIST): over six servers a client keeps
   * five idle, the sixth exchange's connection closes, so twelve requests open seven.
   */
  @Test
  void neverKeepsFiveIdlePerClientByDefault() throws Exception {
    port = Backends.freePort();
    Backends.Cfg cfg = Backends.cfg(port).mode("http").backend("http-reuse never");
    for (int i = 1; i <= 6; i++) {
      cfg = cfg.server("web" + i, web("web" + i).port(), "");
    }
    start(cfg);
    try (HttpClient c = client()) {
      assertThat(connections(requests(c, 12))).isEqualTo(7);
    }
  }

  @Test
  void httpServerCloseOpensAConnectionPerRequest() throws Exception {
    start(twoServers("").defaults("option http-server-close"));
    try (HttpClient c = client()) {
      assertThat(connections(requests(c, 6))).isEqualTo(6);
    }
  }

  /**
   * The frontend's option http-server-close closes the server connections of its requests
   * whatever the backend's http-reuse says, whether the request reaches the backend as the
   * frontend's default or by a use_backend rule (two ways to a route).
   */
  @Test
  void theFrontendsHttpServerCloseWinsOverTheBackendsHttpReuse() throws Exception {
    start(twoServers("http-reuse always"));
    try (HttpClient c = client()) {
      assertThat(connections(requests(c, 6))).as("the backend's own reuse").isEqualTo(2);
    }
    for (String rules : List.of("", "use_backend be if TRUE")) {
      proxy.close();
      start(twoServers("http-reuse always").frontend("option http-server-close\n" + rules));
      try (HttpClient c = client()) {
        assertThat(connections(requests(c, 6))).as("with '%s'", rules).isEqualTo(6);
      }
    }
  }

  @Test
  void safeSendsTheFirstRequestOfAClientConnectionOverItsOwnAndAlwaysDoesNot()
      throws Exception {
    port = Backends.freePort();
    int web = web("web1").port();
    // maxconn 1: an exchange that did not free its slot would hold the next request in queue
    start(Backends.cfg(port).mode("http").backend("timeout queue 2s")
        .server("web1", web, "maxconn 1"));
    String a;
    List<String> b;
    try (HttpClient first = client(); HttpClient second = client()) {
      a = requests(first, 1).getFirst();
      b = requests(second, 2);
    }
    assertThat(b.get(0)).as("a first request never takes the idle connection another left")
        .isNotEqualTo(a);
    assertThat(List.of(a, b.get(0))).as("the later request takes one of the idle ones")
        .contains(b.get(1));

    proxy.close();
    start(Backends.cfg(port = Backends.freePort()).mode("http").backend("http-reuse always")
        .server("web1", web, "maxconn 1"));
    try (HttpClient first = client(); HttpClient second = client()) {
      a = requests(first, 1).getFirst();
      assertThat(requests(second, 1).getFirst()).as("always: the first request reuses too")
          .isEqualTo(a);
    }
  }

  @Test
  void aClientsConnectionCloseClosesTheServerConnectionToo() throws Exception {
    start(twoServers(""));
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(Backends.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .replaceFirst("(?s).*\r\n\r\n", ""));
    }
    assertThat(connections(bodies)).as("nothing parked for later: a connection per request")
        .isEqualTo(4);
    try (HttpClient c = client()) {
      List<String> ka = requests(c, 3);
      assertThat(bodies).as("no idle connection was left for a keep-alive client's later requests")
          .doesNotContainAnyElementsOf(ka);
    }
  }
}
