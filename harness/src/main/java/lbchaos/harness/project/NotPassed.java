package lbchaos.harness.project;

import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * What a scenario that did not pass says to the person whose build it stopped: every verdict
 * that did not pass, as its run printed it, and the harness's own error when there was one. A
 * failing dynamic test and a failing {@code lbchaos:check} both show these lines.
 */
public final class NotPassed {

  private NotPassed() {}

  /** The lines; empty when the scenario passed. */
  public static List<String> lines(ScenarioResult r) {
    List<String> out = new ArrayList<>();
    if (r.outcome() == Outcome.PASS) {
      return out;
    }
    for (Verdict v : r.verdicts()) {
      if (v.outcome() != Outcome.PASS) {
        out.add(v.line());
      }
    }
    if (r.verdicts().isEmpty()) {
      out.add("no check was judged");
    }
    if (r.error() != null) {
      out.add("harness error: " + r.error());
    }
    return out;
  }
}
