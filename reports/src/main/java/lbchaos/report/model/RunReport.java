package lbchaos.report.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lbchaos.verdict.Outcome;
import java.util.Objects;

/**
 * Everything one run shows a person: the stack under test, when it started, one entry per
 * scenario, and the config lint findings.
 *
 * @param stack "java", "reference" or "mixed" (free text: the report only prints it)
 * @param info versions, host, times and seed: where the results came from
 * @param minPassRate with {@code --repeat}, the share of repetitions each check must pass
 */
public record RunReport(String stack, RunInfo info, List<ScenarioReport> scenarios,
    List<LintFinding> lint, double minPassRate) {

  public RunReport {
    Checks.text(stack, "stack");
    Objects.requireNonNull(info, "info must not be null");
    scenarios = Checks.list(scenarios, "scenarios");
    lint = Checks.list(lint, "lint");
    if (!(minPassRate > 0 && minPassRate <= 1)) {
      throw new IllegalArgumentException("minPassRate must be in (0, 1], got " + minPassRate);
    }
  }

  /** Every check must pass in every repetition. */
  public RunReport(String stack, RunInfo info, List<ScenarioReport> scenarios,
      List<LintFinding> lint) {
    this(stack, info, scenarios, lint, 1.0);
  }

  public RunReport(String stack, Instant started, List<ScenarioReport> scenarios,
      List<LintFinding> lint) {
    this(stack, RunInfo.startedAt(started), scenarios, lint);
  }

  public RunReport withMinPassRate(double rate) {
    return new RunReport(stack, info, scenarios, lint, rate);
  }

  /** Each check over the repetitions of its scenario ({@code --repeat}); empty without. */
  public List<Repetition> repetitions() {
    return Repetition.of(scenarios);
  }

  /**
   * A scenario run once counts by its own outcome; a repeated one by each check's pass rate
   * against {@code minPassRate}. FAIL beats UNKNOWN beats PASS; no scenario is UNKNOWN.
   */
  public Outcome outcome() {
    List<Outcome> all = new ArrayList<>();
    scenarios.stream().filter(s -> Repetition.base(s.name()).equals(s.name()))
        .forEach(s -> all.add(s.outcome()));
    repetitions().forEach(r -> all.add(r.outcome(minPassRate)));
    return all.isEmpty() ? Outcome.UNKNOWN : Outcome.of(all);
  }

  public Instant started() {
    return info.started();
  }

  public boolean passed() {
    return outcome() == Outcome.PASS;
  }
}
