package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * mode http through the real proxy on loopback: "observe layer7" taking out a server that answers
 * 500, and "timeout http-request" / "timeout client" cutting a client that trickles its request.
 */
class HttpTimeoutsAndObserveLoopbackTest {

  final List<HttpServer> servers = new ArrayList<>();
  final ByteArrayOutputStream events = new ByteArrayOutputStream();
  ProxyServer proxy;

  HttpServer web(String name, int status) throws Exception {
    HttpServer s = Backends.web(status, ex -> name);
    servers.add(s);
    return s;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    servers.forEach(s -> s.stop(0));
  }

  void start(Backends.Cfg cfg) throws Exception {
    proxy = new ProxyServer(Transport.best(), 2, "lb-http",
        new PrintStream(events, true, StandardCharsets.UTF_8));
    proxy.start(cfg.parse());
  }

  /** One request on its own connection; the status code of the answer. */
  static int status(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return Integer.parseInt(r.substring(9, 12));
    }
  }

  List<Integer> statuses(int port, int n) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(status(port));
    }
    return out;
  }

  @Test
  void observeLayer7MarksAServerDownAfterErrorLimitConsecutive5xx() throws Exception {
    HttpServer bad = web("bad", 500);
    HttpServer good = web("good", 200);
    int port = Backends.freePort();
    // checks are plain connects (they pass) and far apart: only the answers can take it out
    start(Backends.cfg(port).mode("http")
        .backend("default-server check inter 30s observe layer7 error-limit 2 on-error mark-down")
        .server("bad", bad.getAddress().getPort(), "")
        .server("good", good.getAddress().getPort(), ""));
    assertThat(statuses(port, 3)).as("two 500s from 'bad' in a row (its turns)")
        .containsExactly(500, 200, 500);
    // The error streak is counted and acted on by the checks' loop, a task after the answer
    // went out (the request's loop does not wait for it): on a busy machine the client's next
    // turn of 'bad' can come first (CI, once). The DOWN event is written once the routing has
    // changed; from then on only 'good' answers.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events.toString(
        StandardCharsets.UTF_8)).as("the DOWN event and haproxy's reason")
        .contains("\"server\":\"bad\"").contains("Wrong http response"));
    assertThat(statuses(port, 4)).as("only 'good' once 'bad' is down").containsOnly(200);
  }

  @Test
  void observeLayer4Ignores5xxAnd501DoesNotCountUnderLayer7() throws Exception {
    HttpServer bad = web("bad", 500);
    HttpServer odd = web("odd", 501);
    int port = Backends.freePort();
    start(Backends.cfg(port).mode("http")
        .backend("default-server check inter 30s error-limit 1 on-error mark-down")
        .server("bad", bad.getAddress().getPort(), "observe layer4")
        .server("odd", odd.getAddress().getPort(), "observe layer7"));
    assertThat(statuses(port, 6)).as("layer4 sees only connects; a 501 is the client's doing")
        .containsExactly(500, 501, 500, 501, 500, 501);
  }

  /** Sends a request head a line every {@code everyMs}; the answer and when it came. */
  static String[] trickle(int port, int everyMs, int lines, int readTimeoutMs) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(readTimeoutMs);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      long t0 = System.nanoTime();
      out.write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < lines; i++) {
        Thread.sleep(everyMs);
        try {
          out.write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (java.io.IOException e) {
          break; // cut
        }
        if (in.available() > 0) {
          break;
        }
      }
      try {
        String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        return new String[] {answer, Long.toString((System.nanoTime() - t0) / 1_000_000)};
      } catch (SocketTimeoutException e) {
        return new String[] {"", "open"};
      }
    }
  }

  @Test
  void timeoutHttpRequestAnswers408ToATricklingClientWhileOthersAreServed() throws Exception {
    HttpServer good = web("good", 200);
    int port = Backends.freePort();
    start(Backends.cfg(port).mode("http").defaults("timeout http-request 400ms")
        .server("good", good.getAddress().getPort(), ""));
    var slow = new java.util.concurrent.CompletableFuture<String[]>();
    Thread.ofVirtual().start(() -> {
      try {
        slow.complete(trickle(port, 100, 30, 3000));
      } catch (Exception e) {
        slow.completeExceptionally(e);
      }
    });
    Thread.sleep(100);
    assertThat(statuses(port, 3)).as("others served meanwhile").containsOnly(200);
    String[] r = slow.get();
    assertThat(r[0]).as("haproxy's 408 as its h1 mux spells it, then the close")
        .isEqualTo(OwnAnswers.REQUEST_TIMEOUT).contains("\r\nConnection: close\r\n");
    assertThat(Long.parseLong(r[1])).as("cut at about 400 ms, though a line came every 100 ms")
        .isBetween(350L, 1500L);
  }

  @Test
  void withoutTimeoutHttpRequestATricklingClientIsCutOnlyByASilenceOfTimeoutClient()
      throws Exception {
    HttpServer good = web("good", 200);
    int port = Backends.freePort();
    start(Backends.cfg(port).mode("http").defaults("timeout client 400ms")
        .server("good", good.getAddress().getPort(), ""));
    String[] trickling = trickle(port, 100, 10, 300);
    assertThat(trickling[1]).as("a line every 100 ms keeps it alive past 400 ms").isEqualTo("open");
    // a silence longer than timeout client while the headers are incomplete: 408 too
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(3000);
      long t0 = System.nanoTime();
      s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(answer).as("408 after the silence").startsWith("HTTP/1.1 408");
      assertThat(ms).as("after about timeout client").isBetween(350L, 1500L);
    }
  }

  /** The answer to a connection that sends nothing, read until the proxy closes it. */
  static String silent(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(3000);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void anEmptyConnectionGets408UnlessDontlognull() throws Exception {
    HttpServer good = web("good", 200);
    int port = Backends.freePort();
    start(Backends.cfg(port).mode("http").defaults("timeout http-request 300ms")
        .server("good", good.getAddress().getPort(), ""));
    assertThat(silent(port)).as("a first request that never came").startsWith("HTTP/1.1 408");
    proxy.close();
    int quiet = Backends.freePort();
    start(Backends.cfg(quiet).mode("http").defaults("timeout http-request 300ms\n"
        + "option dontlognull").server("good", good.getAddress().getPort(), ""));
    assertThat(silent(quiet)).as("closed without a word").isEmpty();
  }

  /** One request kept alive on {@code s}, its answer read whole; the moment it was read. */
  static long oneRequest(Socket s) throws Exception {
    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    var in = s.getInputStream();
    String got = "";
    while (!got.endsWith("good")) {
      got += (char) in.read();
    }
    return System.nanoTime();
  }

  /**
   * "timeout http-keep-alive" 300 ms with "timeout http-request" 3 s: after an answer, the wait
   * for the next request is the first; a request begun in it must be whole by then too (haproxy
   * 2.6 keeps the deadline it set at the answer's end).
   */
  @Test
  void timeoutHttpKeepAliveBoundsTheWaitForTheNextRequest() throws Exception {
    HttpServer good = web("good", 200);
    int port = Backends.freePort();
    start(Backends.cfg(port).mode("http").defaults("timeout http-request 3s\n"
        + "timeout http-keep-alive 300ms").server("good", good.getAddress().getPort(), ""));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      long answered = oneRequest(s);
      assertThat(s.getInputStream().read()).as("closed without a word").isEqualTo(-1);
      assertThat((System.nanoTime() - answered) / 1_000_000).as("after about 300 ms, not 3 s")
          .isBetween(250L, 1500L);
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      long answered = oneRequest(s);
      Thread.sleep(100);
      s.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).as("a request begun in time but not whole").startsWith("HTTP/1.1 408");
      assertThat((System.nanoTime() - answered) / 1_000_000).as("at 300 ms from the answer")
          .isBetween(250L, 1500L);
    }
  }
}
