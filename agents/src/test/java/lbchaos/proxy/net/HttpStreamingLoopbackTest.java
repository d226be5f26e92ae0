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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mode http passes an answer on as it comes, as haproxy streams it: a body of any length goes
 * through (whole-message buffering refused one over 16 MiB with a 502), and while the client
 * reads nothing, nothing more is read from the server once the buffers between are full. Only
 * 127.0.0.1 is used.
 */
class HttpStreamingLoopbackTest {

  /** Twice what whole-message buffering took, and more than every buffer on the way holds. */
  static final long BODY = 128L * 1024 * 1024;

  ServerSocket server;
  ProxyServer proxy;
  int port;
  /** What the server has written of its answers' bodies. */
  final AtomicLong written = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::serve);
    port = Backends.freePort();
    proxy = new ProxyServer(Transport.best(), 1, "lb-streaming",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(Backends.cfg(port).mode("http").server("web", server.getLocalPort(), "").parse());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  /** Each connection: the request's head read, then a 200 with a {@link #BODY}-byte body. */
  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        for (int last = 0, b; (b = in.read()) >= 0; last = last << 8 | b) {
          if ((last << 8 | b) == 0x0d0a0d0a) {
            break;
          }
        }
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        byte[] piece = new byte[64 * 1024];
        for (long n = 0; n < BODY; n += piece.length) {
          out.write(piece);
          written.addAndGet(piece.length);
        }
        out.flush();
      } catch (IOException e) {
        // a closed server socket ends the loop; a client gone ends its connection
      }
    }
  }

  @Test
  void aBodyGoesOnAsTheClientTakesIt() throws Exception {
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
      long[] seen = {-1};
      await("the server's writes to stop").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = written.get();
            boolean still = now == seen[0];
            seen[0] = now;
            return still;
          });
      assertThat(written.get()).as("bytes the server wrote while the client read nothing")
          .isLessThan(BODY / 2);
      // then the rest of the head, and the whole body
      StringBuilder head = new StringBuilder("HTTP/1.1 200 OK");
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      assertThat(head.toString()).contains("Content-Length: " + BODY + "\r\n");
      assertThat(in.transferTo(OutputStream.nullOutputStream())).as("body bytes").isEqualTo(BODY);
    }
  }
}
