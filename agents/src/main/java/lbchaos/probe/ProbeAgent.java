package lbchaos.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;

/**
 * The {@code probe} agent: the article's curl loop as a program. Writes one ProbeSample JSON line
 * per request on stdout and a {@link LoadSummary} line at the end; stops at the end of
 * {@code --duration}, on SIGTERM, or (with {@code --stdin}) when stdin closes, and in every case
 * reports the requests in flight before it exits.
 */
public final class ProbeAgent {

  private ProbeAgent() {}

  public static int main(String[] args) throws Exception {
    if (HoldOpen.wanted(args)) {
      return HoldOpen.main(args);
    }
    if (Trickle.wanted(args)) {
      return Trickle.main(args);
    }
    ProbeConfig config;
    try {
      config = ProbeArgs.parse(args);
      config.target().resolve();
    } catch (IllegalArgumentException e) {
      System.err.println("probe: " + e.getMessage());
      System.err.print(ProbeArgs.USAGE);
      return 2;
    }
    return run(config, System.out, System.in, true);
  }

  /** Runs a whole probe; {@code hooks} installs the SIGTERM hook (tests run without it). */
  public static int run(ProbeConfig config, PrintStream out, InputStream stdin, boolean hooks)
      throws InterruptedException {
    Prober prober = Prober.of(config);
    LatencyStats stats = new LatencyStats();
    java.util.function.Consumer<ProbeSample> sink = s -> {
      stats.record(s);
      if (config.samples()) {
        Events.emit(out, s);
      }
    };
    Runnable stop;
    Loop loop;
    if (config.steadyLoad()) {
      SteadyLoad load = new SteadyLoad(config.concurrency(), config.duration(), prober::probeOnce, sink);
      stop = load::stop;
      loop = load::run;
    } else {
      RateLoop rate = new RateLoop(config.rate(), config.duration(), prober::probeOnce, sink);
      stop = rate::stop;
      loop = rate::run;
    }
    CountDownLatch finished = new CountDownLatch(1);
    if (hooks) {
      // SIGTERM: stop scheduling, then let the main thread report what is in flight.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.run();
        try {
          finished.await(config.timeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "probe-sigterm"));
    }
    if (config.stopOnStdinEof()) {
      Thread.ofVirtual().name("probe-stdin").start(() -> {
        drain(stdin);
        stop.run();
      });
    }
    long t0 = System.nanoTime();
    try {
      loop.run();
      LoadSummary summary = stats.summary(config.name(),
          Duration.ofNanos(System.nanoTime() - t0), config.concurrency());
      synchronized (out) {
        out.println(summary.toJson());
        out.flush();
      }
    } finally {
      finished.countDown();
    }
    return 0;
  }

  @FunctionalInterface
  private interface Loop {
    void run() throws InterruptedException;
  }

  private static void drain(InputStream in) {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // the content does not matter; only its end does
      }
    } catch (IOException e) {
      // a broken stdin counts as closed
    }
  }
}
