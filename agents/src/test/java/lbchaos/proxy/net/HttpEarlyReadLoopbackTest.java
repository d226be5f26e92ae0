package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's next read is asked for while a request is answered (HttpSession#inFlight): what
 * it brings, the next request or the client's FIN, waits until the answer is written and is then
 * passed on, in order, one request at a time.
 */
class HttpEarlyReadLoopbackTest {

  ProxyServer proxy;
  HttpServer web;
  final CountDownLatch slowArrived = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    if (proxy != null) {
      proxy.close();
    }
    if (web != null) {
      web.stop(0);
    }
  }

  /** Requests that reached the server, and the first "/fast" of them. */
  final AtomicInteger served = new AtomicInteger();
  final CountDownLatch fastArrived = new CountDownLatch(1);

  int start() throws Exception {
    return start("");
  }

  /**
   * The proxy in mode http before a server that answers "/slow" once {@link #release}d and
   * anything else at once, on threads of its own: one request held does not hold the others.
   */
  int start(String frontendLines) throws Exception {
    web = Backends.web(200, Executors.newCachedThreadPool(), ex -> {
      served.incrementAndGet();
      if (ex.getRequestURI().getPath().equals("/slow")) {
        slowArrived.countDown();
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "slow";
      }
      fastArrived.countDown();
      return "fast";
    });
    int port = Backends.freePort();
    proxy = new ProxyServer(Transport.best(), 1, "lb-early",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    // a client's FIN must close its connection long before "timeout client" would
    proxy.start(Backends.cfg(port).mode("http").frontend("timeout client 60s\n" + frontendLines)
        .server("web", web.getAddress().getPort(), "").parse());
    return port;
  }

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  /** Everything the proxy sends until it closes, or until {@code n} bodies "slow"/"fast". */
  static String readAll(InputStream in) throws Exception {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] b = new byte[4096];
    for (int r; (r = in.read(b)) > 0; ) {
      got.write(b, 0, r);
    }
    return got.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void aRequestSentWhileTheFirstIsAnsweredIsAnsweredAfterIt() throws Exception {
    int port = start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(get("/slow").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(slowArrived.await(5, TimeUnit.SECONDS)).as("first request at the server").isTrue();
      // the proxy's early read takes these while /slow is still unanswered
      out.write((get("/fast") + "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      release.countDown();
      String all = readAll(s.getInputStream());
      assertThat(all.split("HTTP/1.1 200", -1)).as("three answers: %s", all).hasSize(4);
      assertThat(all.indexOf("slow")).as("the first request's answer first: %s", all)
          .isGreaterThan(0).isLessThan(all.indexOf("fast"));
    }
  }

  /**
   * A kept-alive connection's next request arriving in two reads (a slow client, headers over
   * more than one segment): the codec asks for the rest. The 50 ms between the two writes makes
   * the proxy read the first piece alone; were both read at once the test would pass without
   * checking anything, never fail wrongly.
   */
  @Test
  void aNextRequestThatComesInTwoPiecesIsAnswered() throws Exception {
    int port = start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write(get("/fast").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String first = "";
      while (!first.endsWith("fast")) {
        first += (char) in.read();
      }
      byte[] next = "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);
      out.write(next, 0, 20);
      out.flush();
      Thread.sleep(50);
      out.write(next, 20, next.length - 20);
      out.flush();
      String all = readAll(in);
      assertThat(all).as("the second answer").startsWith("HTTP/1.1 200").endsWith("fast");
    }
  }

  @Test
  void aFinSentWhileTheRequestIsAnsweredStillGetsTheAnswer() throws Exception {
    int port = start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(get("/slow").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      assertThat(slowArrived.await(5, TimeUnit.SECONDS)).as("request at the server").isTrue();
      s.shutdownOutput();
      release.countDown();
      byte[] b = new byte[4096];
      int n = s.getInputStream().read(b);
      assertThat(new String(b, 0, Math.max(n, 0), StandardCharsets.US_ASCII))
          .as("the answer after the client's FIN").startsWith("HTTP/1.1 200").contains("slow");
      assertThat(s.getInputStream().read()).as("then the connection is closed").isEqualTo(-1);
    }
  }

  @Test
  void aFinBetweenRequestsClosesTheConnectionAtOnce() throws Exception {
    int port = start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000); // a read that waits for "timeout client" (60 s) fails
      s.getOutputStream().write(get("/fast").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      byte[] b = new byte[4096];
      int n = s.getInputStream().read(b);
      assertThat(new String(b, 0, Math.max(n, 0), StandardCharsets.US_ASCII)).contains("fast");
      s.shutdownOutput();
      assertThat(s.getInputStream().read()).as("haproxy closes an idle client's connection on"
          + " its FIN").isEqualTo(-1);
    }
  }

  /**
   * Requests that come in one read (pipelined) are answered one at a time, in their order: the
   * second goes to a server only once the first is answered, as haproxy does. The codec decodes
   * every request a read holds; passed on at once, "/fast" would be answered before "/slow".
   */
  @Test
  void pipelinedRequestsAreAnsweredInTheirOrder() throws Exception {
    int port = start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write((get("/slow") + "GET /fast HTTP/1.1\r\nHost: x\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      assertThat(slowArrived.await(5, TimeUnit.SECONDS)).as("request at the server").isTrue();
      assertThat(fastArrived.await(1, TimeUnit.SECONDS))
          .as("the second request at the server while the first is answered").isFalse();
      release.countDown();
      String all = readAll(s.getInputStream());
      assertThat(all.indexOf("slow")).as("answers in the requests' order: " + all)
          .isPositive().isLessThan(all.indexOf("fast"));
    }
  }

  @Test
  void pipelinedRequestsFollowedByTheClientsFinAreAllAnswered() throws Exception {
    int port = start();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write((get("/a") + get("/b") + get("/c"))
          .getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      String all = readAll(s.getInputStream());
      assertThat(all.split("HTTP/1.1 200", -1)).as("three answers, then the close: " + all)
          .hasSize(4);
    }
  }

  /** haproxy's h1 mux refuses what it cannot parse with its 400; nothing goes to a server. */
  @Test
  void anUnreadableRequestIsRefusedWith400() throws Exception {
    int port = start();
    for (String bad : new String[] {"BLAH\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n"}) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(5000);
        s.getOutputStream().write(bad.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        assertThat(readAll(s.getInputStream())).as(bad).isEqualTo(OwnAnswers.BAD_REQUEST);
      }
    }
    assertThat(served).as("requests that reached the server").hasValue(0);
  }

  /**
   * A client's FIN before its request's head is whole: haproxy answers 400 at once (not 408 at
   * "timeout client"), after the answers to the whole requests before it; a connection that
   * sent nothing but its FIN gets the same 400.
   */
  @Test
  void aRequestCutShortByTheClientsFinGets400AtOnce() throws Exception {
    int port = start();
    for (String cut : new String[] {"GET / HT", "GET / HTTP/1.1\r\nHost: x\r\n", ""}) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(5000);
        s.getOutputStream().write(cut.getBytes(StandardCharsets.US_ASCII));
        s.shutdownOutput();
        assertThat(readAll(s.getInputStream())).as("[" + cut + "]")
            .isEqualTo(OwnAnswers.BAD_REQUEST);
      }
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write((get("/a") + "GET / HTTP/1.1\r\nHo")
          .getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      String all = readAll(s.getInputStream());
      assertThat(all).as("the whole request answered, then the cut one")
          .startsWith("HTTP/1.1 200").endsWith(OwnAnswers.BAD_REQUEST);
    }
    assertThat(served).as("requests that reached the server").hasValue(1);
  }

  /** "option http-ignore-probes": a connection that sent nothing is closed without a word. */
  @Test
  void withHttpIgnoreProbesAnEmptyConnectionsFinGetsNoAnswer() throws Exception {
    int port = start("option http-ignore-probes");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.shutdownOutput();
      assertThat(readAll(s.getInputStream())).isEmpty();
    }
  }
}
