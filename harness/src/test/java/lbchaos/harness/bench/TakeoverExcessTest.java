package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.verdict.Bound;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

class TakeoverExcessTest {

  static final String MASTER = "10.0.0.48";
  static final String BACKUP = "10.0.0.97";
  /** The article's backup: v2, 1 s adverts, priority 254: 3 x 1 s + 0.0078125 s skew. */
  static final Bound DOWN = Expectations.masterDownInterval(VrrpTiming.v2(Duration.ofSeconds(1),
      254));

  static long us(double s) {
    return Math.round(s * 1e6);
  }

  static AdvertSeen advert(double at, String from, int prio) {
    return new AdvertSeen(us(at), "observer", from, 51, prio, 2, 100, true, 255);
  }

  /** The master advertises every second from 0 to lastMaster; the backup from firstBackup on. */
  static List<Event> wire(double lastMaster, double firstBackup) {
    List<Event> out = new ArrayList<>();
    for (double t = 0; t <= lastMaster + 1e-9; t += 1.0) {
      out.add(advert(t, MASTER, 255));
    }
    for (double t = firstBackup; t < firstBackup + 3; t += 1.0) {
      out.add(advert(t, BACKUP, 254));
    }
    return out;
  }

  @Test
  void theExcessIsTheGapOnTheWireMinusTheMasterDownInterval() {
    // last master advert at 5 s, crash issued at 5.4 s, backup's first advert at 8.030 s
    History h = History.of(wire(5, 8.030));
    var t = TakeoverExcess.of(h, MASTER, us(5.4), DOWN).orElseThrow();
    assertThat(DOWN.value()).as("3 x 1 s + (256-254)/256 s skew")
        .isEqualTo(Duration.ofNanos(3_007_812_000L));
    assertThat(t.successor()).as("who took over").isEqualTo(BACKUP);
    assertThat(t.lastAdvertMicros()).as("the master's last advert").isEqualTo(us(5));
    assertThat(t.gap()).as("silence on the wire").isEqualTo(Duration.ofMillis(3030));
    assertThat(t.excessMillis()).as("3.030 s gap - 3.007812 s master down")
        .isCloseTo(22.188, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void anEarlyTakeoverGivesANegativeExcess() {
    var t = TakeoverExcess.of(History.of(wire(5, 7.5)), MASTER, us(5.2), DOWN).orElseThrow();
    assertThat(t.excess()).as("taken over 0.5 s before the interval ran out")
        .isEqualTo(Duration.ofMillis(2500).minus(DOWN.value()));
    assertThat(t.excess().isNegative()).as("negative excess").isTrue();
  }

  @Test
  void anAdvertBetweenTheCrashBeingIssuedAndTakingEffectCountsAsTheLast() {
    // docker kill takes a moment: the master got one more advert out after the crash was issued.
    var t = TakeoverExcess.of(History.of(wire(6, 9.01)), MASTER, us(5.9), DOWN).orElseThrow();
    assertThat(t.lastAdvertMicros()).as("last master advert on the wire, after the issue")
        .isEqualTo(us(6));
    assertThat(t.gap()).as("measured from that advert").isEqualTo(Duration.ofMillis(3010));
  }

  @Test
  void onlyTheWireCountsAndNeitherEarlyBackupAdvertsNorPriorityZero() {
    List<Event> ev = new ArrayList<>(wire(5, 8.2));
    ev.add(advert(0.5, BACKUP, 254)); // start-up election, long before the crash
    ev.add(advert(5.1, MASTER, 0)); // a resignation is not a master's advert
    // the java backup reports the master's adverts it receives, but only on a change
    ev.add(new AdvertSeen(us(7.0), "loadbalancer-2", MASTER, 51, 255, 2, 100, true, 255));
    ev.add(new AdvertSeen(us(6.0), "loadbalancer-1", BACKUP, 51, 254, 2, 100, true, 255));
    ev.add(new VrrpStateChange(us(8.19), "loadbalancer-2", "VI_1", VrrpRole.BACKUP,
        VrrpRole.MASTER, "master down"));
    var t = TakeoverExcess.of(History.of(ev), MASTER, us(5.05), DOWN).orElseThrow();
    assertThat(t.firstAdvertMicros()).as("first backup advert after the crash")
        .isEqualTo(us(8.2));
    assertThat(t.lastAdvertMicros()).as("last master advert with priority above 0")
        .isEqualTo(us(5));
  }

  @Test
  void noTakeoverOnTheWireOrNoMasterBeforeItIsNothingToMeasure() {
    List<Event> masterOnly = new ArrayList<>(wire(5, 100));
    masterOnly.removeIf(e -> ((AdvertSeen) e).from().equals(BACKUP));
    assertThat(TakeoverExcess.of(History.of(masterOnly), MASTER, us(5.5), DOWN))
        .as("the backup never advertised").isEmpty();
    assertThat(TakeoverExcess.of(History.of(advert(8, BACKUP, 254)), MASTER, us(5), DOWN))
        .as("the crashed master never advertised").isEmpty();
  }

  @Test
  void theSuccessorMustFollowTheCrashedMaster() {
    assertThatThrownBy(() -> new TakeoverExcess(MASTER, BACKUP, us(5), us(4), DOWN))
        .as("a first advert before the last").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TakeoverExcess(MASTER, MASTER, us(5), us(8), DOWN))
        .as("the same address on both ends").isInstanceOf(IllegalArgumentException.class);
  }
}
