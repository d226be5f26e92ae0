package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.ServerState;
import lbchaos.proxy.config.HaproxyConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy on loopback in front of two tiny backends. Only 127.0.0.1 is used. */
class TcpProxyLoopbackTest {

  /** The transport under test: the proxy's default here; a subclass runs the same on epoll. */
  Transport transport() {
    return Transport.best();
  }

  @BeforeEach
  void transportHere() {
    assumeThat(transport().unavailabilityCause()).as(transport() + " on this host").isNull();
  }

  final ByteArrayOutputStream eventBytes = new ByteArrayOutputStream();
  final List<AutoCloseable> closing = new ArrayList<>();
  ProxyServer proxy;
  int port;

  ProxyServer start(String backendExtra, String serverExtra, Backends.NameServer... servers)
      throws Exception {
    port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).backend(backendExtra).servers(serverExtra, servers)
        .parse();
    proxy = new ProxyServer(transport(), 2, "lb-test",
        new PrintStream(eventBytes, true, StandardCharsets.UTF_8));
    proxy.start(c);
    return proxy;
  }

  Backends.NameServer backend(String name) throws IOException {
    Backends.NameServer s = new Backends.NameServer(name, 0);
    closing.add(s);
    return s;
  }

  List<ServerState> events() {
    List<ServerState> out = new ArrayList<>();
    for (String line : eventBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      Optional<Event> e = Events.parse(line);
      e.filter(ServerState.class::isInstance).map(ServerState.class::cast).ifPresent(out::add);
    }
    return out;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void roundRobinAlternatesStrictlyFromTheFirstServer() throws Exception {
    Backends.NameServer a = backend("web1");
    Backends.NameServer b = backend("web2");
    start("", "check inter 200ms", a, b);
    StringBuilder seq = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      seq.append(Backends.fetch(port).strip()).append(' ');
    }
    assertThat(seq.toString().strip()).as("strict alternation")
        .isEqualTo(String.join(" ", java.util.Collections.nCopies(10, "web1 web2")));
  }

  /**
   * The backend's "timeout tunnel" takes the place of "timeout client" and "timeout server" in
   * mode tcp (haproxy 2.6 stream.c, no analyser): a session idle past those 300 ms goes on, and
   * closes at about the tunnel's 1.5 s.
   */
  @Test
  void timeoutTunnelTakesThePlaceOfClientAndServer() throws Exception {
    Backends.NameServer a = backend("web1");
    port = Backends.freePort();
    proxy = new ProxyServer(transport(), 2, "lb-test",
        new PrintStream(eventBytes, true, StandardCharsets.UTF_8));
    proxy.start(Backends.cfg(port).defaults("timeout client 300ms\ntimeout server 300ms")
        .backend("timeout tunnel 1500ms").servers("", a).parse());
    try (var s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII));
      assertThat(in.readLine()).isEqualTo("web1");
      Thread.sleep(700); // idle past client and server, well short of the tunnel
      s.getOutputStream().write("still here".getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      assertThat(in.readLine()).as("the session outlived timeout client/server")
          .isEqualTo("STILL HERE");
    }
    try (var s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      long t0 = System.nanoTime();
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("web1\n");
      assertThat((System.nanoTime() - t0) / 1_000_000).as("closed at about timeout tunnel")
          .isBetween(1300L, 3500L);
    }
  }

  /**
   * Milliseconds from the first FIN of a session (the client's, or the server's) until the side
   * that sent it sees the session closed, while the other side, its FIN passed on, says nothing:
   * the proxy ran with {@code timeouts} (lines of defaults) before one server on loopback.
   */
  long endAfterFirstFin(String timeouts, boolean clientFirst) throws Exception {
    var loopback = java.net.InetAddress.getLoopbackAddress();
    try (var server = new java.net.ServerSocket(0, 50, loopback);
        var proxy = new ProxyServer(transport(), 2, "lb-test",
            new PrintStream(eventBytes, true, StandardCharsets.UTF_8))) {
      port = Backends.freePort();
      proxy.start(Backends.cfg(port).defaults(timeouts)
          .server("web1", server.getLocalPort(), "").parse());
      try (var client = new java.net.Socket(loopback, port); var s = server.accept()) {
        java.net.Socket first = clientFirst ? client : s;
        java.net.Socket other = clientFirst ? s : client;
        first.setSoTimeout(8000);
        other.setSoTimeout(8000);
        first.shutdownOutput();
        long t0 = System.nanoTime();
        assertThat(other.getInputStream().read()).as("the FIN, passed on").isEqualTo(-1);
        assertThat(first.getInputStream().read()).as("then the close").isEqualTo(-1);
        return (System.nanoTime() - t0) / 1_000_000;
      }
    }
  }

  /**
   * "timeout client-fin" and "timeout server-fin": once the proxy has passed one side's FIN on to
   * the other, that other side, saying nothing more, is let go at its fin timeout (300 ms), not
   * at "timeout client" or "server" (5 s).
   */
  @Test
  void aFinTimeoutStartsWhenTheOtherSidesFinIsPassedOn() throws Exception {
    String idle = "timeout client 5s\ntimeout server 5s\n";
    assertThat(endAfterFirstFin(idle + "timeout client-fin 300ms", false))
        .as("the server's FIN passed on: the client goes at client-fin").isBetween(200L, 2500L);
    assertThat(endAfterFirstFin(idle + "timeout server-fin 300ms", true))
        .as("the client's FIN passed on: the server goes at server-fin").isBetween(200L, 2500L);
  }

  /**
   * A side's own FIN starts its fin timeout only for the client and only in a tunnel, as haproxy
   * 2.6.12 does (side by side in BENCHMARKS.md): without a tunnel, a client whose FIN went to a
   * silent server waits out "timeout client"; in one it goes at client-fin; a server whose FIN
   * went to a silent client waits out the tunnel, not server-fin.
   */
  @Test
  void ownFinStartsOnlyTheClientsFinTimeoutAndOnlyInATunnel() throws Exception {
    assertThat(endAfterFirstFin("timeout client 1500ms\ntimeout server 1500ms\n"
        + "timeout client-fin 300ms", true)).as("the client's FIN, no tunnel: timeout client")
        .isBetween(1200L, 4000L);
    assertThat(endAfterFirstFin("timeout tunnel 1500ms\ntimeout client-fin 300ms", true))
        .as("the client's FIN in a tunnel: client-fin").isBetween(200L, 1000L);
    assertThat(endAfterFirstFin("timeout tunnel 1500ms\ntimeout server-fin 300ms", false))
        .as("the server's FIN in a tunnel: the tunnel, not server-fin").isBetween(1200L, 4000L);
  }

  @Test
  void halfCloseIsPassedThroughBothWays() throws Exception {
    Backends.NameServer a = backend("web1");
    start("", "", a);
    assertThat(Backends.exchange(port, "hello after fin"))
        .as("server saw the client's FIN through the proxy and still answered")
        .isEqualTo("web1\nHELLO AFTER FIN");
  }

  /**
   * The other order of the two FINs (the server's first, as an HTTP server that closes after its
   * answer): the client still gets EOF, may go on sending, and its bytes reach the server before
   * the second FIN closes both sides of the session.
   */
  @Test
  void serverFinFirstStillCarriesTheClientsLaterBytes() throws Exception {
    try (var server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      var received = new java.util.concurrent.CompletableFuture<String>();
      Thread.ofVirtual().start(() -> {
        try (java.net.Socket s = server.accept()) {
          s.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII));
          s.shutdownOutput(); // server FIN first, then keep reading
          received.complete(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
          received.completeExceptionally(e);
        }
      });
      port = Backends.freePort();
      HaproxyConfig c = Backends.cfg(port).server("s1", server.getLocalPort(), "").parse();
      proxy = new ProxyServer(transport(), 2, "lb-test",
          new PrintStream(eventBytes, true, StandardCharsets.UTF_8));
      proxy.start(c);
      try (java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        client.setSoTimeout(5000);
        assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
            .as("the server's answer, then EOF: its FIN passed on as a half-close")
            .isEqualTo("bye\n");
        client.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
        client.shutdownOutput();
        assertThat(received.get(5, java.util.concurrent.TimeUnit.SECONDS))
            .as("bytes sent after the server's FIN reached it before the session closed")
            .isEqualTo("late");
      }
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(proxy.openSessions()).as("both FINs seen: the session is closed").isZero());
    }
  }

  @Test
  void backendDeathWithRetriesAndRedispatchCostsNoRequest() throws Exception {
    Backends.NameServer a = backend("web1");
    Backends.NameServer b = backend("web2");
    start("  retries 2\n  option redispatch\n", "check inter 300ms fall 2 rise 2", a, b);
    assertThat(Backends.fetch(port).strip()).as("healthy baseline").isEqualTo("web1");
    int deadPort = b.port();
    b.close();
    // A connection still in the closed listener's backlog would be reset after it connected,
    // which is not the crash under test (no retry applies once connected): wait until the
    // port refuses, as a crashed backend's does.
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", deadPort)) {
        return false;
      } catch (java.io.IOException e) {
        return true;
      }
    });
    int failed = 0;
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String r = Backends.fetch(port).strip();
      got.add(r);
      if (!r.equals("web1")) {
        failed++;
      }
    }
    assertThat(failed).as("failed requests while web2 is dead: %s", got).isZero();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events())
        .as("DOWN event for web2 with haproxy's reason")
        .anySatisfy(e -> {
          assertThat(e.server()).isEqualTo("web2");
          assertThat(e.up()).isFalse();
          assertThat(e.source()).isEqualTo("lb-test");
          assertThat(e.reason()).startsWith("Layer4 connection problem");
        }));
    assertThat(proxy.statsCsv()).as("CSV shows web2 DOWN").contains("be,web2,").contains(",DOWN,");
  }

  @Test
  void withoutRedispatchTheDeadServersTurnFails() throws Exception {
    Backends.NameServer a = backend("web1");
    Backends.NameServer b = backend("web2");
    start("  retries 1\n", "", a, b);
    b.close();
    assertThat(Backends.fetch(port).strip()).as("first goes to web1").isEqualTo("web1");
    assertThat(Backends.fetch(port)).as("web2's turn: retried on web2 only, then closed").isEmpty();
    assertThat(proxy.statsCsv()).as("retry counted").contains("be,BACKEND,");
  }

  @Test
  void noDescriptorLeakAfterManyConnections() throws Exception {
    Backends.NameServer a = backend("web1");
    start("", "", a);
    Backends.fetch(port); // warm up: event loops, selector, pools
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openSessions() == 0);
    long before = openFds();
    for (int i = 0; i < 2000; i++) {
      assertThat(Backends.fetch(port)).as("connection %d", i).startsWith("web1");
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(proxy.openSessions()).as("sessions closed").isZero();
      assertThat(openFds()).as("descriptors back near the baseline of %d", before)
          .isLessThanOrEqualTo(before + 10);
    });
  }

  static long openFds() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  /**
   * maxconn N on the only server, M > N clients at once, a backend that holds each connection
   * until released: the backend holds exactly N at a time while the other M - N wait in the
   * proxy's queue, and once released every client gets its answer, never more than N at once.
   */
  @Test
  void maxconnQueuesAndServesInTurn() throws Exception {
    int n = 2;
    int m = 5;
    Backends.HoldingServer backend = new Backends.HoldingServer("web1");
    closing.add(backend);
    port = Backends.freePort();
    // Long client, server and queue timeouts: the held sessions must not be cut while waiting.
    HaproxyConfig c = Backends.cfg(port)
        .defaults("timeout client 30s\ntimeout server 30s\ntimeout queue 30s")
        .server("web1", backend.port(), "maxconn " + n).parse();
    proxy = new ProxyServer(transport(), 2, "lb-test",
        new PrintStream(eventBytes, true, StandardCharsets.UTF_8));
    proxy.start(c);
    List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
    try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < m; i++) {
        answers.add(clients.submit(() -> Backends.read(port, Duration.ofSeconds(30))));
      }
      try {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          assertThat(proxy.openSessions()).as("clients the proxy accepted").isEqualTo(m);
          assertThat(backend.current.get()).as("connections the backend holds").isEqualTo(n);
          assertThat(backendQueue()).as("clients waiting in the proxy's queue").isEqualTo(m - n);
        });
        assertThat(backend.max.get()).as("most connections the backend held at once")
            .isEqualTo(n);
        assertThat(backend.accepted.get()).as("connections the backend got so far").isEqualTo(n);
      } finally {
        backend.release(); // also when an assertion failed: the clients then end at once
      }
      for (int i = 0; i < m; i++) {
        assertThat(answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS))
            .as("client %d's answer", i).isEqualTo("web1\n");
      }
    }
    assertThat(backend.accepted.get()).as("connections the backend got").isEqualTo(m);
    assertThat(backend.max.get()).as("most at once, the queue drained too").isEqualTo(n);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(backendQueue()).as("queue empty").isZero());
  }

  /** qcur of backend "be" in the proxy's stats CSV. */
  int backendQueue() {
    return proxy.statsCsv().lines().filter(l -> l.startsWith("be,BACKEND,"))
        .map(l -> Integer.parseInt(l.split(",")[2])).findFirst().orElseThrow();
  }
}
