package lbchaos.harness.scenario;

import lbchaos.harness.check.Checker;

import java.util.List;

/**
 * One test against a running topology: it proves the healthy baseline, injects its faults,
 * waits on conditions with bounds from the config, and returns the checks that apply, with
 * their bounds; the judge gives the verdicts from the recorded history (see ScenarioRunner).
 */
public interface Scenario {

  /** Stable name, as in `--scenario NAME` and summary.json. */
  String name();

  /** One sentence for people. */
  String description();

  List<Checker> run(Session session);
}
