package lbchaos.harness.scenario;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import lbchaos.event.FaultEvent;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Moment;

/**
 * Waits on a session's history for the semantics scenarios: a {@link Moment} (the VIP taken or
 * given up, an advert, a fault injected) seen, a restarted node reporting again.
 */
final class Observed {

  /**
   * A wait gives up this long after its bound, so that a late event is still measured and the
   * verdict (not a timeout) reports how late it was.
   */
  static final Duration WAIT_SLACK = Duration.ofSeconds(3);

  private Observed() {}

  /** 0-based index of "loadbalancer-N", as the configs were rendered. */
  static int index(String lb) {
    return Integer.parseInt(lb.substring(lb.lastIndexOf('-') + 1)) - 1;
  }

  static String ip(Session ss, String node) {
    return ss.lab().node(node).ip();
  }

  /** The last inject (or heal) of the fault named {@code fault} so far, as a moment. */
  static Moment.Fault fault(Session ss, String fault, FaultEvent.Phase phase) {
    return Moment.Fault.last(ss.history(), fault, phase);
  }

  /** When {@code m} happened in the session's history; throws when it has not. */
  static long at(Session ss, Moment m) {
    return m.in(ss.history()).orElseThrow(() -> new IllegalStateException("not in the history: "
        + m.describe()));
  }

  /** Waits for {@code m}; gives up quietly, so the verdict reports what was (not) seen. */
  static void awaitMoment(Session ss, Moment m, Bound bound) {
    Waits.tryAwait(m.describe(), bound.value().plus(WAIT_SLACK),
        () -> m.in(ss.history()).isPresent());
  }

  /**
   * When {@code node} came back after a restart at {@code after}: its first event then (keepalived
   * logs its start at once; the adapter cannot report a state change when the node restarts in the
   * state it was killed in).
   */
  static Moment restarted(Session ss, String node, Moment after, Duration atMost) {
    Moment back = after.firstEventOf(node);
    await(node + " logging again").atMost(atMost).pollInterval(Duration.ofMillis(50))
        .until(() -> back.in(ss.history()).isPresent());
    return back;
  }

}
