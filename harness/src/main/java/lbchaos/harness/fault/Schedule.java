package lbchaos.harness.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Faults over time, as a Jepsen nemesis schedule: an immutable list of inject and heal steps at
 * offsets from the start. Every inject is healed by a later step of the same schedule (a
 * schedule that leaves a fault active is refused), and {@link ScheduleRunner} heals whatever is
 * still active if the run stops early.
 *
 * <pre>{@code
 * Schedule s = Schedule.of(
 *     inject(ofSeconds(0), kill("loadbalancer-1")),
 *     heal(ofSeconds(5), kill("loadbalancer-1")));
 * Schedule r = Schedule.random(42, List.of(pause("webserver-1"), blockVrrp()),
 *     ofSeconds(30), ofSeconds(2), ofSeconds(5), ofSeconds(1), ofSeconds(3));
 * }</pre>
 */
public record Schedule(List<Step> steps) {

  /** Inject or heal {@code fault} at {@code at} after the start of the run. */
  public record Step(Duration at, Action action, Fault fault) {
    public enum Action { INJECT, HEAL }

    public Step {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(fault, "fault");
      if (at.isNegative()) {
        throw new IllegalArgumentException("a step cannot run before the start: " + at);
      }
    }

    @Override
    public String toString() {
      return String.format("+%.1fs %s %s on %s", at.toMillis() / 1000.0,
          action.name().toLowerCase(java.util.Locale.ROOT), fault.name(), fault.target());
    }
  }

  /**
   * Steps in time order (stable: steps at the same offset keep the order given). Each fault
   * (records compare by value) is injected at most once at a time and healed after.
   */
  public Schedule {
    List<Step> sorted = new ArrayList<>(Objects.requireNonNull(steps, "steps"));
    sorted.sort(Comparator.comparing(Step::at));
    List<Fault> active = new ArrayList<>();
    for (Step s : sorted) {
      if (s.action() == Step.Action.INJECT) {
        if (active.contains(s.fault())) {
          throw new IllegalArgumentException(s + ": already injected and not healed yet");
        }
        active.add(s.fault());
      } else if (!active.remove(s.fault())) {
        throw new IllegalArgumentException(s + ": heals a fault that is not injected");
      }
    }
    if (!active.isEmpty()) {
      throw new IllegalArgumentException("never healed: " + active.stream().map(f -> f.name()
          + " on " + f.target()).toList());
    }
    steps = List.copyOf(sorted);
  }

  public static Schedule of(Step... steps) {
    return new Schedule(List.of(steps));
  }

  public static Step inject(Duration at, Fault f) {
    return new Step(at, Step.Action.INJECT, f);
  }

  public static Step heal(Duration at, Fault f) {
    return new Step(at, Step.Action.HEAL, f);
  }

  /** {@code f} injected at {@code at} and healed {@code lasting} later. */
  public static Schedule window(Duration at, Duration lasting, Fault f) {
    return of(inject(at, f), heal(at.plus(lasting), f));
  }

  /** This schedule's steps and {@code other}'s, merged on one time line. */
  public Schedule and(Schedule other) {
    List<Step> all = new ArrayList<>(steps);
    all.addAll(other.steps);
    return new Schedule(all);
  }

  /** {@code other} after this one ends (its offsets shifted by this schedule's length). */
  public Schedule then(Schedule other) {
    Duration shift = length();
    List<Step> all = new ArrayList<>(steps);
    other.steps.forEach(s -> all.add(new Step(s.at().plus(shift), s.action(), s.fault())));
    return new Schedule(all);
  }

  /** Offset of the last step (the last heal); zero for an empty schedule. */
  public Duration length() {
    return steps.isEmpty() ? Duration.ZERO : steps.getLast().at();
  }

  /**
   * A random schedule that depends only on its arguments: from the start, repeatedly a quiet gap
   * in [minGap, maxGap], then one fault drawn from {@code faults} held for [minHold, maxHold]
   * and healed, as long as the heal falls within {@code total}. One fault at a time, so each
   * effect can be told apart; offsets are whole 100 ms.
   */
  public static Schedule random(long seed, List<Fault> faults, Duration total, Duration minHold,
      Duration maxHold, Duration minGap, Duration maxGap) {
    if (faults.isEmpty()) {
      throw new IllegalArgumentException("a random schedule needs at least one fault");
    }
    requireRange("hold", minHold, maxHold);
    requireRange("gap", minGap, maxGap);
    if (minHold.isZero()) {
      throw new IllegalArgumentException("a fault must be held for some time");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Step> steps = new ArrayList<>();
    Duration t = Duration.ZERO;
    while (true) {
      Duration start = t.plus(draw(rnd, minGap, maxGap));
      Fault f = faults.get(rnd.nextInt(faults.size()));
      Duration end = start.plus(draw(rnd, minHold, maxHold));
      if (end.compareTo(total) > 0) {
        break;
      }
      steps.add(inject(start, f));
      steps.add(heal(end, f));
      t = end;
    }
    return new Schedule(steps);
  }

  private static final long TICK_MILLIS = 100;

  private static Duration draw(SplittableRandom rnd, Duration min, Duration max) {
    long lo = min.toMillis() / TICK_MILLIS;
    long hi = Math.max(lo, max.toMillis() / TICK_MILLIS);
    return Duration.ofMillis(rnd.nextLong(lo, hi + 1) * TICK_MILLIS);
  }

  private static void requireRange(String what, Duration min, Duration max) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(what + " range must be 0 <= min <= max, got " + min
          + ".." + max);
    }
  }

  /** One line per step, for logs and reports. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    steps.forEach(s -> b.append(s).append('\n'));
    return b.toString();
  }
}
