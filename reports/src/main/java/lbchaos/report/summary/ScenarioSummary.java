package lbchaos.report.summary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * One scenario's entry in summary.json; figures keep their order.
 *
 * @param seconds how long the scenario's history spans (0 when unknown, as in a v1 file)
 * @param verdicts every verdict, with its bound, derivation and sentence (empty in a v1 file)
 */
public record ScenarioSummary(String name, Outcome outcome, double seconds,
    Map<String, Double> figures, List<Verdict> verdicts) {

  public ScenarioSummary {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(outcome, "outcome must not be null");
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    verdicts = List.copyOf(verdicts);
  }

  /** A pass or a fail with figures only (what a v1 file held). */
  public ScenarioSummary(String name, boolean passed, Map<String, Double> figures) {
    this(name, passed ? Outcome.PASS : Outcome.FAIL, 0, figures, List.of());
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }
}
