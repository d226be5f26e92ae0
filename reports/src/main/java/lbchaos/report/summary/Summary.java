package lbchaos.report.summary;

import java.util.List;
import java.util.Objects;
import lbchaos.report.model.RunReport;

/** The content of summary.json: the stack and, per scenario, pass/fail and the figures. */
public record Summary(String stack, List<ScenarioSummary> scenarios) {

  public Summary {
    Objects.requireNonNull(stack, "stack must not be null");
    scenarios = List.copyOf(scenarios);
  }

  public static Summary of(RunReport run) {
    return new Summary(run.stack(), run.scenarios().stream()
        .map(s -> new ScenarioSummary(s.name(), s.passed(), s.figures()))
        .toList());
  }

  public boolean passed() {
    return scenarios.stream().allMatch(ScenarioSummary::passed);
  }
}
