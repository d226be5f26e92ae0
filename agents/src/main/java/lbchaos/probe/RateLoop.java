package lbchaos.probe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import lbchaos.event.ProbeSample;

/**
 * Starts one request every 1/rate seconds on a fixed schedule, each on its own virtual thread, so a
 * slow request (up to its timeout) never delays the next one: requests overlap instead. Tick i is
 * due at start + i/rate; a tick the loop reaches late still fires (at once), so the count over a
 * run is floor(duration x rate) whatever the answers do.
 */
public final class RateLoop {

  private final double rate;
  private final Optional<Duration> duration;
  private final Supplier<ProbeSample> request;
  private final Consumer<ProbeSample> sink;
  private final CountDownLatch stop = new CountDownLatch(1);

  public RateLoop(double rate, Optional<Duration> duration, Supplier<ProbeSample> request,
      Consumer<ProbeSample> sink) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + rate);
    }
    this.rate = rate;
    this.duration = duration;
    this.request = request;
    this.sink = sink;
  }

  /** Asks the loop to start no more requests; those in flight still finish and are reported. */
  public void stop() {
    stop.countDown();
  }

  /**
   * Runs until the duration has passed (all of it) or {@link #stop()}; returns after every
   * started request has reported (at most one timeout later). Returns the number started.
   */
  public long run() throws InterruptedException {
    long periodNanos = Math.round(1e9 / rate);
    long startNanos = System.nanoTime();
    long limitNanos = duration.map(Duration::toNanos).orElse(Long.MAX_VALUE);
    long started = 0;
    try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
      while (true) {
        long offset = started * periodNanos;
        if (offset >= limitNanos || offset < 0) {
          // No tick left: still run the whole duration, so rates over it come out right.
          long rest = startNanos + limitNanos - System.nanoTime();
          if (duration.isPresent() && rest > 0) {
            stop.await(rest, TimeUnit.NANOSECONDS);
          }
          break;
        }
        long wait = startNanos + offset - System.nanoTime();
        if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
          break;
        }
        if (stop.getCount() == 0) {
          break;
        }
        requests.execute(() -> sink.accept(request.get()));
        started++;
      }
    } // close() waits for the requests in flight
    return started;
  }
}
