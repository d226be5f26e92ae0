package lbchaos.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import lbchaos.event.Events;
import lbchaos.event.SlowRequest;
import org.junit.jupiter.api.Test;

class TrickleTest {

  static Trickle.Options options(int port, int everyMs, int durationMs) {
    return new Trickle.Options(new Target("127.0.0.1", port), Duration.ofMillis(everyMs),
        Duration.ofMillis(durationMs), "slow-client", 0);
  }

  @Test
  void parsesItsOptions() {
    var o = Trickle.parse(new String[] {"--trickle", "500ms", "--target", "10.0.0.9:80",
        "--duration", "5s"});
    assertThat(o.every()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.name()).isEqualTo("slow-client");
    assertThatThrownBy(() -> Trickle.parse(new String[] {"--trickle", "1s", "--target", "a:1",
        "--duration", "100ms"})).hasMessageContaining("--duration");
  }

  @Test
  void reportsTheAnswerThatCutIt() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = server.accept()) {
          Thread.sleep(350);
          s.getOutputStream().write("HTTP/1.1 408 Request Time-out\r\nconnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
          // the test sees it as not cut
        }
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SlowRequest r = Trickle.run(options(server.getLocalPort(), 100, 3000),
          new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(r.cut()).as("cut").isTrue();
      assertThat(r.answer()).isEqualTo("HTTP/1.1 408 Request Time-out");
      assertThat(r.seconds()).as("when the answer came").isBetween(0.3, 1.5);
      // at least one line before the answer; on a busy machine fewer than the 3 of 350 ms
      assertThat(r.lines()).as("a line every 100 ms until then").isBetween(1, 5);
      assertThat(Events.parse(out.toString(StandardCharsets.UTF_8).strip())).as("one event line")
          .hasValue(r);
    }
  }

  @Test
  void notCutWhenTheServerWaits() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = server.accept()) {
          s.getInputStream().readAllBytes();
        } catch (Exception e) {
          // closed by the client
        }
      });
      SlowRequest r = Trickle.run(options(server.getLocalPort(), 100, 500),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(r.cut()).as("still open when it gave up").isFalse();
      assertThat(r.answer()).isEmpty();
      assertThat(r.seconds()).isBetween(0.45, 1.5);
    }
  }
  /**
   * With --body the head is whole at once (a POST with its length) and the body comes a byte at a
   * time, never the last: what the server reads after the head is body bytes, no header line.
   */
  @Test
  void withBodyTheHeadIsWholeAndTheBodyTrickles() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      var got = new java.util.concurrent.CompletableFuture<String>();
      Thread.ofVirtual().start(() -> {
        try (Socket s = server.accept()) {
          s.setSoTimeout(2000);
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          byte[] buf = new byte[256];
          for (int n; b.size() < 200 && (n = s.getInputStream().read(buf)) > 0; ) {
            b.write(buf, 0, n);
            if (b.toString(StandardCharsets.ISO_8859_1).endsWith("xxx")) {
              break;
            }
          }
          got.complete(b.toString(StandardCharsets.ISO_8859_1));
          s.getOutputStream().write("HTTP/1.1 408 Request Time-out\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
          got.completeExceptionally(e);
        }
      });
      var o = new Trickle.Options(new Target("127.0.0.1", server.getLocalPort()),
          Duration.ofMillis(100), Duration.ofMillis(3000), "slow-body", 1000);
      SlowRequest r = Trickle.run(o, new PrintStream(new ByteArrayOutputStream(), true,
          StandardCharsets.UTF_8));
      assertThat(got.get()).startsWith("POST / HTTP/1.1\r\n").contains("Content-Length: 1000\r\n")
          .endsWith("\r\n\r\nxxx");
      assertThat(r.cut()).isTrue();
      assertThat(r.lines()).as("body bytes sent").isBetween(3, 6);
    }
    assertThatThrownBy(() -> Trickle.parse(new String[] {"--trickle", "1s", "--target", "a:1",
        "--body", "-1"})).hasMessageContaining("--body");
  }
}
