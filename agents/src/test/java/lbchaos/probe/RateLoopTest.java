package lbchaos.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;
import org.junit.jupiter.api.Test;

class RateLoopTest {

  private static CompletableFuture<Long> start(RateLoop loop) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return loop.run();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void startsRateTimesDurationRequests() {
    List<ProbeSample> seen = new CopyOnWriteArrayList<>();
    RateLoop loop = new RateLoop(50, Optional.of(Duration.ofMillis(1000)),
        () -> new ProbeSample(Events.nowMicros(), "t", Events.nowMicros(), "webserver-1", null),
        seen::add);
    CompletableFuture<Long> run = start(loop);
    await().atMost(Duration.ofSeconds(5)).until(run::isDone);
    assertThat(run.join()).as("requests started in 1 s at 50/s").isEqualTo(50);
    assertThat(seen).as("every started request reported").hasSize(50);
    long spanMicros = seen.getLast().at() - seen.getFirst().at();
    assertThat(spanMicros).as("first to last start, micros (49 periods of 20 ms)")
        .isBetween(900_000L, 1_400_000L);
  }

  @Test
  void aSlowRequestDoesNotDelayTheSchedule() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<ProbeSample> seen = new CopyOnWriteArrayList<>();
    RateLoop loop = new RateLoop(20, Optional.of(Duration.ofMillis(500)), () -> {
      long at = Events.nowMicros();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        release.await(2, TimeUnit.SECONDS); // every request hangs until the schedule is done
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return new ProbeSample(at, "t", Events.nowMicros(), null, ProbeSample.ErrorKind.TIMEOUT);
    }, seen::add);
    CompletableFuture<Long> run = start(loop);
    await().atMost(Duration.ofSeconds(3)).until(() -> maxInFlight.get() >= 10);
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(run::isDone);
    assertThat(run.join()).as("requests started in 0.5 s at 20/s, all hanging").isEqualTo(10);
    assertThat(maxInFlight.get()).as("requests overlapped instead of queueing").isEqualTo(10);
    assertThat(seen).as("hanging requests still reported").hasSize(10);
  }

  @Test
  void stopEndsAnOpenEndedRun() {
    AtomicInteger count = new AtomicInteger();
    RateLoop loop = new RateLoop(100, Optional.empty(),
        () -> new ProbeSample(Events.nowMicros(), "t", Events.nowMicros(), "w", null),
        s -> count.incrementAndGet());
    CompletableFuture<Long> run = start(loop);
    await().atMost(Duration.ofSeconds(3)).until(() -> count.get() >= 5);
    loop.stop();
    await().atMost(Duration.ofSeconds(3)).until(run::isDone);
    assertThat(run.join()).as("started = reported after stop").isEqualTo(count.get());
  }
}
