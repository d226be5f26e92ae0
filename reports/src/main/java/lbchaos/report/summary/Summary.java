package lbchaos.report.summary;

import java.util.List;
import java.util.Objects;
import lbchaos.report.model.Repetition;
import lbchaos.report.model.RunInfo;
import lbchaos.report.model.RunReport;
import lbchaos.verdict.Outcome;

/**
 * The content of summary.json: where the run came from, the stack, its outcome, per scenario
 * its outcome, figures and verdicts, and with {@code --repeat} each check's pass rate and spread.
 *
 * @param outcome the run's, as {@link RunReport#outcome()} judged it (repetitions included)
 * @param minPassRate the share of repetitions each check had to pass (1 without --repeat)
 */
public record Summary(String stack, RunInfo info, Outcome outcome,
    List<ScenarioSummary> scenarios, List<Repetition> repetitions, double minPassRate) {

  public Summary {
    Objects.requireNonNull(stack, "stack must not be null");
    Objects.requireNonNull(info, "info must not be null");
    Objects.requireNonNull(outcome, "outcome must not be null");
    scenarios = List.copyOf(scenarios);
    repetitions = List.copyOf(repetitions);
  }

  /** A run without repetitions: its outcome is its scenarios'. */
  public Summary(String stack, RunInfo info, List<ScenarioSummary> scenarios) {
    this(stack, info, scenarios.isEmpty() ? Outcome.UNKNOWN
        : Outcome.of(scenarios.stream().map(ScenarioSummary::outcome).toList()), scenarios,
        List.of(), 1.0);
  }

  /** A summary without provenance, as a version 1 file reads. */
  public Summary(String stack, List<ScenarioSummary> scenarios) {
    this(stack, RunInfo.startedAt(java.time.Instant.EPOCH), scenarios);
  }

  public static Summary of(RunReport run) {
    return new Summary(run.stack(), run.info(), run.outcome(), run.scenarios().stream()
        .map(s -> new ScenarioSummary(s.name(), s.outcome(), s.timeline().seconds(), s.figures(),
            s.verdicts()))
        .toList(), run.repetitions(), run.minPassRate());
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }
}
