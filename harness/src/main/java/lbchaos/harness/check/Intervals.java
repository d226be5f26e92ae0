package lbchaos.harness.check;

import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Optional;
import lbchaos.harness.history.History;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Verdict;

/**
 * Verdicts on one interval between two {@link Moment}s of a history, against bounds from the
 * config: a takeover within its bound, a preemption not before its delay, an address kept for at
 * least the time it would have taken to move. The moments are found in the history each time it
 * is judged, so {@code lbchaos check} computes these verdicts again. The figure is named by the
 * caller ("takeover_s") so reports can show it.
 */
public final class Intervals {

  private Intervals() {}

  /** Valid when {@code to} is seen and comes at most {@code max} after {@code from}. */
  public static Checker atMost(String name, String what, String key, Moment from, Moment to,
      Bound max) {
    return between(name, what, key, from, to, null, max);
  }

  /**
   * Valid when {@code to} is seen and comes in [min, max] after {@code from}; {@code min} may be
   * null.
   *
   * @param what the interval, for people: "the VIP reached the backup after the kill"
   */
  public static Checker between(String name, String what, String key, Moment from, Moment to,
      Bound min, Bound max) {
    return new Interval(name, what, key, from, to, min, max);
  }

  /**
   * Valid when a condition held for at least {@code min} (the VIP stayed where it was): from
   * {@code from} until {@code lost}, or until {@code end} when {@code lost} is not seen.
   */
  public static Checker atLeast(String name, String what, String key, Moment from, Moment lost,
      Moment end, Bound min) {
    return new Held(name, what, key, from, lost, end, min);
  }

  /**
   * Valid when {@code ok}: a fact computed from the configs alone (what the expectations or the
   * lint say of them), kept as it was; the configs are in the history file with it.
   */
  public static Checker fact(String name, boolean ok, String sentence, String key, double figure) {
    return new Recorded(new Verdict(name, ok, Figures.of().put(key, figure).map(), sentence));
  }

  /** See {@link #between}. */
  @JsonTypeName("interval")
  public record Interval(String name, String what, String key, Moment from, Moment to, Bound min,
      Bound max) implements Checker {
    @Override
    public Verdict check(History h) {
      Figures f = Figures.of();
      String stem = key.replaceFirst("_s$", "");
      if (min != null) {
        f.put(stem + "_min_bound_s", min.seconds());
      }
      f.put(stem + "_bound_s", max.seconds());
      Optional<Long> origin = from.in(h);
      if (origin.isEmpty()) {
        return Verdict.unknown(name, f.map(), "the history does not show " + from.describe()
            + ", the start of: " + what).judgedBy(key, max);
      }
      Optional<Long> end = to.in(h);
      if (end.isEmpty()) {
        return new Verdict(name, false, f.map(), "never seen: " + what).judgedBy(key, max);
      }
      long d = end.get() - origin.get();
      f.put(key, seconds(d));
      boolean early = min != null && d < min.micros();
      boolean late = d > max.micros();
      String sentence = what + " in " + s(d) + ", " + (late ? "beyond" : "within") + " bound "
          + max.describe() + (min == null ? "" : early ? "; but before its minimum "
              + min.describe() : "; not before " + min.describe());
      return new Verdict(name, !early && !late, f.map(), sentence).judgedBy(key, max);
    }
  }

  /** See {@link #atLeast}. */
  @JsonTypeName("held")
  public record Held(String name, String what, String key, Moment from, Moment lost, Moment end,
      Bound min) implements Checker {
    @Override
    public Verdict check(History h) {
      Figures f = Figures.of().put(key.replaceFirst("_s$", "") + "_min_bound_s", min.seconds());
      Optional<Long> origin = from.in(h);
      Optional<Long> until = lost.in(h).or(() -> end.in(h));
      if (origin.isEmpty() || until.isEmpty()) {
        return Verdict.unknown(name, f.map(), "the history does not show "
            + (origin.isEmpty() ? from : end).describe() + ", needed for: " + what)
            .judgedBy(key, min);
      }
      long micros = until.get() - origin.get();
      f = Figures.of().put(key, seconds(micros)).put(key.replaceFirst("_s$", "")
          + "_min_bound_s", min.seconds());
      boolean ok = micros >= min.micros();
      return new Verdict(name, ok, f.map(), what + " for " + s(micros) + ", "
          + (ok ? "at least" : "less than") + " " + min.describe()).judgedBy(key, min);
    }
  }

  /**
   * A verdict kept in the history file as it was made: {@code lbchaos check} reproduces it but
   * does not compute it again. For facts about the configs ({@link #fact}) and measurements the
   * history has no events for (a process's memory); everything measured on events is a check
   * computed from them.
   */
  @JsonTypeName("recorded")
  public record Recorded(Verdict verdict) implements Checker {
    @Override
    public Verdict check(History h) {
      return verdict;
    }
  }
}
