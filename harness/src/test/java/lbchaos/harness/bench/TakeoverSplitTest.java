package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.Takeover;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

class TakeoverSplitTest {

  static final String LB2 = "loadbalancer-2";

  /** The wire of TakeoverExcessTest: master's last advert at 5 s, the backup's first at 8.030. */
  static TakeoverExcess excess() {
    History wire = History.of(TakeoverExcessTest.wire(5, 8.030));
    return TakeoverExcess.of(wire, TakeoverExcessTest.MASTER, us(5.4), TakeoverExcessTest.DOWN)
        .orElseThrow();
  }

  static long us(double s) {
    return TakeoverExcessTest.us(s);
  }

  static VrrpStateChange master(double at, Takeover t) {
    return new VrrpStateChange(us(at), LB2, "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER,
        "master down timer", t);
  }

  @Test
  void theExcessSplitsIntoTheTimersLatenessItsWayToTheAdvertAndTheRest() {
    // The receipt of the 5 s advert at 5.001 s: due at 5.001 + 3.007812 s. The timer ran 12 ms
    // late, the advert left 4 ms after it; of the 22.188 ms excess 6.188 ms are the rest.
    long due = us(5.001) + 3_007_812;
    List<Event> events = new ArrayList<>(TakeoverExcessTest.wire(5, 8.030));
    events.add(master(8.030, new Takeover(due, due + 12_000, due + 16_000)));
    var split = TakeoverSplit.of(History.of(events), LB2, us(5.4), excess()).orElseThrow();
    assertThat(split.timerLateMillis()).as("fired minus due").isCloseTo(12.0, offset(1e-9));
    assertThat(split.toAdvertMillis()).as("advert minus fired").isCloseTo(4.0, offset(1e-9));
    assertThat(split.restMillis()).as("22.188 - 12 - 4").isCloseTo(6.188, offset(1e-6));
  }

  @Test
  void aReportWithoutTimingsOrBeforeTheCrashOrFromAnotherNodeGivesNoSplit() {
    Takeover t = new Takeover(us(8), us(8.01), us(8.02));
    List<Event> events = new ArrayList<>(TakeoverExcessTest.wire(5, 8.030));
    events.add(new VrrpStateChange(us(8.03), LB2, "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER,
        "master down timer")); // keepalived's report: no timings
    events.add(master(1.0, t)); // an earlier takeover, before this crash
    events.add(new VrrpStateChange(us(8.03), "loadbalancer-1", "VI_1", VrrpRole.BACKUP,
        VrrpRole.MASTER, "master down timer", t)); // another node
    assertThat(TakeoverSplit.of(History.of(events), LB2, us(5.4), excess())).isEmpty();
  }
}
