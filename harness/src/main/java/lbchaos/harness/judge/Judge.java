package lbchaos.harness.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.harness.check.Checker;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.NodeExit;
import lbchaos.event.ProbeSample;
import lbchaos.harness.history.History;
import lbchaos.harness.history.Wire;
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
   * Why the run's evidence cannot be trusted, if it cannot: the wire captures recorded nothing
   * (VRRP advertises all the time and every takeover sends gratuitous ARPs, so an empty capture
   * means the capture failed), or a container exited outside any fault on it (the topology the
   * checks assume was not the one that ran).
   */
  public static Optional<String> disturbance(History h) {
    if (Wire.captured(h).isEmpty()) {
      return Optional.of("the run was disturbed: the wire observer recorded no event (nor did"
          + " its taps in the LBs' namespaces)");
    }
    Optional<String> stall = probeStall(h);
    if (stall.isPresent()) {
      return stall;
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

  /** The harness's marks in the history of when the client's probe ran (see Session). */
  public static final String PROBE_STARTED = "probe started";
  public static final String PROBE_STOPPED = "probe stopped";

  /**
   * The probe starts a request every 1/rate seconds whatever the answers do (requests overlap),
   * so while it runs, starts more than this apart mean the probe itself stalled: an outage
   * measured across the gap would be the probe's, not the pair's.
   */
  static final long PROBE_STALL_MICROS = 2_000_000;

  /** A gap in the client's request starts while the harness says the probe was running. */
  static Optional<String> probeStall(History h) {
    boolean running = false;
    long last = -1;
    for (Event e : h.events()) {
      if (e instanceof LogLine l && l.source().equals("harness")) {
        if (l.line().equals(PROBE_STARTED)) {
          running = true;
          last = -1;
        } else if (l.line().equals(PROBE_STOPPED)) {
          running = false;
        }
      } else if (running && e instanceof ProbeSample p && p.source().equals("client")) {
        if (last >= 0 && p.at() - last > PROBE_STALL_MICROS) {
          return Optional.of(String.format(java.util.Locale.ROOT, "the run was disturbed: the"
              + " probe started no request for %.1f s while it ran", (p.at() - last) / 1e6));
        }
        last = p.at();
      }
    }
    return Optional.empty();
  }

  /** The engine's clock and the harness's may differ by this much around an injection. */
  static final long FAULT_SLACK_MICROS = 1_000_000;
}
