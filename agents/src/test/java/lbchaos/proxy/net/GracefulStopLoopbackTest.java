package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.proxy.config.HaproxyConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The soft stop (SIGTERM to our agent, SIGUSR1 to haproxy) on loopback: an idle HTTP keep-alive
 * connection is closed at once, a request in flight is answered with {@code Connection: close},
 * a TCP session runs to its end, and a session still busy at hard-stop-after is closed and the
 * hard stop reported.
 */
class GracefulStopLoopbackTest {

  /** A grace no drain in these tests should come near: reaching it would be the bug. */
  static final Duration LONG_GRACE = Duration.ofSeconds(10);

  /**
   * Room for closing sockets, waking event loops and the stop's 20 ms polling on a shared
   * 2-core machine where other engineers' container tests run at the same time.
   */
  static final Duration MACHINE = Duration.ofMillis(1500);

  final ByteArrayOutputStream eventBytes = new ByteArrayOutputStream();
  final List<AutoCloseable> closing = new ArrayList<>();
  ProxyServer proxy;
  int port;

  ProxyServer start(HaproxyConfig c) throws Exception {
    proxy = new ProxyServer(Transport.best(), 2, "lb-test",
        new PrintStream(eventBytes, true, StandardCharsets.UTF_8));
    proxy.start(c);
    return proxy;
  }

  /** A web server whose answers wait for {@code release}; {@code arrived} counts requests. */
  HttpServer web(CountDownLatch arrived, CountDownLatch release) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        50);
    s.createContext("/", ex -> {
      arrived.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = "hello\n".getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.start();
    closing.add(() -> s.stop(0));
    return s;
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
  void idleKeepAliveConnectionIsClosedAtOnceAndTheStopEndsWithIt() throws Exception {
    HttpServer web = web(new CountDownLatch(1), new CountDownLatch(0));
    port = Backends.freePort();
    start(Backends.cfg(port).mode("http").server("web1", web.getAddress().getPort(), "").parse());
    try (Socket client = client()) {
      String first = request(client);
      assertThat(first).as("first answer, keep-alive").startsWith("HTTP/1.1 200")
          .doesNotContainIgnoringCase("connection: close");
      // the connection now sits idle between requests, as a browser's or a pool's does
      ProxyServer.Stopped s = proxy.stop(LONG_GRACE);
      assertThat(s.drained()).as("nothing left to force: %s", s).isTrue();
      assertThat(s.took()).as("stop with only an idle keep-alive connection open")
          .isLessThan(MACHINE);
      assertThat(client.getInputStream().read()).as("the idle connection was closed (EOF)")
          .isEqualTo(-1);
    }
  }

  @Test
  void requestInFlightIsAnsweredWithConnectionCloseAndTheStopWaitsForIt() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer web = web(arrived, release);
    port = Backends.freePort();
    start(Backends.cfg(port).mode("http").server("web1", web.getAddress().getPort(), "").parse());
    try (Socket client = client()) {
      client.getOutputStream().write(get().getBytes(StandardCharsets.US_ASCII));
      assertThat(arrived.await(5, TimeUnit.SECONDS)).as("request reached the backend").isTrue();
      CompletableFuture<ProxyServer.Stopped> stop = CompletableFuture.supplyAsync(() -> {
        try {
          return proxy.stop(LONG_GRACE);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      await("new connections refused once the stop began").atMost(MACHINE)
          .until(() -> refused(port));
      assertThat(stop).as("the stop waits for the request in flight").isNotDone();
      long released = System.nanoTime();
      release.countDown();
      String answer = readResponse(client.getInputStream());
      assertThat(answer).as("the answer in flight, whole, told to close")
          .startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close").endsWith("hello\n");
      assertThat(client.getInputStream().read()).as("then closed (EOF)").isEqualTo(-1);
      ProxyServer.Stopped s = stop.get(LONG_GRACE.toSeconds() + 5, TimeUnit.SECONDS);
      assertThat(s.drained()).as("the session ended by itself: %s", s).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - released))
          .as("stop ends soon after the last answer, not at the grace").isLessThan(MACHINE);
    }
  }

  @Test
  void tcpSessionRunsToItsEndDuringTheStop() throws Exception {
    Backends.NameServer a = new Backends.NameServer("web1", 0);
    closing.add(a);
    port = Backends.freePort();
    start(Backends.cfg(port).servers("", a).parse());
    try (Socket held = client()) {
      assertThat(held.getInputStream().read()).as("established").isEqualTo('w');
      CompletableFuture<ProxyServer.Stopped> stop = CompletableFuture.supplyAsync(() -> {
        try {
          return proxy.stop(LONG_GRACE);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      await("listener closed").atMost(MACHINE).until(() -> refused(port));
      assertThat(stop).as("an open TCP session holds the stop").isNotDone();
      held.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
      held.shutdownOutput();
      assertThat(new String(held.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .as("the session carried on through the soft stop").isEqualTo("eb1\nBYE");
      ProxyServer.Stopped s = stop.get(LONG_GRACE.toSeconds() + 5, TimeUnit.SECONDS);
      assertThat(s.drained()).as("drained: %s", s).isTrue();
      assertThat(s.took()).as("well before the grace").isLessThan(LONG_GRACE);
    }
  }

  @Test
  void sessionBusyPastHardStopAfterIsClosedAndTheHardStopReported() throws Exception {
    Backends.NameServer a = new Backends.NameServer("web1", 0);
    closing.add(a);
    port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).global("hard-stop-after 300ms").servers("", a).parse();
    Duration hardStop = c.global().hardStopAfter().orElseThrow();
    start(c);
    try (Socket held = client()) {
      assertThat(held.getInputStream().read()).as("established").isEqualTo('w');
      // the client never sends its FIN: the session stays busy until the hard stop
      ProxyServer.Stopped s = proxy.stop(hardStop);
      assertThat(s.forced()).as("sessions closed by the hard stop").isEqualTo(1);
      assertThat(s.took()).as("the hard stop comes at hard-stop-after (%s)", hardStop)
          .isGreaterThanOrEqualTo(hardStop).isLessThan(hardStop.plus(MACHINE));
      assertThat(endOfStream(held)).as("the held connection was closed").isTrue();
    }
    await("hard stop reported as an event").atMost(MACHINE).untilAsserted(() ->
        assertThat(events()).as("LogLine events").anySatisfy(e -> {
          assertThat(e.source()).isEqualTo("lb-test");
          assertThat(e.line()).isEqualTo("Proxy fe hard-stopped (1 remaining conns will be closed).");
        }));
  }

  @Test
  void drainedStopReportsNoHardStop() throws Exception {
    Backends.NameServer a = new Backends.NameServer("web1", 0);
    closing.add(a);
    port = Backends.freePort();
    start(Backends.cfg(port).global("hard-stop-after 5s").servers("", a).parse());
    assertThat(Backends.fetch(port)).as("served").startsWith("web1");
    await().atMost(MACHINE).until(() -> proxy.openSessions() == 0);
    ProxyServer.Stopped s = proxy.stop(Duration.ofSeconds(5));
    assertThat(s.drained()).as("nothing open: %s", s).isTrue();
    proxy.close();
    proxy = null;
    assertThat(events()).as("no hard-stop line after a clean drain").isEmpty();
  }

  private List<LogLine> events() {
    List<LogLine> out = new ArrayList<>();
    for (String line : eventBytes.toString(StandardCharsets.UTF_8).split("\n")) {
      Events.parse(line).filter(LogLine.class::isInstance).map(LogLine.class::cast)
          .ifPresent(out::add);
    }
    return out;
  }

  private Socket client() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(5000);
    return s;
  }

  private static String get() {
    return "GET / HTTP/1.1\r\nHost: lb\r\n\r\n";
  }

  private static String request(Socket s) throws IOException {
    s.getOutputStream().write(get().getBytes(StandardCharsets.US_ASCII));
    return readResponse(s.getInputStream());
  }

  /** One HTTP/1.1 response with a Content-Length: head and body. */
  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("EOF in the response head: " + head);
      }
      head.write(b);
    }
    String h = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    return h + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  /** Reads to the end: true at EOF or a reset, the two ways a proxy may close. */
  private static boolean endOfStream(Socket s) throws IOException {
    try {
      s.getInputStream().readAllBytes();
      return true;
    } catch (SocketException e) {
      return e.getMessage() != null && e.getMessage().contains("reset");
    }
  }

  private static boolean refused(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
