package lbchaos.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.history.History;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VrrpInstance;
import org.junit.jupiter.api.Test;

/** When a start counts as settled: the holder found then is the one that stays. */
class WaitsTest {

  static final List<String> LBS = List.of("loadbalancer-1", "loadbalancer-2");
  static final Duration QUIET = Duration.ofSeconds(3);
  static final long S = 1_000_000;

  static VrrpStateChange change(long at, String lb, String inst, VrrpRole from, VrrpRole to) {
    return new VrrpStateChange(at, lb, inst, from, to, "test");
  }

  static VrrpStateChange change(long at, String lb, VrrpRole from, VrrpRole to) {
    return change(at, lb, "VI_1", from, to);
  }

  @Test
  void theMasterWithTheOtherLongInBackupIsSettled() {
    History h = History.of(change(1 * S, "loadbalancer-1", VrrpRole.INIT, VrrpRole.MASTER),
        change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", Set.of(), QUIET, 5 * S)).isTrue();
  }

  @Test
  void aHolderWhileTheOtherLbHasNotReportedIsNot() {
    // the nightly's graceful-stop: loadbalancer-2 master, loadbalancer-1's daemon still starting
    History h = History.of(change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP),
        change(4 * S, "loadbalancer-2", VrrpRole.BACKUP, VrrpRole.MASTER));
    assertThat(Waits.settled(h, LBS, "loadbalancer-2", Set.of(), QUIET, 60 * S)).isFalse();
  }

  @Test
  void aHolderWhileAnotherLbChangedStateWithinTheIntervalIsNot() {
    // loadbalancer-1 entered BACKUP 2 s ago: its master down timer may still preempt
    History h = History.of(change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.MASTER),
        change(8 * S, "loadbalancer-1", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-2", Set.of(), QUIET, 10 * S)).isFalse();
    assertThat(Waits.settled(h, LBS, "loadbalancer-2", Set.of(), QUIET, 11 * S)).isTrue();
  }

  @Test
  void aPreemptionDueAtTheIntervalsEndIsWaitedFor() {
    // SemanticsSuiteIT's graceful-stop on the java stack (session 31): loadbalancer-1 (priority
    // 254) in BACKUP at 1.954 s, loadbalancer-2 MASTER by its own timer at 4.22 s; loadbalancer-1's
    // master down timer (3.01 s) preempted it at 4.984 s. Asked at 4.965 s, a quiet window of
    // the bare interval called loadbalancer-2 settled; ready's window does not.
    Duration masterDown = Duration.ofMillis(3010);
    long ms = 1000;
    History before = History.of(
        change(1954 * ms, "loadbalancer-1", VrrpRole.INIT, VrrpRole.BACKUP),
        change(2100 * ms, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP),
        change(4220 * ms, "loadbalancer-2", VrrpRole.BACKUP, VrrpRole.MASTER));
    assertThat(Waits.settled(before, LBS, "loadbalancer-2", Set.of(), masterDown, 4965 * ms))
        .isTrue();
    assertThat(Waits.settled(before, LBS, "loadbalancer-2", Set.of(),
        Waits.readyQuiet(masterDown), 4965 * ms)).isFalse();
    // once the preemption shows, loadbalancer-1 holds and loadbalancer-2 is outranked
    History after = History.of(
        change(1954 * ms, "loadbalancer-1", VrrpRole.INIT, VrrpRole.BACKUP),
        change(4220 * ms, "loadbalancer-2", VrrpRole.BACKUP, VrrpRole.MASTER),
        change(4984 * ms, "loadbalancer-1", VrrpRole.BACKUP, VrrpRole.MASTER),
        change(4990 * ms, "loadbalancer-2", VrrpRole.MASTER, VrrpRole.BACKUP));
    assertThat(Waits.settled(after, LBS, "loadbalancer-1", Set.of("loadbalancer-2"),
        Waits.readyQuiet(masterDown), 5000 * ms)).isTrue();
  }

  @Test
  void theHolderMustBeMasterByItsOwnReport() {
    History h = History.of(change(1 * S, "loadbalancer-1", VrrpRole.INIT, VrrpRole.BACKUP),
        change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", Set.of(), QUIET, 10 * S)).isFalse();
  }

  @Test
  void theHolderMayHaveChangedJustNowAndRunOtherInstances() {
    // its own recent change does not unsettle it; a second instance in BACKUP does not either
    History h = History.of(change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP),
        change(9 * S, "loadbalancer-1", "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER),
        change(9 * S + 1, "loadbalancer-1", "VI_2", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", Set.of(), QUIET, 10 * S)).isTrue();
  }

  @Test
  void anOutrankedLbChangingStateDoesNotUnsettleTheHolder() {
    // loadbalancer-2 (lower priority) entered BACKUP just now: it cannot preempt loadbalancer-1
    History h = History.of(change(9 * S, "loadbalancer-1", VrrpRole.INIT, VrrpRole.MASTER),
        change(9 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", Set.of("loadbalancer-2"), QUIET, 10 * S))
        .isTrue();
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", Set.of(), QUIET, 10 * S)).isFalse();
  }

  @Test
  void outrankedAreTheLowerPriorityAndTheNopreemptLbs() {
    var lb1 = instance(254, true);
    assertThat(Waits.outranked(Map.of("loadbalancer-1", lb1, "loadbalancer-2",
        instance(253, true)), "loadbalancer-1")).containsExactly("loadbalancer-2");
    // a higher priority that preempts may take the VIP; one with nopreempt may not
    assertThat(Waits.outranked(Map.of("loadbalancer-1", lb1, "loadbalancer-2",
        instance(253, true)), "loadbalancer-2")).isEmpty();
    assertThat(Waits.outranked(Map.of("loadbalancer-1", instance(254, false), "loadbalancer-2",
        instance(253, true)), "loadbalancer-2")).containsExactly("loadbalancer-1");
    // an equal priority may win on its address: not outranked; an unknown holder: none is
    assertThat(Waits.outranked(Map.of("loadbalancer-1", lb1, "loadbalancer-2",
        instance(254, true)), "loadbalancer-1")).isEmpty();
    assertThat(Waits.outranked(Map.of("loadbalancer-2", instance(1, true)), "loadbalancer-1"))
        .isEmpty();
  }

  static VrrpInstance instance(int priority, boolean preempt) {
    String conf = "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n"
        + "  priority " + priority + "\n" + (preempt ? "" : "  nopreempt\n")
        + "  virtual_ipaddress {\n    10.0.0.100\n  }\n}\n";
    return KeepalivedParser.parse(Path.of("keepalived.conf"), conf).instances().getFirst();
  }

  @Test
  void theRenderedArticleConfigsMakeTheSecondLbOutranked() {
    // what ready parses from each LB's keepalived.conf: loadbalancer-1 holding needs no quiet
    // wait for loadbalancer-2; loadbalancer-2 holding needs one for loadbalancer-1
    Map<String, VrrpInstance> vrrp = Map.of(
        "loadbalancer-1", rendered(0), "loadbalancer-2", rendered(1));
    assertThat(Waits.outranked(vrrp, "loadbalancer-1")).containsExactly("loadbalancer-2");
    assertThat(Waits.outranked(vrrp, "loadbalancer-2")).isEmpty();
  }

  static VrrpInstance rendered(int lb) {
    String conf = ReferenceConfigs.keepalived(new AddressPlan("10.213.7", 2, 2), 51, lb,
        LbSettings.ARTICLE);
    return KeepalivedParser.parse(Path.of(ReferenceConfigs.KEEPALIVED_PATH), conf).instances()
        .getFirst();
  }
}
