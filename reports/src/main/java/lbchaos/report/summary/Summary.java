package lbchaos.report.summary;

import java.util.List;
import java.util.Objects;
import lbchaos.report.model.RunInfo;
import lbchaos.report.model.RunReport;
import lbchaos.verdict.Outcome;

/**
 * The content of summary.json: where the run came from, the stack, and per scenario its outcome,
 * figures and verdicts.
 */
public record Summary(String stack, RunInfo info, List<ScenarioSummary> scenarios) {

  public Summary {
    Objects.requireNonNull(stack, "stack must not be null");
    Objects.requireNonNull(info, "info must not be null");
    scenarios = List.copyOf(scenarios);
  }

  /** A summary without provenance, as a version 1 file reads. */
  public Summary(String stack, List<ScenarioSummary> scenarios) {
    this(stack, RunInfo.startedAt(java.time.Instant.EPOCH), scenarios);
  }

  public static Summary of(RunReport run) {
    return new Summary(run.stack(), run.info(), run.scenarios().stream()
        .map(s -> new ScenarioSummary(s.name(), s.outcome(), s.timeline().seconds(), s.figures(),
            s.verdicts()))
        .toList());
  }

  /** FAIL if a scenario failed, else UNKNOWN if one could not be judged, else PASS. */
  public Outcome outcome() {
    return scenarios.isEmpty() ? Outcome.UNKNOWN
        : Outcome.of(scenarios.stream().map(ScenarioSummary::outcome).toList());
  }

  public boolean passed() {
    return outcome() == Outcome.PASS;
  }
}
