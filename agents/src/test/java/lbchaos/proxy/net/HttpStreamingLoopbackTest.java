package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mode http passes a request and its answer on as they come, as haproxy streams them: a body of
 * any length goes through either way (whole-message buffering refused one over 16 MiB, an
 * answer with a 502, a request with a 413), and while one side takes nothing, nothing more is
 * read from the other once the buffers between are full. Only 127.0.0.1 is used.
 */
class HttpStreamingLoopbackTest {

  /** Twice what whole-message buffering took, and more than every buffer on the way holds. */
  static final long BODY = 128L * 1024 * 1024;

  ServerSocket server;
  ProxyServer proxy;
  int port;
  /** What the server has written of its answers' bodies. */
  final AtomicLong written = new AtomicLong();
  /** Released when the server may read the body of a request to /held. */
  final CountDownLatch readBody = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::serve);
    port = Backends.freePort();
    proxy = new ProxyServer(Transport.best(), 1, "lb-streaming",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(Backends.cfg(port).mode("http")
        .frontend("http-request return status 200 content-type text/plain string pong"
            + " if { path /ping }")
        .server("web", server.getLocalPort(), "").parse());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  /**
   * Each connection: the request's head read; to /big a 200 with a {@link #BODY}-byte body; to
   * any other path the request's body (Content-Length) read, once {@link #readBody} is released
   * for /held and after a 100 Continue to a request that expects one, and a 200 whose body is
   * the number of bytes it had (and whether it sent a 100 first).
   */
  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        String head = head(in);
        OutputStream out = s.getOutputStream();
        if (head.startsWith("GET /big ")) {
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          writeBody(out, written);
        } else {
          if (head.contains(" /held ")) {
            readBody.await(30, TimeUnit.SECONDS);
          }
          String lower = head.toLowerCase(java.util.Locale.ROOT);
          boolean expect = lower.contains("\r\nexpect: 100-continue\r\n");
          if (expect) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
          long length = lower.lines().filter(l -> l.startsWith("content-length:"))
              .mapToLong(l -> Long.parseLong(l.substring(15).strip())).findFirst().orElse(0);
          long got = 0;
          for (byte[] buf = new byte[64 * 1024]; got < length; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, length - got));
            if (n < 0) {
              break;
            }
            got += n;
          }
          String count = got + (expect ? " after its 100" : "");
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + count.length() + "\r\n\r\n" + count)
              .getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException | InterruptedException e) {
        // a closed server socket ends the loop; a client gone ends its connection
      }
    }
  }

  /** Writes a {@link #BODY}-byte body in 64 KiB pieces, counting what is written. */
  static void writeBody(OutputStream out, AtomicLong written) throws IOException {
    byte[] piece = new byte[64 * 1024];
    for (long n = 0; n < BODY; n += piece.length) {
      out.write(piece);
      written.addAndGet(piece.length);
    }
  }

  /** A message's head, read up to its empty line (which it ends with). */
  static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) {
      head.append((char) b);
    }
    return head.toString();
  }

  /** Waits until {@code bytes} has not grown for half a second. */
  static void untilStill(AtomicLong bytes, String what) {
    long[] seen = {-1};
    await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      long now = bytes.get();
      boolean still = now == seen[0];
      seen[0] = now;
      return still;
    });
  }

  @Test
  void anAnswersBodyGoesOnAsTheClientTakesIt() throws Exception {
    try (Socket c = new Socket()) {
      c.setReceiveBufferSize(64 * 1024);
      c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      c.setSoTimeout(20_000);
      InputStream in = c.getInputStream();
      c.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(in.readNBytes(15), StandardCharsets.US_ASCII))
          .isEqualTo("HTTP/1.1 200 OK");
      // the client reads nothing more: the server's writes stop once the buffers are full
      untilStill(written, "the server's writes to stop");
      assertThat(written.get()).as("bytes the server wrote while the client read nothing")
          .isLessThan(BODY / 2);
      // then the rest of the head, and the whole body
      assertThat(head(in)).contains("content-length: " + BODY + "\r\n");
      assertThat(in.transferTo(OutputStream.nullOutputStream())).as("body bytes").isEqualTo(BODY);
    }
  }

  @Test
  void aRequestsBodyGoesOnAsTheServerTakesIt() throws Exception {
    AtomicLong sent = new AtomicLong();
    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
      c.setSendBufferSize(64 * 1024);
      c.setSoTimeout(20_000);
      OutputStream out = c.getOutputStream();
      Thread upload = Thread.ofVirtual().start(() -> {
        try {
          out.write(("POST /held HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          writeBody(out, sent);
        } catch (IOException e) {
          // the assertions below say what came of it
        }
      });
      // the server reads nothing of the body yet: the client's writes stop
      untilStill(sent, "the client's writes to stop");
      assertThat(sent.get()).as("bytes the client wrote while the server read nothing")
          .isLessThan(BODY / 2);
      readBody.countDown();
      InputStream in = c.getInputStream();
      assertThat(head(in)).startsWith("HTTP/1.1 200 OK\r\n");
      assertThat(new String(in.readNBytes(Long.toString(BODY).length()),
          StandardCharsets.US_ASCII)).as("the body's bytes the server had").isEqualTo(
          Long.toString(BODY));
      upload.join(Duration.ofSeconds(10));
    }
  }

  /**
   * "Expect: 100-continue" goes on to the server, whose 100 Continue the client gets before it
   * sends the body, as haproxy passes them (side by side); Netty's aggregator answered the
   * client itself and took the header out.
   */
  @Test
  void aServersContinueAnswersTheClientsExpect() throws Exception {
    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
      c.setSoTimeout(10_000);
      OutputStream out = c.getOutputStream();
      out.write(("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
          + "Content-Length: 3\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = c.getInputStream();
      assertThat(head(in)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      out.write("abc".getBytes(StandardCharsets.US_ASCII));
      assertThat(head(in)).startsWith("HTTP/1.1 200 OK\r\n");
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("3 after its 100");
    }
  }

  /**
   * A request the proxy answers itself before its body is all in: the rest of the body is read
   * and dropped, and the connection goes on to the next request.
   */
  @Test
  void theNextRequestFollowsABodyTheProxyDidNotNeed() throws Exception {
    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
      c.setSoTimeout(10_000);
      OutputStream out = c.getOutputStream();
      int length = 4 * 1024 * 1024;
      out.write(("POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = c.getInputStream();
      String first = head(in);
      assertThat(first).startsWith("HTTP/1.1 200");
      assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("pong");
      out.write(new byte[length]);
      out.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(head(in)).startsWith("HTTP/1.1 200 OK\r\n");
      assertThat(new String(in.readNBytes(1), StandardCharsets.US_ASCII))
          .as("the next request's body, as the server had it").isEqualTo("3");
    }
  }
}
