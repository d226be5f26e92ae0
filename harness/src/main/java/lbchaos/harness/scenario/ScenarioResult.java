package lbchaos.harness.scenario;

import java.util.List;
import lbchaos.harness.check.Verdict;
import lbchaos.harness.history.History;

/** What a scenario found: its verdicts and the history they were computed from. */
public record ScenarioResult(String name, String description, List<Verdict> verdicts,
    History history, String error) {

  public ScenarioResult {
    verdicts = List.copyOf(verdicts);
  }

  public boolean passed() {
    return error == null && !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::valid);
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
