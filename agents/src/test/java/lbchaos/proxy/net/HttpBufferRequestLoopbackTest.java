package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.event.AccessLog;
import lbchaos.event.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "option http-buffer-request" through the real proxy on loopback, as haproxy 2.6.12 does it
 * (side by side in the node image, a body sent slowly in pieces): the server is connected once
 * the body is all in, or once it fills haproxy's buffer; an "Expect: 100-continue" is answered
 * by the proxy; a body that does not come within "timeout http-request" is a 408 logged "cR--"
 * without a server, and the connection then waits for the client's FIN. Without the option the
 * server is connected at the head and the body streams, the negative case of each timing.
 */
class HttpBufferRequestLoopbackTest {

  /** What the server got on one connection: when it came, the head, the body's length. */
  record Got(long acceptedNanos, String head, int bodyBytes) {}

  final List<Got> got = new CopyOnWriteArrayList<>();
  /** Connections the server accepted, answered or not yet. */
  final java.util.concurrent.atomic.AtomicInteger accepted =
      new java.util.concurrent.atomic.AtomicInteger();
  final ByteArrayOutputStream events = new ByteArrayOutputStream();
  ServerSocket server;
  ProxyServer proxy;
  int port;

  @BeforeEach
  void serve() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          long at = System.nanoTime();
          accepted.incrementAndGet();
          Thread.ofVirtual().start(() -> answer(s, at));
        } catch (IOException e) {
          return; // closed
        }
      }
    });
    port = Backends.freePort();
  }

  private void answer(Socket s, long at) {
    try (s) {
      s.setSoTimeout(10_000);
      var in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.ISO_8859_1));
      String head = Backends.lowerHead(in);
      int length = Backends.contentLength(head);
      int n = 0;
      while (n < length && in.read() >= 0) {
        n++;
      }
      got.add(new Got(at, head, n));
      s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
          .getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // the proxy left
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    server.close();
  }

  void start(Backends.Cfg cfg) throws Exception {
    proxy = new ProxyServer(Transport.best(), 1, "lb-buffer",
        new PrintStream(events, true, StandardCharsets.UTF_8));
    proxy.start(cfg.global("log stdout format raw local0")
        .defaults("log global\noption httplog").server("web", server.getLocalPort(), "").parse());
  }

  static Socket client(int port) throws IOException {
    Socket c = new Socket(InetAddress.getLoopbackAddress(), port);
    c.setSoTimeout(5000);
    return c;
  }

  static void send(Socket c, String text) throws IOException {
    OutputStream out = c.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  static String head(int contentLength, String extra) {
    return "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + contentLength + "\r\n"
        + extra + "\r\n";
  }

  /** Reads up to the end of an answer's head, and its body when it has a length. */
  static String answer(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
    }
    String h = b.toString(StandardCharsets.ISO_8859_1);
    return h + new String(in.readNBytes(Backends.contentLength(h)), StandardCharsets.ISO_8859_1);
  }

  List<AccessLog> logged() {
    return events.toString(StandardCharsets.UTF_8).lines().map(Events::parse)
        .flatMap(java.util.Optional::stream).filter(AccessLog.class::isInstance)
        .map(AccessLog.class::cast).toList();
  }

  /**
   * A body sent in three pieces 300 ms apart: the moment the server is connected, against the
   * moment the last piece left the client. The answer is 200 either way.
   */
  long acceptedAfterLastPieceMillis() throws Exception {
    try (Socket c = client(port)) {
      send(c, head(3000, "") + "a".repeat(1000));
      Thread.sleep(300); // the client's pace, not a wait for the proxy
      send(c, "b".repeat(1000));
      Thread.sleep(300);
      long last = System.nanoTime();
      send(c, "c".repeat(1000));
      assertThat(answer(c.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok");
      await("the server's record").atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
      assertThat(got.getFirst().bodyBytes()).isEqualTo(3000);
      return (got.getFirst().acceptedNanos() - last) / 1_000_000;
    }
  }

  @Test
  void theServerIsConnectedOnceTheBodyIsAllIn() throws Exception {
    start(Backends.cfg(port).mode("http").frontend("option http-buffer-request"));
    assertThat(acceptedAfterLastPieceMillis()).as("connected after the last piece, not before")
        .isGreaterThanOrEqualTo(0);
    AccessLog l = logged().getFirst();
    assertThat(l.status()).isEqualTo(200);
    assertThat(l.tR()).as("TR covers the wait for the body, as haproxy's (901 ms there)")
        .isGreaterThanOrEqualTo(550);
  }

  @Test
  void withoutTheOptionTheServerIsConnectedAtTheHead() throws Exception {
    start(Backends.cfg(port).mode("http"));
    assertThat(acceptedAfterLastPieceMillis()).as("connected before the last piece left")
        .isLessThan(-250);
    assertThat(logged().getFirst().tR()).as("TR ends with the headers").isLessThan(250);
  }

  @Test
  void aBackendsOptionWaitsTooWhenItsFrontendHasNone() throws Exception {
    start(Backends.cfg(port).mode("http").backend("option http-buffer-request"));
    assertThat(acceptedAfterLastPieceMillis()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aBodyLargerThanTheBufferGoesOnBeforeItIsWhole() throws Exception {
    start(Backends.cfg(port).mode("http").frontend("option http-buffer-request"));
    try (Socket c = client(port)) {
      send(c, head(100_000, "") + "a".repeat(20_000));
      // haproxy 2.6.12 connects once 15,204 bytes of such a body are in (RequestBody.room)
      connectedBeforeTheRest(c, "b".repeat(80_000), 100_000);
    }
  }

  /**
   * The server is connected while {@code rest} of the body is still at the client; then it is
   * sent, and the server gets the whole body, {@code total} bytes, and answers.
   */
  private void connectedBeforeTheRest(Socket c, String rest, int total) throws Exception {
    await("the server connected with " + rest.length() + " bytes still at the client")
        .atMost(Duration.ofSeconds(5)).until(() -> accepted.get() == 1);
    send(c, rest);
    assertThat(answer(c.getInputStream())).startsWith("HTTP/1.1 200");
    await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
    assertThat(got.getFirst().bodyBytes()).isEqualTo(total);
  }

  @Test
  void aBodyUnderTheBufferIsNotConnectedUntilItEnds() throws Exception {
    start(Backends.cfg(port).mode("http").frontend("option http-buffer-request"));
    try (Socket c = client(port)) {
      send(c, head(14_000, "") + "a".repeat(13_000)); // under RequestBody.room (15,207 here)
      Thread.sleep(500); // the client's pace
      assertThat(accepted).as("no connection to the server while 1,000 bytes are missing")
          .hasValue(0);
      long last = System.nanoTime();
      send(c, "b".repeat(1000));
      assertThat(answer(c.getInputStream())).startsWith("HTTP/1.1 200");
      await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
      assertThat(got.getFirst().acceptedNanos()).isGreaterThanOrEqualTo(last);
    }
  }

  @Test
  void anExpectContinueIsAnsweredByTheProxyAndNotPassedOn() throws Exception {
    start(Backends.cfg(port).mode("http").frontend("option http-buffer-request"));
    try (Socket c = client(port)) {
      send(c, head(10, "Expect: 100-continue\r\n"));
      assertThat(answer(c.getInputStream())).as("before any body byte was sent")
          .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      send(c, "0123456789");
      assertThat(answer(c.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
    assertThat(got.getFirst().head()).doesNotContain("expect:");
  }

  @Test
  void aBodyThatDoesNotComeInTimeIs408AndTheConnectionWaitsForTheClientsFin() throws Exception {
    // timeout http-request 500ms, counted from the end of the headers
    start(Backends.cfg(port).mode("http")
        .frontend("option http-buffer-request\ntimeout http-request 500ms"));
    try (Socket c = client(port)) {
      long sent = System.nanoTime();
      send(c, head(3000, "") + "a");
      String a = answer(c.getInputStream());
      long took = (System.nanoTime() - sent) / 1_000_000;
      assertThat(a).startsWith("HTTP/1.1 408 Request Time-out").contains("connection: close");
      assertThat(took).as("timeout http-request, 500 ms, with 1 s of slack").isBetween(450L, 1500L);
      c.setSoTimeout(300);
      assertThatThrownBy(() -> c.getInputStream().read())
          .as("the connection stays open after the 408, as haproxy's")
          .isInstanceOf(SocketTimeoutException.class);
      c.shutdownOutput();
      c.setSoTimeout(5000);
      assertThat(c.getInputStream().read()).as("the client's FIN closes it").isEqualTo(-1);
    }
    assertThat(accepted).as("no server was connected").hasValue(0);
    await().atMost(Duration.ofSeconds(5)).until(() -> !logged().isEmpty());
    AccessLog l = logged().getFirst();
    assertThat(l.status()).isEqualTo(408);
    assertThat(l.termination()).isEqualTo("cR--");
    assertThat(l.backend()).as("no backend yet: the frontend's name").isEqualTo("fe");
    assertThat(l.server()).isEqualTo(AccessLog.NO_SERVER);
    assertThat(List.of(l.tR(), l.tw(), l.tc(), l.tr())).containsOnly(-1);
  }

  @Test
  void aBackendsWaitLastsItsOwnTimeoutHttpRequestAndIsLoggedAgainstIt() throws Exception {
    start(Backends.cfg(port).mode("http").frontend("timeout http-request 10s")
        .backend("option http-buffer-request\ntimeout http-request 500ms"));
    try (Socket c = client(port)) {
      long sent = System.nanoTime();
      send(c, head(3000, "") + "a");
      assertThat(answer(c.getInputStream())).startsWith("HTTP/1.1 408");
      assertThat((System.nanoTime() - sent) / 1_000_000).isBetween(450L, 1500L);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !logged().isEmpty());
    assertThat(logged().getFirst().backend()).isEqualTo("be");
    assertThat(accepted).hasValue(0);
  }

  /**
   * "http-request wait-for-body time T at-least N": the server is connected once N bytes of the
   * body are in, not before, with the rest still at the client.
   */
  @Test
  void aWaitForBodyRuleConnectsOnceItsAtLeastBytesAreIn() throws Exception {
    start(Backends.cfg(port).mode("http")
        .frontend("http-request wait-for-body time 5s at-least 1k if METH_POST"));
    try (Socket c = client(port)) {
      send(c, head(3000, "") + "a".repeat(500));
      Thread.sleep(300); // the client's pace
      assertThat(accepted).as("500 bytes of the 1k it waits for").hasValue(0);
      send(c, "b".repeat(600));
      connectedBeforeTheRest(c, "c".repeat(1900), 3000);
    }
  }

  /** A wait-for-body rule's time runs out: 408, the rule's time rather than any timeout's. */
  @Test
  void aWaitForBodyRuleThatRunsOutIs408() throws Exception {
    start(Backends.cfg(port).mode("http").frontend("timeout http-request 10s")
        .backend("http-request wait-for-body time 500ms"));
    try (Socket c = client(port)) {
      long sent = System.nanoTime();
      send(c, head(3000, "") + "a");
      assertThat(answer(c.getInputStream())).startsWith("HTTP/1.1 408");
      assertThat((System.nanoTime() - sent) / 1_000_000).as("500 ms, with 1 s of slack")
          .isBetween(450L, 1500L);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !logged().isEmpty());
    assertThat(logged().getFirst().backend()).as("the backend whose rule waited").isEqualTo("be");
    assertThat(accepted).hasValue(0);
  }
}
