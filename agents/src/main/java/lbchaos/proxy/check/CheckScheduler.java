package lbchaos.proxy.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import lbchaos.proxy.config.Global;

/**
 * When to check which server, and what the results mean, as pure logic: every method takes the
 * current time, nothing reads a clock or touches a socket. Not thread-safe; the edge confines it
 * to one thread.
 *
 * <p>First checks (haproxy start_checks): spread over the smallest check interval of all
 * checked servers, capped by "max-spread-checks": the checked server at position p of n (file
 * order, across backends) is first checked at start + mininter * p / n, in whole milliseconds.
 * So the first server is checked at once, and with two servers and inter 2s the second at 1s.
 *
 * <p>Next checks: a check's interval starts when the previous check ends; inter while fully up,
 * downinter while fully down, fastinter in between (see {@link Health}). With "spread-checks
 * P", each interval is moved by a uniform random amount within +-P%.
 */
public final class CheckScheduler {

  private static final class Slot {
    final CheckTarget target;
    final Health health;
    Instant due;
    boolean inFlight;
    int consecutiveErrors;
    /** In maintenance (the "disabled" keyword or the runtime API): no checks. */
    boolean paused;

    Slot(CheckTarget target) {
      this.target = target;
      this.paused = target.disabled();
      this.health = new Health(target.check().rise(), target.check().fall());
    }
  }

  private final List<Slot> slots = new ArrayList<>();
  private final int spreadPercent;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1), used only with spread-checks
   */
  public CheckScheduler(List<CheckTarget> targets, Global global, Instant start,
      DoubleSupplier random) {
    this.spreadPercent = global.spreadChecks();
    this.random = random;
    long mininter = 0;
    int n = 0;
    for (CheckTarget t : targets) {
      Slot s = new Slot(t);
      slots.add(s);
      if (t.checked()) {
        long i = interval(s).toMillis();
        mininter = n == 0 ? i : Math.min(mininter, i);
        n++;
      }
    }
    if (global.maxSpreadChecks().isPresent()) {
      mininter = Math.min(mininter, global.maxSpreadChecks().get().toMillis());
    }
    int pos = 0;
    for (Slot s : slots) {
      if (s.target.checked()) {
        s.due = start.plusMillis(mininter * pos / n);
        pos++;
      }
    }
  }

  public int size() {
    return slots.size();
  }

  public CheckTarget target(int id) {
    return slots.get(id).target;
  }

  /** Whether the server takes traffic as far as health is concerned (disabled ones never do). */
  public boolean up(int id) {
    Slot s = slots.get(id);
    return !s.paused && s.health.up();
  }

  /**
   * Maintenance begins (haproxy's CHK_ST_PAUSED): no check starts, and the result of one in
   * flight is dropped.
   */
  public void pause(int id) {
    Slot s = slots.get(id);
    s.paused = true;
    s.due = null;
    s.consecutiveErrors = 0;
    s.health.stop();
  }

  /**
   * Maintenance ends: the server is UP with its counter at rise and, when it has checks, is
   * checked at once (haproxy's srv_clr_admin_flag). No-op when not paused.
   */
  public void resume(int id, Instant now) {
    Slot s = slots.get(id);
    if (!s.paused) {
      return;
    }
    s.paused = false;
    s.health.restart();
    s.due = s.target.check().enabled() && !s.inFlight ? now : null;
  }

  /** Whether the server is in maintenance, its checks paused. */
  public boolean paused(int id) {
    return slots.get(id).paused;
  }

  /** The health counter, 0 .. rise+fall-1. */
  public int health(int id) {
    return slots.get(id).health.value();
  }

  /** When the next check of this server is due; empty when unchecked or in flight. */
  public Optional<Instant> due(int id) {
    Slot s = slots.get(id);
    return s.inFlight || s.due == null ? Optional.empty() : Optional.of(s.due);
  }

  /** The earliest due time of any server not being checked now. */
  public Optional<Instant> nextDue() {
    Instant min = null;
    for (Slot s : slots) {
      if (!s.inFlight && s.due != null && (min == null || s.due.isBefore(min))) {
        min = s.due;
      }
    }
    return Optional.ofNullable(min);
  }

  /** The servers whose check starts now; they are in flight until {@link #completed}. */
  public List<Integer> startDue(Instant now) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      Slot s = slots.get(i);
      if (!s.inFlight && s.due != null && !s.due.isAfter(now)) {
        s.inFlight = true;
        out.add(i);
      }
    }
    return out;
  }

  /** A check ended: update health, schedule the next one; a transition if the state flipped. */
  public Optional<Transition> completed(int id, CheckResult result, Instant now) {
    Slot s = slots.get(id);
    s.inFlight = false;
    if (s.paused) {
      return Optional.empty();
    }
    boolean flipped = s.health.apply(result.passed());
    s.due = now.plus(jitter(interval(s)));
    return flipped ? Optional.of(new Transition(id, s.health.up(), result)) : Optional.empty();
  }

  /** The interval that follows now: inter, fastinter or downinter by the health counter. */
  public Duration interval(int id) {
    return interval(slots.get(id));
  }

  private static Duration interval(Slot s) {
    if (s.health.fullyUp()) {
      return s.target.check().inter();
    }
    if (s.health.fullyDown()) {
      return s.target.check().downinter();
    }
    return s.target.check().fastinter();
  }

  private Duration jitter(Duration d) {
    if (spreadPercent == 0) {
      return d;
    }
    long ms = d.toMillis();
    long rv = ms * spreadPercent / 100;
    rv -= (long) (2 * rv * random.getAsDouble());
    return Duration.ofMillis(ms + rv);
  }

  /** Live traffic succeeded as its "observe" layer reads it: the error streak ends. */
  public void trafficOk(int id) {
    slots.get(id).consecutiveErrors = 0;
  }

  /**
   * Live traffic failed as its "observe" layer reads it ({@link Traffic}). After error-limit consecutive errors the
   * on-error action runs: fastinter only pulls the next check in; fail-check counts as a failed
   * check; sudden-death leaves the server one failure from DOWN and counts one; mark-down puts
   * it DOWN. All of them pull the next check in to fastinter.
   */
  public Optional<Transition> trafficError(int id, String what, Instant now) {
    Slot s = slots.get(id);
    if (!s.target.observe().enabled() || !s.target.checked() || s.paused) {
      return Optional.empty();
    }
    if (++s.consecutiveErrors < s.target.observe().errorLimit()) {
      return Optional.empty();
    }
    CheckResult r = CheckResult.of(CheckStatus.HANA, Duration.ZERO, "Detected "
        + s.consecutiveErrors + " consecutive errors, last one was: " + what);
    s.consecutiveErrors = 0;
    int rise = s.health.rise();
    boolean flipped = switch (s.target.observe().onError()) {
      case FASTINTER -> false;
      case FAIL_CHECK -> s.health.apply(false);
      case SUDDEN_DEATH -> {
        if (s.health.value() > rise) {
          s.health.set(rise + 1);
        }
        yield s.health.apply(false);
      }
      case MARK_DOWN -> {
        s.health.set(rise);
        yield s.health.apply(false);
      }
    };
    Instant sooner = now.plus(s.target.check().fastinter());
    if (!s.inFlight && s.due != null && s.due.isAfter(sooner)) {
      s.due = sooner;
    }
    return flipped ? Optional.of(new Transition(id, s.health.up(), r)) : Optional.empty();
  }
}
