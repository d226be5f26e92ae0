package lbchaos.report.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run shows a person: the stack under test, when it started, one entry per
 * scenario, and the config lint findings.
 *
 * @param stack "java", "reference" or "mixed" (free text: the report only prints it)
 */
public record RunReport(String stack, Instant started, List<ScenarioReport> scenarios,
    List<LintFinding> lint) {

  public RunReport {
    Checks.text(stack, "stack");
    Objects.requireNonNull(started, "started must not be null");
    scenarios = Checks.list(scenarios, "scenarios");
    lint = Checks.list(lint, "lint");
  }

  public boolean passed() {
    return scenarios.stream().allMatch(ScenarioReport::passed);
  }
}
