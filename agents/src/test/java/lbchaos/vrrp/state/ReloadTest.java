package lbchaos.vrrp.state;

import static lbchaos.vrrp.state.VrrpMachineTest.HIGHER_IP;
import static lbchaos.vrrp.state.VrrpMachineTest.ME;
import static lbchaos.vrrp.state.VrrpMachineTest.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lbchaos.vrrp.state.Action.AddVips;
import lbchaos.vrrp.state.Action.ArmTimer;
import lbchaos.vrrp.state.Action.CancelTimer;
import lbchaos.vrrp.state.Action.Notify;
import lbchaos.vrrp.state.Action.RemoveDroppedVips;
import lbchaos.vrrp.state.Action.RemoveVips;
import lbchaos.vrrp.state.Action.SendAdvert;
import lbchaos.vrrp.state.Action.SendGarp;
import lbchaos.vrrp.state.Input.AdvertReceived;
import org.junit.jupiter.api.Test;

/**
 * SIGHUP: the machine of the new config steps the snapshot the old one left (keepalived 2.2.7
 * restore_vrrp_state / vrrp_init_state). No flap unless the new config asks for one.
 */
class ReloadTest {

  final FakeClock clock = new FakeClock();

  static VrrpMachine machine(int priority, Duration advert) {
    return new VrrpMachine(new Params(3, priority, advert, true, Duration.ZERO, ME));
  }

  Snapshot master(int priority) {
    VrrpMachine m = machine(priority, SECOND);
    Snapshot b = m.step(m.initial(), new Input.Startup(), clock.now()).next();
    Snapshot s = m.step(b, new Input.MasterDownTimerFired(), clock.now()).next();
    assertThat(s.state()).as("fixture: master").isEqualTo(State.MASTER);
    return s;
  }

  Snapshot backup(int priority) {
    VrrpMachine m = machine(priority, SECOND);
    Snapshot b = m.step(m.initial(), new Input.Startup(), clock.now()).next();
    assertThat(b.state()).as("fixture: backup").isEqualTo(State.BACKUP);
    return b;
  }

  @Test
  void unchangedConfigKeepsTheMasterWithoutTouchingItsAddresses() {
    Snapshot m = master(150);
    clock.advance(Duration.ofMillis(300));
    Step st = machine(150, SECOND).step(m, new Input.Reload(150, false, false, false),
        clock.now());
    assertThat(st.next().state()).as("still master").isEqualTo(State.MASTER);
    assertThat(st.actions()).as("an advert and the advert timer, no address change").containsExactly(
        new SendAdvert(150), new ArmTimer(Timer.ADVERT, clock.now().plus(SECOND)));
  }

  @Test
  void newPriorityAndIntervalApplyToTheMasterAtOnce() {
    Snapshot m = master(150);
    Duration half = Duration.ofMillis(500);
    VrrpMachine next = machine(120, half);
    Step st = next.step(m, new Input.Reload(120, false, false, false), clock.now());
    assertThat(st.next().state()).as("a lower priority alone keeps master").isEqualTo(State.MASTER);
    assertThat(st.actions()).as("keepalived's advert at SIGHUP still has the old priority; the"
        + " timer has the new interval").containsExactly(new SendAdvert(150),
        new ArmTimer(Timer.ADVERT, clock.now().plus(half)));
    Step tick = next.step(st.next(), new Input.AdvertTimerFired(), clock.now().plus(half));
    assertThat(tick.actions()).as("the next advert has the new priority")
        .startsWith(new SendAdvert(120));
  }

  @Test
  void aMasterReloadedBelowItsPeerYieldsOnThePeersAdvert() {
    Snapshot m = master(150);
    VrrpMachine next = machine(90, SECOND);
    Snapshot reloaded = next.step(m, new Input.Reload(90, false, false, false), clock.now())
        .next();
    assertThat(reloaded.state()).as("no flap at the reload itself").isEqualTo(State.MASTER);
    // The peer (100, preempting) ignores our 90 and takes over when its timer fires.
    clock.advance(Duration.ofSeconds(3));
    Step st = next.step(reloaded, new AdvertReceived(100, HIGHER_IP, SECOND), clock.now());
    assertThat(st.next().state()).as("gives up to the higher peer").isEqualTo(State.BACKUP);
    assertThat(st.actions()).as("VIPs removed, master down timer at the new priority")
        .contains(new RemoveVips(),
            new ArmTimer(Timer.MASTER_DOWN, clock.now().plus(Timing.masterDown(3, 90, SECOND))));
  }

  @Test
  void aMasterReloadedAbovePeersAdvertsStaysMaster() {
    Snapshot m = master(100);
    VrrpMachine next = machine(200, SECOND);
    Snapshot reloaded = next.step(m, new Input.Reload(200, false, false, false), clock.now())
        .next();
    Step st = next.step(reloaded, new AdvertReceived(150, HIGHER_IP, SECOND), clock.now());
    assertThat(st.next().state()).as("150 < 200 now").isEqualTo(State.MASTER);
  }

  @Test
  void aMasterAddsNewAddressesWithAGarpBurst() {
    Snapshot m = master(150);
    Step st = machine(150, SECOND).step(m, new Input.Reload(150, false, true, false),
        clock.now());
    assertThat(st.next().state()).as("still master").isEqualTo(State.MASTER);
    assertThat(st.actions()).as("the missing addresses, GARPs, then the advert").containsExactly(
        new AddVips(), new SendGarp(5), new SendAdvert(150),
        new ArmTimer(Timer.ADVERT, clock.now().plus(SECOND)));
  }

  @Test
  void aMasterDropsRemovedAddressesOnly() {
    Snapshot m = master(150);
    Step st = machine(150, SECOND).step(m, new Input.Reload(150, false, false, true),
        clock.now());
    assertThat(st.next().state()).as("still master").isEqualTo(State.MASTER);
    assertThat(st.actions()).as("only the dropped addresses go, no GARP").containsExactly(
        new RemoveDroppedVips(), new SendAdvert(150),
        new ArmTimer(Timer.ADVERT, clock.now().plus(SECOND)));
  }

  @Test
  void aBackupTouchesNoAddressesAndWaitsAWholeNewMasterDownInterval() {
    Snapshot b = backup(100);
    clock.advance(Duration.ofSeconds(2));
    Duration half = Duration.ofMillis(500);
    Step st = machine(110, half).step(b, new Input.Reload(110, false, true, true), clock.now());
    assertThat(st.next().state()).as("still backup").isEqualTo(State.BACKUP);
    assertThat(st.actions()).as("only the timer, from now, at the new values").containsExactly(
        new ArmTimer(Timer.MASTER_DOWN, clock.now().plus(Timing.masterDown(3, 110, half))));
  }

  @Test
  void aFailingTrackScriptOfTheNewConfigTakesTheMasterToFault() {
    Snapshot m = master(150);
    Step st = machine(150, SECOND).step(m, new Input.Reload(150, true, false, true),
        clock.now());
    assertThat(st.next().state()).as("fault").isEqualTo(State.FAULT);
    assertThat(st.actions()).as("dropped addresses, then the master gives up").containsSubsequence(
        new RemoveDroppedVips(), new CancelTimer(Timer.ADVERT), new SendAdvert(0),
        new RemoveVips());
  }

  @Test
  void aFaultThatTheNewConfigNoLongerHasIsLeft() {
    VrrpMachine m = machine(100, SECOND);
    Snapshot f = m.step(m.step(m.initial(), new Input.TrackFault("x"), clock.now()).next(),
        new Input.Startup(), clock.now()).next();
    assertThat(f.state()).as("fixture: fault").isEqualTo(State.FAULT);
    Step st = m.step(f, new Input.Reload(100, false, false, false), clock.now());
    assertThat(st.next().state()).as("backup again").isEqualTo(State.BACKUP);
    assertThat(st.actions()).as("reported").contains(
        new Notify(State.FAULT, State.BACKUP, "reload"));
  }

  @Test
  void aStoppedInstanceOnlyTakesTheNewValues() {
    VrrpMachine m = machine(100, SECOND);
    Step st = machine(120, SECOND).step(m.initial(), new Input.Reload(120, false, true, true),
        clock.now());
    assertThat(st.next().state()).as("still stopped").isEqualTo(State.INITIALIZE);
    assertThat(st.next().priority()).as("new priority").isEqualTo(120);
    assertThat(st.actions()).as("nothing to do").isEmpty();
  }
}
