package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.event.AdvertSeen;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StartupTimeTest {

  static final String NODE = "loadbalancer-1";
  static final String IP = "10.0.0.48";
  static final long START = 100_000_000L;

  static long at(double s) {
    return START + Math.round(s * 1e6);
  }

  static AdvertSeen wire(double s, String from, int prio) {
    return new AdvertSeen(at(s), "observer", from, 51, prio, 2, 100, true, 255);
  }

  static VrrpStateChange master(double s, String node) {
    return new VrrpStateChange(at(s), node, "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER, "init");
  }

  @Test
  void fromTheContainersStartToItsFirstAdvertAndItsMasterReport() {
    History h = History.of(wire(0.52, IP, 255), master(0.521, NODE), wire(1.52, IP, 255),
        wire(0.3, "10.0.0.97", 254), master(0.2, "loadbalancer-2"));
    StartupTime t = StartupTime.of(h, NODE, IP, START);
    assertThat(t.firstAdvertSeconds()).as("first advert of this node, not the other's")
        .hasValueSatisfying(v -> assertThat(v).isCloseTo(0.52, Offset.offset(1e-9)));
    assertThat(t.masterSeconds()).as("this node's own report")
        .hasValueSatisfying(v -> assertThat(v).isCloseTo(0.521, Offset.offset(1e-9)));
  }

  @Test
  void aFirstAdvertTheObserverMissedIsNoFigure() {
    // the observer's capture opened late: its first sight is the second advert, 1 s on
    History h = History.of(master(0.3, NODE), wire(1.3, IP, 255));
    StartupTime t = StartupTime.of(h, NODE, IP, START);
    assertThat(t.firstAdvertSeconds()).as("1 s after the MASTER report: the first was missed")
        .isEmpty();
    assertThat(t.masterSeconds()).as("the report still counts").hasValue(0.3);
  }

  @Test
  void priorityZeroAndEventsBeforeTheStartDoNotCount() {
    History h = History.of(new AdvertSeen(START - 5, "observer", IP, 51, 255, 2, 100, true, 255),
        wire(0.1, IP, 0), wire(0.4, IP, 255));
    assertThat(StartupTime.of(h, NODE, IP, START).firstAdvertSeconds())
        .as("before the start: an earlier container; priority 0: a resignation")
        .hasValueSatisfying(v -> assertThat(v).isCloseTo(0.4, Offset.offset(1e-9)));
  }
}
