package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import java.util.Optional;

/**
 * Verdicts on one measured interval against bounds from the config: a takeover within its bound,
 * a preemption not before its delay, an address kept for at least the time it would have taken
 * to move. The figure is named by the caller ("takeover_s") so reports can show it.
 */
public final class Intervals {

  private Intervals() {}

  /** Valid when the interval was measured and is at most {@code max}. */
  public static Checker atMost(String name, String what, String key, Optional<Long> micros,
      Bound max) {
    return between(name, what, key, micros, null, max);
  }

  /**
   * Valid when the interval was measured and lies in [min, max]; {@code min} may be null.
   *
   * @param what the interval, for people: "the VIP reached the backup after the kill"
   */
  public static Checker between(String name, String what, String key, Optional<Long> micros,
      Bound min, Bound max) {
    Figures f = Figures.of();
    if (min != null) {
      f.put(key.replaceFirst("_s$", "") + "_min_bound_s", min.seconds());
    }
    f.put(key.replaceFirst("_s$", "") + "_bound_s", max.seconds());
    if (micros.isEmpty()) {
      return new Recorded(new Verdict(name, false, f.map(), "never seen: " + what)
          .judgedBy(key, max));
    }
    long d = micros.get();
    f.put(key, seconds(d));
    boolean early = min != null && d < min.micros();
    boolean late = d > max.micros();
    String sentence = what + " in " + s(d) + ", " + (late ? "beyond" : "within") + " bound "
        + max.describe() + (min == null ? "" : early ? "; but before its minimum "
            + min.describe() : "; not before " + min.describe());
    return new Recorded(new Verdict(name, !early && !late, f.map(), sentence).judgedBy(key, max));
  }

  /** Valid when a condition held for at least {@code min} (e.g. the VIP stayed where it was). */
  public static Checker atLeast(String name, String what, String key, long micros, Bound min) {
    Figures f = Figures.of().put(key, seconds(micros))
        .put(key.replaceFirst("_s$", "") + "_min_bound_s", min.seconds());
    boolean ok = micros >= min.micros();
    return new Recorded(new Verdict(name, ok, f.map(), what + " for " + s(micros) + ", "
        + (ok ? "at least" : "less than") + " " + min.describe()).judgedBy(key, min));
  }

  /** Valid when {@code ok}; for facts that are not durations (a lint finding, an advert seen). */
  public static Checker fact(String name, boolean ok, String sentence, String key, double figure) {
    return new Recorded(new Verdict(name, ok, Figures.of().put(key, figure).map(), sentence));
  }

  /**
   * A verdict a semantics scenario measured while it ran, kept in the history file as it was:
   * {@code lbchaos check} reproduces it but does not compute it again from the events (the
   * article's checks and the {@link Checks} family do).
   */
  @com.fasterxml.jackson.annotation.JsonTypeName("recorded")
  public record Recorded(Verdict verdict) implements Checker {
    @Override
    public Verdict check(lbchaos.harness.history.History h) {
      return verdict;
    }
  }
}
