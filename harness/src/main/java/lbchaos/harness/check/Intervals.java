package lbchaos.harness.check;

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
  public static Verdict atMost(String name, String what, String key, Optional<Long> micros,
      Bound max) {
    return between(name, what, key, micros, null, max);
  }

  /**
   * Valid when the interval was measured and lies in [min, max]; {@code min} may be null.
   *
   * @param what the interval, for people: "the VIP reached the backup after the kill"
   */
  public static Verdict between(String name, String what, String key, Optional<Long> micros,
      Bound min, Bound max) {
    Figures f = Figures.of();
    if (min != null) {
      f.put(key.replaceFirst("_s$", "") + "_min_bound_s", min.seconds());
    }
    f.put(key.replaceFirst("_s$", "") + "_bound_s", max.seconds());
    if (micros.isEmpty()) {
      return new Verdict(name, false, f.map(), "never seen: " + what);
    }
    long d = micros.get();
    f.put(key, seconds(d));
    boolean early = min != null && d < min.micros();
    boolean late = d > max.micros();
    String sentence = what + " in " + s(d) + ", " + (late ? "beyond" : "within") + " bound "
        + max.describe() + (min == null ? "" : early ? "; but before its minimum "
            + min.describe() : "; not before " + min.describe());
    return new Verdict(name, !early && !late, f.map(), sentence);
  }

  /** Valid when a condition held for at least {@code min} (e.g. the VIP stayed where it was). */
  public static Verdict atLeast(String name, String what, String key, long micros, Bound min) {
    Figures f = Figures.of().put(key, seconds(micros))
        .put(key.replaceFirst("_s$", "") + "_min_bound_s", min.seconds());
    boolean ok = micros >= min.micros();
    return new Verdict(name, ok, f.map(), what + " for " + s(micros) + ", " + (ok ? "at least"
        : "less than") + " " + min.describe());
  }

  /** Valid when {@code ok}; for facts that are not durations (a lint finding, an advert seen). */
  public static Verdict fact(String name, boolean ok, String sentence, String key, double figure) {
    return new Verdict(name, ok, Figures.of().put(key, figure).map(), sentence);
  }
}
