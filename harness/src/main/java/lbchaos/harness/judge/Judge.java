package lbchaos.harness.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.harness.check.Checker;
import lbchaos.event.NodeExit;
import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;

/**
 * Runs the checks over a History and returns their verdicts: the same for a live run and for a
 * history file read later (Jepsen keeps the history as the product and checks it afterwards).
 * Before trusting any check it looks for signs that the run itself was disturbed; then every
 * verdict is {@code unknown}, with the reason, rather than a pass or fail the evidence cannot
 * carry.
 */
public final class Judge {

  private Judge() {}

  public static List<Verdict> judge(Evidence e) {
    return judge(e.history(), e.checks());
  }

  public static List<Verdict> judge(History h, List<Checker> checks) {
    List<Verdict> verdicts = new ArrayList<>();
    Optional<String> disturbed = disturbance(h);
    for (Checker c : checks) {
      Verdict v = c.check(h);
      verdicts.add(disturbed.map(v::disturbed).orElse(v));
    }
    return verdicts;
  }

  /**
   * Why the run's evidence cannot be trusted, if it cannot: the wire observer recorded nothing
   * (VRRP advertises all the time and every takeover sends gratuitous ARPs, so an empty capture
   * means the capture failed), or a container exited outside any fault on it (the topology the
   * checks assume was not the one that ran).
   */
  public static Optional<String> disturbance(History h) {
    if (h.from("observer").isEmpty()) {
      return Optional.of("the run was disturbed: the wire observer recorded no event");
    }
    for (NodeExit exit : h.of(NodeExit.class)) {
      boolean faulted = h.faultWindows().stream().anyMatch(w -> w.target().equals(exit.node())
          && exit.at() >= w.injectAt() - FAULT_SLACK_MICROS
          && exit.at() <= w.healAt().orElse(Long.MAX_VALUE));
      if (!faulted) {
        return Optional.of("the run was disturbed: " + exit.node() + "'s container exited (code "
            + exit.exitCode() + ") outside any fault on it");
      }
    }
    return Optional.empty();
  }

  /** The engine's clock and the harness's may differ by this much around an injection. */
  static final long FAULT_SLACK_MICROS = 1_000_000;
}
