package lbchaos.report.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run shows a person: the stack under test, when it started, one entry per
 * scenario, and the config lint findings.
 *
 * @param stack "java", "reference" or "mixed" (free text: the report only prints it)
 * @param info versions, host, times and seed: where the results came from
 */
public record RunReport(String stack, RunInfo info, List<ScenarioReport> scenarios,
    List<LintFinding> lint) {

  public RunReport {
    Checks.text(stack, "stack");
    Objects.requireNonNull(info, "info must not be null");
    scenarios = Checks.list(scenarios, "scenarios");
    lint = Checks.list(lint, "lint");
  }

  public RunReport(String stack, Instant started, List<ScenarioReport> scenarios,
      List<LintFinding> lint) {
    this(stack, RunInfo.startedAt(started), scenarios, lint);
  }

  public Instant started() {
    return info.started();
  }

  public boolean passed() {
    return scenarios.stream().allMatch(ScenarioReport::passed);
  }
}
