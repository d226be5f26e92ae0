package lbchaos.proxy.check;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import lbchaos.proxy.config.CheckTiming;
import lbchaos.proxy.config.Global;
import lbchaos.proxy.config.HealthCheck;

/**
 * Drives a {@link CheckScheduler} on one event loop: wakes at the next due time, runs the due
 * checks through {@link NettyCheckRunner}, feeds results back and reports transitions. All
 * scheduler access happens on that loop.
 */
public final class HealthChecker implements AutoCloseable {

  /** What one server's checks need at run time. */
  public record Probe(CheckTarget target, InetSocketAddress address, HealthCheck check,
      CheckTiming timing, java.util.Optional<lbchaos.proxy.tls.Origination> tls) {

    /** A check in plain TCP. */
    public Probe(CheckTarget target, InetSocketAddress address, HealthCheck check,
        CheckTiming timing) {
      this(target, address, check, timing, java.util.Optional.empty());
    }
  }

  /** Told of every finished check and every UP/DOWN change. */
  public interface Listener {
    void checked(int server, CheckResult result);

    void transition(int server, Transition transition);
  }

  private final List<Probe> probes;
  private final CheckScheduler scheduler;
  private final EventLoop loop;
  private final NettyCheckRunner runner;
  private final Listener listener;
  private final InstantSource clock;
  private ScheduledFuture<?> wakeup;
  private volatile boolean closed;
  /** 1 while server id may have an error streak that a successful connect must end. */
  private final AtomicIntegerArray streak;

  public HealthChecker(List<Probe> probes, Global global, EventLoop loop, NettyCheckRunner runner,
      Listener listener) {
    this.probes = List.copyOf(probes);
    this.streak = new AtomicIntegerArray(probes.size());
    this.loop = loop;
    this.runner = runner;
    this.listener = listener;
    this.clock = monotonic();
    this.scheduler = new CheckScheduler(probes.stream().map(Probe::target).toList(), global,
        clock.instant(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Wall-clock start plus monotonic elapsed time: intervals survive clock steps. */
  private static InstantSource monotonic() {
    Instant base = Instant.now();
    long nanoBase = System.nanoTime();
    return () -> base.plusNanos(System.nanoTime() - nanoBase);
  }

  public void start() {
    loop.execute(this::wake);
  }

  private void wake() {
    if (closed) {
      return;
    }
    for (int id : scheduler.startDue(clock.instant())) {
      Probe p = probes.get(id);
      runner.run(loop, p.address(), p.check(), p.timing(), p.tls()).whenComplete((r, e) -> loop.execute(() -> {
        CheckResult res = r != null ? r : CheckResult.of(CheckStatus.SOCKERR, Duration.ZERO,
            String.valueOf(e));
        if (closed) {
          return;
        }
        Optional<Transition> t = scheduler.completed(id, res, clock.instant());
        listener.checked(id, res);
        t.ifPresent(x -> listener.transition(id, x));
        reschedule();
      }));
    }
    reschedule();
  }

  private void reschedule() {
    if (wakeup != null) {
      wakeup.cancel(false);
      wakeup = null;
    }
    Optional<Instant> next = scheduler.nextDue();
    if (next.isPresent() && !closed) {
      long delay = Math.max(0, Duration.between(clock.instant(), next.get()).toNanos());
      wakeup = loop.schedule(this::wake, delay, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Server {@code id}'s health counter, for "show servers state". Read from any thread: a
   * value of a moment, as haproxy's CLI reads it without the check's lock.
   */
  public int health(int id) {
    return scheduler.health(id);
  }

  /** Maintenance begins for server {@code id}: its checks pause. Any thread. */
  public void pause(int id) {
    loop.execute(() -> {
      scheduler.pause(id);
      reschedule();
    });
  }

  /** Maintenance ends for server {@code id}: UP, checked at once. Any thread. */
  public void resume(int id) {
    loop.execute(() -> {
      scheduler.resume(id, clock.instant());
      reschedule();
    });
  }

  /**
   * What live traffic told about server {@code id}, read as its "observe" layer reads it (an
   * error, a success, or nothing). Any thread.
   */
  public void traffic(int id, Traffic t) {
    Optional<Boolean> failed = t.failed(probes.get(id).target().observe().layer());
    if (failed.isEmpty()) {
      return;
    }
    if (failed.get()) {
      trafficError(id, t.description());
    } else {
      trafficOk(id);
    }
  }

  /** Live traffic reached server {@code id}. Any thread. */
  public void trafficOk(int id) {
    // Every proxied connection ends here, mostly on another event loop: hop only when there is
    // an error streak to end, not a task and a wake-up of the checks' loop per request.
    if (streak.get(id) != 0 && streak.getAndSet(id, 0) != 0) {
      loop.execute(() -> scheduler.trafficOk(id));
    }
  }

  /** Live traffic failed to reach server {@code id}. Any thread. */
  public void trafficError(int id, String what) {
    streak.set(id, 1);
    loop.execute(() -> {
      scheduler.trafficError(id, what, clock.instant())
          .ifPresent(t -> listener.transition(id, t));
      reschedule();
    });
  }

  @Override
  public void close() {
    closed = true;
    loop.execute(() -> {
      if (wakeup != null) {
        wakeup.cancel(false);
      }
    });
  }
}
