package lbchaos.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lbchaos.vrrp.state.Action.ArmTimer;
import lbchaos.vrrp.state.Action.Notify;
import lbchaos.vrrp.state.Action.RemoveVips;
import lbchaos.vrrp.state.Action.SendAdvert;
import org.junit.jupiter.api.Test;

/** What a member does with its sync group's orders (keepalived 2.2.7 vrrp_sync.c, vrrp.c). */
class VrrpMachineSyncTest {

  final FakeClock clock = new FakeClock();
  final VrrpMachine m = new VrrpMachine(new Params(3, 100, Duration.ofSeconds(1), true,
      Duration.ZERO, VrrpMachineTest.ME));

  Snapshot backup() {
    return m.step(m.initial(), new Input.Startup(), clock.now()).next();
  }

  Snapshot master() {
    return m.step(backup(), new Input.MasterDownTimerFired(), clock.now()).next();
  }

  Step step(Snapshot s, Input in) {
    return m.step(s, in, clock.now());
  }

  @Test
  void aMasterOrderedToFaultSendsPriorityZeroAndGivesUpItsAddresses() {
    Step s = step(master(), new Input.SyncTo(State.FAULT));
    assertThat(s.next().state()).isEqualTo(State.FAULT);
    assertThat(s.next().faulted()).as("not its own fault").isFalse();
    assertThat(s.actions()).as("vrrp_state_leave_master with wantstate FAULT")
        .contains(new SendAdvert(0), new RemoveVips())
        .contains(new Notify(State.MASTER, State.FAULT, "sync group"));
  }

  @Test
  void aMasterOrderedToBackupLeavesQuietly() {
    Step s = step(master(), new Input.SyncTo(State.BACKUP));
    assertThat(s.next().state()).isEqualTo(State.BACKUP);
    assertThat(s.actions()).as("no priority 0 (vrrp_sync_backup: advF false)")
        .doesNotContain(new SendAdvert(0)).contains(new RemoveVips())
        .anyMatch(a -> a instanceof ArmTimer t && t.timer() == Timer.MASTER_DOWN);
  }

  @Test
  void aMemberTheGroupHeldInFaultComesBackAsBackupButOneFailingItselfStays() {
    Snapshot held = step(backup(), new Input.SyncTo(State.FAULT)).next();
    assertThat(step(held, new Input.SyncTo(State.BACKUP)).next().state()).as("held by the group")
        .isEqualTo(State.BACKUP);
    Snapshot own = step(backup(), new Input.TrackFault("check failing")).next();
    assertThat(step(own, new Input.SyncTo(State.BACKUP)).next().state()).as("its own fault")
        .isEqualTo(State.FAULT);
    assertThat(step(own, new Input.SyncTo(State.MASTER)).next().state()).isEqualTo(State.FAULT);
  }

  @Test
  void aBackupOrderedToMasterBecomesMaster() {
    Step s = step(backup(), new Input.SyncTo(State.MASTER));
    assertThat(s.next().state()).isEqualTo(State.MASTER);
    assertThat(s.actions()).contains(new Action.AddVips());
  }

  @Test
  void aHeldBackupWaitsAnotherMasterDownInterval() {
    Snapshot b = backup();
    Step s = step(b, new Input.SyncHold());
    assertThat(s.next().state()).isEqualTo(State.BACKUP);
    assertThat(s.actions()).containsExactly(new ArmTimer(Timer.MASTER_DOWN,
        clock.now().plus(m.masterDownInterval(b))));
  }

  @Test
  void aRecoveredTrackHeldByTheGroupStaysInFault() {
    Snapshot own = step(backup(), new Input.TrackFault("check failing")).next();
    Step s = step(own, new Input.TrackOkHeld());
    assertThat(s.next().state()).isEqualTo(State.FAULT);
    assertThat(s.next().faulted()).as("its own track is fine now").isFalse();
    assertThat(step(s.next(), new Input.SyncTo(State.BACKUP)).next().state())
        .as("the group's BACKUP brings it back").isEqualTo(State.BACKUP);
  }
}
