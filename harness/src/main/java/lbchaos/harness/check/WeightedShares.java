package lbchaos.harness.check;

import lbchaos.verdict.Tolerance;
import lbchaos.verdict.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lbchaos.event.ProbeSample;
import lbchaos.harness.history.History;

/**
 * Weighted distribution: each backend's share of successful answers is within a binomial
 * confidence interval of weight / sum(weights).
 *
 * <p>Tolerance per backend: z * sqrt(n p (1 - p)) answers, the normal approximation of the
 * binomial count, plus one answer because a deterministic weighted round robin can be up to one
 * pick ahead at the moment the window is cut. z is the two-sided quantile for the confidence:
 * a random balancer fails this check with probability about (1 - confidence) per backend.
 */
@com.fasterxml.jackson.annotation.JsonTypeName("weighted-shares")
record WeightedShares(Map<String, Integer> weights, double confidence) implements Checker {

  WeightedShares {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("weights must name at least one backend");
    }
    weights.forEach((b, w) -> {
      if (w < 0) {
        throw new IllegalArgumentException("weight of " + b + " must be >= 0, got " + w);
      }
    });
    if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
    if (!(confidence > 0.5 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0.5, 1), got " + confidence);
    }
    weights = new LinkedHashMap<>(weights);
  }

  @Override
  public Verdict check(History h) {
    List<String> answers = h.probes().stream().filter(ProbeSample::ok)
        .map(ProbeSample::backend).toList();
    int n = answers.size();
    double total = weights.values().stream().mapToInt(Integer::intValue).sum();
    double z = zFor(confidence);
    Figures f = Figures.of().put("answers", n).put("z", z);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> e : weights.entrySet()) {
      double p = e.getValue() / total;
      long got = answers.stream().filter(e.getKey()::equals).count();
      double tol = z * Math.sqrt(n * p * (1 - p)) + 1;
      f.put("count_" + e.getKey(), got).put("expected_" + e.getKey(), n * p)
          .put("tolerance_" + e.getKey(), tol);
      if (Math.abs(got - n * p) > tol) {
        problems.add(String.format(Locale.ROOT, "%s answered %d, expected %.1f +- %.1f",
            e.getKey(), got, n * p, tol));
      }
    }
    answers.stream().filter(b -> !weights.containsKey(b)).distinct()
        .forEach(b -> problems.add(b + " answered but has no weight"));
    String conf = String.format(Locale.ROOT, "%.1f%%", confidence * 100);
    if (n == 0) {
      return new Verdict("weighted-shares", false, f.map(), "no successful answers to count");
    }
    return problems.isEmpty()
        ? new Verdict("weighted-shares", true, f.map(), n + " answers split as the weights "
            + weights + " say, within the " + conf + " binomial interval")
        : new Verdict("weighted-shares", false, f.map(), String.join("; ", problems) + " ("
            + conf + " binomial interval over " + n + " answers, weights " + weights + ")");
  }

  /** Two-sided standard normal quantile: z with P(|Z| <= z) = confidence, by bisection. */
  static double zFor(double confidence) {
    double lo = 0;
    double hi = 10;
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (erf(mid / Math.sqrt(2)) < confidence) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** Abramowitz and Stegun 7.1.26; absolute error below 1.5e-7, ample for a tolerance. */
  static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736)
        * t + 0.254829592) * t * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
