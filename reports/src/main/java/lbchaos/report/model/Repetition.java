package lbchaos.report.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * One check over the repetitions of one scenario ({@code --repeat N}): how often it passed, and
 * the spread of the figure its bound applies to. A scenario's repetition k is named
 * {@code name.k}; scenario names themselves have no dot.
 *
 * @param figure the measured figure's key, or null when the check has none
 * @param p50 median of the figure over the repetitions that measured it (NaN when none did)
 */
public record Repetition(String scenario, String check, int runs, int passed, int failed,
    String figure, double p50, double p95, double max) {

  /** "master-down.3": repetition 3 of master-down. */
  public static String name(String scenario, int k) {
    return scenario + "." + k;
  }

  /** The scenario a repetition belongs to ("master-down.3" gives "master-down"). */
  public static String base(String name) {
    return name.replaceFirst("\\.\\d+$", "");
  }

  public double passRate() {
    return runs == 0 ? 0 : passed / (double) runs;
  }

  /**
   * PASS when the pass rate reaches {@code minPassRate}; else FAIL if any repetition failed, else
   * UNKNOWN (it never failed, but too few could be judged).
   */
  public Outcome outcome(double minPassRate) {
    if (runs > 0 && passRate() >= minPassRate) {
      return Outcome.PASS;
    }
    return failed > 0 ? Outcome.FAIL : Outcome.UNKNOWN;
  }

  /** Per scenario and check, in the order first seen; scenarios run once are left out. */
  public static List<Repetition> of(List<ScenarioReport> scenarios) {
    Map<String, List<ScenarioReport>> byBase = new LinkedHashMap<>();
    for (ScenarioReport s : scenarios) {
      if (!base(s.name()).equals(s.name())) {
        byBase.computeIfAbsent(base(s.name()), k -> new ArrayList<>()).add(s);
      }
    }
    List<Repetition> out = new ArrayList<>();
    byBase.forEach((scenario, reps) -> {
      Map<String, List<Verdict>> byCheck = new LinkedHashMap<>();
      reps.forEach(r -> r.verdicts().forEach(v ->
          byCheck.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v)));
      byCheck.forEach((check, vs) -> out.add(of(scenario, check, reps.size(), vs)));
    });
    return out;
  }

  private static Repetition of(String scenario, String check, int runs, List<Verdict> vs) {
    int passed = (int) vs.stream().filter(Verdict::passed).count();
    int failed = (int) vs.stream().filter(v -> v.outcome() == Outcome.FAIL).count();
    String figure = vs.stream().map(Verdict::figure).filter(f -> f != null).findFirst()
        .orElse(null);
    double[] values = vs.stream().flatMap(v -> v.measured().stream())
        .mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
    return new Repetition(scenario, check, runs, passed, failed, figure, rank(values, 0.50),
        rank(values, 0.95), values.length == 0 ? Double.NaN : values[values.length - 1]);
  }

  /** Nearest-rank percentile: a value that was measured, never an interpolation. */
  static double rank(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.clamp(i, 0, sorted.length - 1)];
  }
}
