package lbchaos.harness.bench;

import java.util.List;

/**
 * One row of bench.json: a figure over n trials on one stack. {@code ratio} is java/reference
 * for the same name, set on the java row once both are known.
 */
public record Measurement(String name, String stack, String unit, double p50, double p95,
    double max, int n, Double ratio, boolean lowerIsBetter) {

  public static Measurement of(String name, String stack, String unit, List<Double> values,
      boolean lowerIsBetter) {
    if (values.isEmpty()) {
      return new Measurement(name, stack, unit, Double.NaN, Double.NaN, Double.NaN, 0, null,
          lowerIsBetter);
    }
    List<Double> s = values.stream().sorted().toList();
    return new Measurement(name, stack, unit, pct(s, 0.50), pct(s, 0.95), s.getLast(), s.size(),
        null, lowerIsBetter);
  }

  /** Nearest-rank percentile. */
  static double pct(List<Double> sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  public Measurement withRatio(double r) {
    return new Measurement(name, stack, unit, p50, p95, max, n, r, lowerIsBetter);
  }
}
