package lbchaos.harness.bench;

import java.util.List;

/**
 * One row of bench.json: a figure over n trials on one stack. {@code ratio} is java/reference
 * for the same name, set on the java row once both are known. {@code values} are the n figures
 * in the order they were measured: an outlier's place (the first takeover of a JVM, the last
 * of a long row) says more than the max alone. A bench.json written before they were kept reads
 * with none.
 */
public record Measurement(String name, String stack, String unit, double p50, double p95,
    double max, int n, Double ratio, boolean lowerIsBetter, List<Double> values) {

  public Measurement {
    values = values == null ? List.of() : List.copyOf(values);
  }

  public static Measurement of(String name, String stack, String unit, List<Double> values,
      boolean lowerIsBetter) {
    if (values.isEmpty()) {
      return new Measurement(name, stack, unit, Double.NaN, Double.NaN, Double.NaN, 0, null,
          lowerIsBetter, List.of());
    }
    List<Double> s = values.stream().sorted().toList();
    return new Measurement(name, stack, unit, pct(s, 0.50), pct(s, 0.95), s.getLast(), s.size(),
        null, lowerIsBetter, values);
  }

  /** Nearest-rank percentile. */
  static double pct(List<Double> sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  public Measurement withRatio(double r) {
    return new Measurement(name, stack, unit, p50, p95, max, n, r, lowerIsBetter, values);
  }
}
