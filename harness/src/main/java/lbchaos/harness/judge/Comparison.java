package lbchaos.harness.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Verdict;

/**
 * Where two runs of the same scenarios disagree, check by check: the upgrade gate's question
 * (does my config behave the same on the new keepalived and haproxy?). An outcome that differs
 * fails the gate. A measured figure that moved more than noise is reported but does not: noise
 * is the larger of the bound's stated tolerance and a quarter of the bound: both runs were held
 * to that bound, and a figure moves that much from run to run by itself (a crash's outage
 * depends on where in the advert interval it falls: 1.95 s and 1.25 s in two runs of one config
 * against a 3.56 s bound).
 */
public final class Comparison {

  /** One disagreement; {@code outcome} when the verdicts' outcomes differ (the gate fails). */
  public record Difference(String scenario, String check, boolean outcome, String what) {
    public String line(String a, String b) {
      return String.format(Locale.ROOT, "  %s %s %s: %s", outcome ? "DIFF" : "moved",
          scenario, check, what.replace("{a}", a).replace("{b}", b));
    }
  }

  private Comparison() {}

  /** The differences between two runs' verdicts, by scenario name, in the first run's order. */
  public static List<Difference> between(Map<String, List<Verdict>> a,
      Map<String, List<Verdict>> b) {
    List<Difference> out = new ArrayList<>();
    Set<String> scenarios = new LinkedHashSet<>(a.keySet());
    scenarios.addAll(b.keySet());
    for (String s : scenarios) {
      if (!a.containsKey(s) || !b.containsKey(s)) {
        out.add(new Difference(s, "-", true, "ran on " + (a.containsKey(s) ? "{a}" : "{b}")
            + " only"));
        continue;
      }
      Map<String, Verdict> va = byName(a.get(s));
      Map<String, Verdict> vb = byName(b.get(s));
      Set<String> checks = new LinkedHashSet<>(va.keySet());
      checks.addAll(vb.keySet());
      for (String c : checks) {
        Verdict x = va.get(c);
        Verdict y = vb.get(c);
        if (x == null || y == null) {
          out.add(new Difference(s, c, true, "judged on " + (x != null ? "{a}" : "{b}")
              + " only"));
        } else if (x.outcome() != y.outcome()) {
          out.add(new Difference(s, c, true, lower(x) + " on {a}, " + lower(y) + " on {b}"
              + figures(x, y).map(f -> " (" + f + ")").orElse("")));
        } else {
          moved(x, y).ifPresent(m -> out.add(new Difference(s, c, false, m)));
        }
      }
    }
    return out;
  }

  /** A figure that moved beyond noise, said with both values and the noise allowed. */
  static Optional<String> moved(Verdict x, Verdict y) {
    if (x.measured().isEmpty() || y.measured().isEmpty() || x.bound() == null) {
      return Optional.empty();
    }
    double fx = x.measured().get();
    double fy = y.measured().get();
    double noise = noise(x.bound());
    if (Math.abs(fx - fy) <= noise) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%s %.3f on {a}, %.3f on {b}, more than the"
        + " %.3f s of noise allowed (bound %s)", x.figure(), fx, fy, noise,
        x.bound().describe()));
  }

  /** The larger of the bound's tolerance and a quarter of the bound, in seconds. */
  static double noise(Bound b) {
    return Math.max(b.tolerance().value().toNanos() / 1e9, b.seconds() / 4);
  }

  private static Optional<String> figures(Verdict x, Verdict y) {
    if (x.measured().isEmpty() || y.measured().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%s %.3f and %.3f", x.figure(),
        x.measured().get(), y.measured().get()));
  }

  private static String lower(Verdict v) {
    return v.outcome().name().toLowerCase(Locale.ROOT);
  }

  /**
   * A scenario's verdicts by check name; a check judged more than once (one garp-timing verdict
   * per LB, one served-only-by per window) keeps each by its place: the second is "name #2".
   * Keyed by name alone, a failing first verdict hid behind a passing second one.
   */
  static Map<String, Verdict> byName(List<Verdict> vs) {
    Map<String, Verdict> m = new LinkedHashMap<>();
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (Verdict v : vs) {
      int n = seen.merge(v.name(), 1, Integer::sum);
      m.put(n == 1 ? v.name() : v.name() + " #" + n, v);
    }
    return m;
  }
}
