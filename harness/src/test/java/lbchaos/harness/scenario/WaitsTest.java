package lbchaos.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
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
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", QUIET, 5 * S)).isTrue();
  }

  @Test
  void aHolderWhileTheOtherLbHasNotReportedIsNot() {
    // the nightly's graceful-stop: loadbalancer-2 master, loadbalancer-1's daemon still starting
    History h = History.of(change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP),
        change(4 * S, "loadbalancer-2", VrrpRole.BACKUP, VrrpRole.MASTER));
    assertThat(Waits.settled(h, LBS, "loadbalancer-2", QUIET, 60 * S)).isFalse();
  }

  @Test
  void aHolderWhileAnotherLbChangedStateWithinTheIntervalIsNot() {
    // loadbalancer-1 entered BACKUP 2 s ago: its master down timer may still preempt
    History h = History.of(change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.MASTER),
        change(8 * S, "loadbalancer-1", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-2", QUIET, 10 * S)).isFalse();
    assertThat(Waits.settled(h, LBS, "loadbalancer-2", QUIET, 11 * S)).isTrue();
  }

  @Test
  void theHolderMustBeMasterByItsOwnReport() {
    History h = History.of(change(1 * S, "loadbalancer-1", VrrpRole.INIT, VrrpRole.BACKUP),
        change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", QUIET, 10 * S)).isFalse();
  }

  @Test
  void theHolderMayHaveChangedJustNowAndRunOtherInstances() {
    // its own recent change does not unsettle it; a second instance in BACKUP does not either
    History h = History.of(change(1 * S, "loadbalancer-2", VrrpRole.INIT, VrrpRole.BACKUP),
        change(9 * S, "loadbalancer-1", "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER),
        change(9 * S + 1, "loadbalancer-1", "VI_2", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(Waits.settled(h, LBS, "loadbalancer-1", QUIET, 10 * S)).isTrue();
  }
}
