package lbchaos.suites;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lbchaos.harness.topology.Node;

/**
 * Watches for an address to appear on a node's eth0 from inside the node and reports when, on
 * the kernel clock the host and every container share (epoch nanoseconds, as {@code date +%s%N}
 * and {@link #nowNanos()} give it). Polling {@code ip addr} through the engine from outside costs
 * 50-100 ms per look; inside the node a look costs a few ms, so takeover times in the tens of
 * ms (priority 0 handover) can be measured.
 */
final class VipWatch implements Closeable {

  private final CompletableFuture<Long> appeared = new CompletableFuture<>();
  private final Closeable exec;
  private final Node node;

  private VipWatch(Node node, String vip) throws InterruptedException {
    this.node = node;
    CountDownLatch watching = new CountDownLatch(1);
    // 2 ms between looks: a fork of ip and grep per look on a 2-core machine.
    String loop = "echo watching; while ! ip -4 -o addr show dev eth0 | grep -q ' " + vip
        + "/'; do sleep 0.002; done; date +%s%N";
    this.exec = node.stream(line -> {
      if (line.strip().equals("watching")) {
        watching.countDown();
      } else if (line.strip().matches("\\d{15,}")) {
        appeared.complete(Long.parseLong(line.strip()));
      }
    }, "sh", "-c", loop);
    if (!watching.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(node.name() + ": VIP watcher did not start");
    }
  }

  /** Starts watching; returns once the watcher runs in the node. */
  static VipWatch start(Node node, String vip) throws InterruptedException {
    return new VipWatch(node, vip);
  }

  /** When the address appeared (epoch ns), waiting at most {@code within}. */
  long appearedAt(Duration within) throws InterruptedException {
    try {
      return appeared.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(node.name() + ": the VIP did not appear within " + within);
    }
  }

  static long nowNanos() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Runs {@code command} in {@code node} and returns the epoch ns just before it ran there. */
  static long timedExec(Node node, String command) {
    Node.ExecResult r = node.exec(Duration.ofSeconds(10), "sh", "-c", "date +%s%N; " + command);
    String first = r.stdout().strip().split("\n")[0].strip();
    if (!first.matches("\\d{15,}")) {
      throw new IllegalStateException(node.name() + ": '" + command + "' gave " + r);
    }
    return Long.parseLong(first);
  }

  @Override
  public void close() throws IOException {
    exec.close();
    if (!appeared.isDone()) {
      try {
        node.exec(Duration.ofSeconds(5), "pkill", "-f", "echo watching");
      } catch (RuntimeException e) {
        // the node may be gone
      }
    }
  }
}
