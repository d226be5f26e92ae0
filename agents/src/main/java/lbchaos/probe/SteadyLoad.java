package lbchaos.probe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import lbchaos.event.ProbeSample;

/** C clients, each sending request after request with no pause, until the duration or stop(). */
public final class SteadyLoad {

  private final int concurrency;
  private final Optional<Duration> duration;
  private final Supplier<ProbeSample> request;
  private final Consumer<ProbeSample> sink;
  private final CountDownLatch stop = new CountDownLatch(1);

  public SteadyLoad(int concurrency, Optional<Duration> duration, Supplier<ProbeSample> request,
      Consumer<ProbeSample> sink) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    this.concurrency = concurrency;
    this.duration = duration;
    this.request = request;
    this.sink = sink;
  }

  /** No client starts another request; those in flight finish and are reported. */
  public void stop() {
    stop.countDown();
  }

  /** Runs the clients and returns once they have all finished their last request. */
  public void run() {
    long endNanos = System.nanoTime() + duration.map(Duration::toNanos).orElse(Long.MAX_VALUE / 4);
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        clients.execute(() -> {
          while (stop.getCount() > 0 && System.nanoTime() - endNanos < 0) {
            sink.accept(request.get());
          }
        });
      }
    }
  }
}
