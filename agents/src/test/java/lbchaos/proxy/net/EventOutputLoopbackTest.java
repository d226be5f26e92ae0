package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import lbchaos.proxy.config.HaproxyConfig;
import org.junit.jupiter.api.Test;

/**
 * A server's DOWN event is written while the event output is stuck (a slow reader of the
 * container's stdout; the first JSON line of a JVM also took 0.3-0.8 s): traffic on the event
 * loop that runs the health checks must keep flowing. One event-loop thread, so every client
 * shares the checks' loop.
 */
class EventOutputLoopbackTest {

  /** An output that blocks every write until released, and says when a write arrived. */
  static final class StuckOutput extends OutputStream {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean written = new AtomicBoolean();

    @Override
    public void write(int b) throws IOException {
      written.set(true);
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  @Test
  void stuckEventOutputDoesNotStallTraffic() throws Exception {
    Backends.NameServer a = new Backends.NameServer("web1", 0);
    Backends.NameServer b = new Backends.NameServer("web2", 0);
    int port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).backend("retries 2\noption redispatch")
        .servers("check inter 100ms fall 1 rise 1", a, b).parse();
    StuckOutput out = new StuckOutput();
    try (a; ProxyServer proxy = new ProxyServer(Transport.best(), 1, "lb-test",
        new PrintStream(out, true, StandardCharsets.UTF_8))) {
      proxy.start(c);
      try {
        stalledOrNot(port, b, out);
      } finally {
        out.release.countDown(); // else closing the proxy would wait on the stuck loop
      }
    }
  }

  private static void stalledOrNot(int port, Backends.NameServer b, StuckOutput out)
    throws IOException {
    assertThat(Backends.fetch(port).strip()).as("healthy baseline").isEqualTo("web1");
    b.close();
    // fall 1 at inter 100 ms: DOWN within a few checks; its event line then hangs in write
    await("the DOWN event is being written").atMost(Duration.ofSeconds(3))
        .until(out.written::get);
    long t0 = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      assertThat(Backends.fetch(port).strip()).as("answer %d while the event output is stuck",
          i).isEqualTo("web1");
    }
    // ten loopback exchanges take milliseconds; the bound only has to tell "flowing" from
    // "stalled behind the output" (forever, here), with room for a loaded 2-core machine
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("time for 10 answers")
        .isLessThan(Duration.ofSeconds(2));
  }
}
