package lbchaos.harness.scenario;

import java.util.List;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.Evidence;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * What a scenario run gave: the evidence it recorded (history, checks, topology, configs), the
 * verdicts the judge found in it, and the harness error that cut it short, if any (then its
 * outcome is unknown: a harness failure is never reported as a failed check).
 */
public record ScenarioResult(Evidence evidence, List<Verdict> verdicts, String error) {

  public ScenarioResult {
    verdicts = List.copyOf(verdicts);
  }

  public String name() {
    return evidence.scenario();
  }

  public String description() {
    return evidence.description();
  }

  public History history() {
    return evidence.history();
  }

  /** FAIL when a check failed; UNKNOWN on a harness error, no verdict or an unknown one. */
  public Outcome outcome() {
    Outcome of = Outcome.of(verdicts.stream().map(Verdict::outcome).toList());
    if (of == Outcome.FAIL) {
      return of;
    }
    return error != null || verdicts.isEmpty() ? Outcome.UNKNOWN : of;
  }

  public boolean passed() {
    return outcome() == Outcome.PASS;
  }

  /** The figure named {@code key} from the first verdict that has it, NaN if none. */
  public double figure(String key) {
    for (Verdict v : verdicts) {
      Double d = v.figures().get(key);
      if (d != null) {
        return d;
      }
    }
    return Double.NaN;
  }
}
