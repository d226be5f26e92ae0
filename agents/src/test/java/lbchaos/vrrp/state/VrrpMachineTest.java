package lbchaos.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lbchaos.vrrp.state.Action.AddVips;
import lbchaos.vrrp.state.Action.ArmTimer;
import lbchaos.vrrp.state.Action.CancelTimer;
import lbchaos.vrrp.state.Action.Notify;
import lbchaos.vrrp.state.Action.RemoveVips;
import lbchaos.vrrp.state.Action.SendAdvert;
import lbchaos.vrrp.state.Action.SendGarp;
import lbchaos.vrrp.state.Input.AdvertReceived;
import org.junit.jupiter.api.Test;

/** Every transition of RFC 5798 section 6.4 (and keepalived's FAULT), with a fake clock. */
class VrrpMachineTest {

  static final Inet4Address ME = ip("10.0.0.48");
  static final Inet4Address LOWER_IP = ip("10.0.0.5");
  static final Inet4Address HIGHER_IP = ip("10.0.0.97");
  static final Duration SECOND = Duration.ofSeconds(1);

  final FakeClock clock = new FakeClock();

  static Inet4Address ip(String s) {
    try {
      return (Inet4Address) Inet4Address.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static VrrpMachine machine(int priority) {
    return new VrrpMachine(new Params(3, priority, SECOND, true, Duration.ZERO, ME));
  }

  Step start(VrrpMachine m) {
    return m.step(m.initial(), new Input.Startup(), clock.now());
  }

  Snapshot master(VrrpMachine m) {
    Snapshot b = start(m).next();
    if (b.state() == State.MASTER) {
      return b;
    }
    Snapshot s = m.step(b, new Input.MasterDownTimerFired(), clock.now()).next();
    assertThat(s.state()).as("fixture: became master").isEqualTo(State.MASTER);
    return s;
  }

  AdvertReceived advert(int priority, Inet4Address from) {
    return new AdvertReceived(priority, from, SECOND);
  }

  // ---- Initialize (section 6.4.1)

  @Test
  void startupOfANonOwnerGoesBackupAndArmsTheMasterDownTimer() {
    VrrpMachine m = machine(100);
    Step st = start(m);
    assertThat(st.next().state()).as("state").isEqualTo(State.BACKUP);
    assertThat(st.actions()).as("actions").containsExactly(
        new ArmTimer(Timer.MASTER_DOWN, clock.now().plus(Timing.masterDown(3, 100, SECOND))),
        new Notify(State.INITIALIZE, State.BACKUP, "startup"));
  }

  @Test
  void startupOfTheAddressOwnerGoesMasterAtOnce() {
    VrrpMachine m = machine(255);
    Step st = start(m);
    assertThat(st.next().state()).as("state").isEqualTo(State.MASTER);
    assertThat(st.actions()).as("advert before the VIPs (keepalived's order), GARP and timers")
        .containsExactly(
        new CancelTimer(Timer.MASTER_DOWN),
        new SendAdvert(255),
        new AddVips(),
        new SendGarp(5),
        new ArmTimer(Timer.ADVERT, clock.now().plus(SECOND)),
        new ArmTimer(Timer.GARP_REPEAT, clock.now().plus(Duration.ofSeconds(5))),
        new Notify(State.INITIALIZE, State.MASTER, "startup, address owner"));
  }

  @Test
  void startupWithAFailingTrackScriptGoesFault() {
    VrrpMachine m = machine(255);
    Snapshot s = m.step(m.initial(), new Input.TrackFault("check failed"), clock.now()).next();
    Step st = m.step(s, new Input.Startup(), clock.now());
    assertThat(st.next().state()).as("state").isEqualTo(State.FAULT);
    assertThat(st.actions()).as("no advert, no VIP").containsExactly(
        new Notify(State.INITIALIZE, State.FAULT, "startup, a tracked script or link failing"));
  }

  @Test
  void inputsOtherThanStartupAreIgnoredInInitialize() {
    VrrpMachine m = machine(100);
    for (Input in : List.of(new Input.Shutdown(), new Input.MasterDownTimerFired(),
        new Input.AdvertTimerFired(), advert(200, HIGHER_IP))) {
      Step st = m.step(m.initial(), in, clock.now());
      assertThat(st.actions()).as("%s in Initialize", in).isEmpty();
      assertThat(st.next().state()).as("%s in Initialize", in).isEqualTo(State.INITIALIZE);
    }
  }

  // ---- Backup (section 6.4.2)

  @Test
  void backupShutdownCancelsTheTimerAndGoesInitialize() {
    VrrpMachine m = machine(100);
    Step st = m.step(start(m).next(), new Input.Shutdown(), clock.now());
    assertThat(st.next().state()).as("state").isEqualTo(State.INITIALIZE);
    assertThat(st.actions()).as("actions").containsExactly(new CancelTimer(Timer.MASTER_DOWN),
        new Notify(State.BACKUP, State.INITIALIZE, "shutdown"));
  }

  @Test
  void backupBecomesMasterWhenTheMasterDownTimerFires() {
    VrrpMachine m = machine(100);
    Snapshot b = start(m).next();
    Instant fire = clock.advance(Timing.masterDown(3, 100, SECOND));
    Step st = m.step(b, new Input.MasterDownTimerFired(), fire);
    assertThat(st.next().state()).as("state").isEqualTo(State.MASTER);
    assertThat(st.actions()).as("sends advert at its priority, then adds VIP, GARP")
        .containsSubsequence(new SendAdvert(100), new AddVips(), new SendGarp(5),
            new ArmTimer(Timer.ADVERT, fire.plus(SECOND)),
            new Notify(State.BACKUP, State.MASTER, "master down timer"));
  }

  @Test
  void backupReceivingPriorityZeroTakesOverAfterSkewTime() {
    VrrpMachine m = machine(100);
    Snapshot b = start(m).next();
    Instant t = clock.advance(Duration.ofMillis(500));
    Step st = m.step(b, advert(0, HIGHER_IP), t);
    assertThat(st.next().state()).as("still backup until the timer fires").isEqualTo(State.BACKUP);
    assertThat(st.actions()).as("master down timer set to skew time").containsExactly(
        new ArmTimer(Timer.MASTER_DOWN, t.plus(Timing.skew(3, 100, SECOND))));
  }

  @Test
  void backupAcceptsAHigherMasterAndLearnsItsInterval() {
    VrrpMachine m = machine(100);
    Snapshot b = start(m).next();
    Instant t = clock.advance(Duration.ofMillis(700));
    Duration learned = Duration.ofMillis(100);
    Step st = m.step(b, new AdvertReceived(200, LOWER_IP, learned), t);
    assertThat(st.next().masterAdverInterval()).as("Master_Adver_Interval learned")
        .isEqualTo(learned);
    assertThat(st.actions()).as("timer reset to 3 x learned + skew").containsExactly(
        new ArmTimer(Timer.MASTER_DOWN, t.plus(Timing.masterDown(3, 100, learned))));
  }

  @Test
  void backupAcceptsAnEqualPriorityMaster() {
    VrrpMachine m = machine(100);
    Step st = m.step(start(m).next(), advert(100, LOWER_IP), clock.now());
    assertThat(st.actions()).as("equal priority resets the timer").hasSize(1)
        .first().isInstanceOf(ArmTimer.class);
  }

  @Test
  void backupWithPreemptDiscardsALowerMaster() {
    VrrpMachine m = machine(100);
    Snapshot b = start(m).next();
    Step st = m.step(b, advert(50, HIGHER_IP), clock.advance(SECOND));
    assertThat(st.actions()).as("discarded: the running timer will preempt").isEmpty();
    assertThat(st.next()).as("unchanged").isEqualTo(b);
  }

  @Test
  void backupWithNopreemptAcceptsALowerMaster() {
    VrrpMachine m = new VrrpMachine(new Params(3, 100, SECOND, false, Duration.ZERO, ME));
    Snapshot b = start(m).next();
    Instant t = clock.advance(SECOND);
    Step st = m.step(b, advert(50, HIGHER_IP), t);
    assertThat(st.actions()).as("nopreempt: the lower master is kept").containsExactly(
        new ArmTimer(Timer.MASTER_DOWN, t.plus(Timing.masterDown(3, 100, SECOND))));
  }

  @Test
  void preemptDelayAcceptsALowerMasterUntilTheDelayAfterStartupHasPassed() {
    Duration delay = Duration.ofSeconds(10);
    VrrpMachine m = new VrrpMachine(new Params(3, 100, SECOND, true, delay, ME));
    Snapshot b = start(m).next();
    assertThat(b.preemptAt()).as("delay counts from start-up").isEqualTo(clock.now().plus(delay));
    Step early = m.step(b, advert(50, HIGHER_IP), clock.advance(Duration.ofSeconds(9)));
    assertThat(early.actions()).as("within the delay: lower master accepted").hasSize(1)
        .first().isInstanceOf(ArmTimer.class);
    Step late = m.step(early.next(), advert(50, HIGHER_IP), clock.advance(SECOND));
    assertThat(late.actions()).as("delay over: discarded, so we preempt").isEmpty();
  }

  @Test
  void preemptDelayRestartsWhenALowerMasterFollowsAHigherOne() {
    Duration delay = Duration.ofSeconds(10);
    VrrpMachine m = new VrrpMachine(new Params(3, 100, SECOND, true, delay, ME));
    Snapshot s = start(m).next();
    s = m.step(s, advert(200, HIGHER_IP), clock.advance(Duration.ofSeconds(20))).next();
    assertThat(s.preemptAt()).as("higher master after the start-up delay clears it").isNull();
    Instant firstLower = clock.advance(SECOND);
    Step st = m.step(s, advert(50, HIGHER_IP), firstLower);
    assertThat(st.next().preemptAt()).as("delay counts from first lower advert")
        .isEqualTo(firstLower.plus(delay));
    assertThat(st.actions()).as("accepted meanwhile").hasSize(1);
  }

  @Test
  void backupGoesFaultWhenATrackScriptFails() {
    VrrpMachine m = machine(100);
    Step st = m.step(start(m).next(), new Input.TrackFault("check_apiserver failed"),
        clock.now());
    assertThat(st.next().state()).as("state").isEqualTo(State.FAULT);
    assertThat(st.actions()).as("actions").containsExactly(new CancelTimer(Timer.MASTER_DOWN),
        new Notify(State.BACKUP, State.FAULT, "check_apiserver failed"));
  }

  @Test
  void backupIgnoresMasterTimers() {
    VrrpMachine m = machine(100);
    Snapshot b = start(m).next();
    assertThat(m.step(b, new Input.AdvertTimerFired(), clock.now()).actions())
        .as("advert timer in backup").isEmpty();
    assertThat(m.step(b, new Input.GarpTimerFired(), clock.now()).actions())
        .as("garp timer in backup").isEmpty();
  }

  // ---- Master (section 6.4.3)

  @Test
  void masterShutdownSendsPriorityZeroAndRemovesTheVip() {
    VrrpMachine m = machine(255);
    Step st = m.step(master(m), new Input.Shutdown(), clock.now());
    assertThat(st.next().state()).as("state").isEqualTo(State.INITIALIZE);
    assertThat(st.actions()).as("actions").containsExactly(new CancelTimer(Timer.ADVERT),
        new CancelTimer(Timer.GARP_REPEAT), new CancelTimer(Timer.LOWER_PRIO_GARP),
        new SendAdvert(0), new RemoveVips(),
        new Notify(State.MASTER, State.INITIALIZE, "shutdown"));
  }

  @Test
  void masterSendsAnAdvertEachIntervalAndASecondGarpBurst() {
    VrrpMachine m = machine(255);
    Snapshot s = master(m);
    Instant t = clock.advance(SECOND);
    assertThat(m.step(s, new Input.AdvertTimerFired(), t).actions()).as("advert timer")
        .containsExactly(new SendAdvert(255), new ArmTimer(Timer.ADVERT, t.plus(SECOND)));
    assertThat(m.step(s, new Input.GarpTimerFired(), t).actions()).as("garp repeat")
        .containsExactly(new SendGarp(5));
  }

  @Test
  void masterAnswersPriorityZeroAtOnce() {
    VrrpMachine m = machine(200);
    Snapshot s = master(m);
    Instant t = clock.advance(Duration.ofMillis(300));
    assertThat(m.step(s, advert(0, HIGHER_IP), t).actions()).as("send and reset advert timer")
        .containsExactly(new SendAdvert(200), new ArmTimer(Timer.ADVERT, t.plus(SECOND)));
  }

  @Test
  void masterYieldsToAHigherPriority() {
    VrrpMachine m = machine(200);
    Snapshot s = master(m);
    Instant t = clock.advance(Duration.ofMillis(300));
    Step st = m.step(s, new AdvertReceived(250, LOWER_IP, Duration.ofMillis(200)), t);
    assertThat(st.next().state()).as("state").isEqualTo(State.BACKUP);
    assertThat(st.actions()).as("actions").containsExactly(new CancelTimer(Timer.ADVERT),
        new CancelTimer(Timer.GARP_REPEAT),
        new CancelTimer(Timer.LOWER_PRIO_GARP),
        new ArmTimer(Timer.MASTER_DOWN, t.plus(Timing.masterDown(3, 200, Duration.ofMillis(200)))),
        new RemoveVips(),
        new Notify(State.MASTER, State.BACKUP, "higher priority 250 from 10.0.0.5"));
  }

  @Test
  void masterYieldsOnEqualPriorityOnlyToAHigherAddress() {
    VrrpMachine m = machine(200);
    Snapshot s = master(m);
    Step higher = m.step(s, advert(200, HIGHER_IP), clock.now());
    assertThat(higher.next().state()).as("10.0.0.97 > 10.0.0.48 wins the tie")
        .isEqualTo(State.BACKUP);
    Step lower = m.step(s, advert(200, LOWER_IP), clock.now());
    assertThat(lower.next().state()).as("10.0.0.5 < 10.0.0.48 loses the tie")
        .isEqualTo(State.MASTER);
    assertThat(lower.actions()).as("keepalived answers at once, with GARPs").containsExactly(
        new SendAdvert(200), new SendGarp(5),
        new ArmTimer(Timer.LOWER_PRIO_GARP, clock.now().plus(Duration.ofSeconds(5))),
        new Action.LowerPriorityHeard());
  }

  @Test
  void tieBreakComparesAddressesUnsigned() {
    assertThat(VrrpMachine.compare(ip("192.168.0.1").getAddress(), ip("10.0.0.1").getAddress()))
        .as("192 > 10 although (byte) 192 is negative").isPositive();
  }

  @Test
  void masterKeepsMastershipAgainstALowerPriority() {
    VrrpMachine m = machine(200);
    Snapshot s = master(m);
    Step st = m.step(s, advert(100, HIGHER_IP), clock.now());
    assertThat(st.next().state()).as("still master").isEqualTo(State.MASTER);
    // keepalived 2.2.7's defaults: garp_lower_prio_repeat = vrrp_garp_master_repeat (5),
    // garp_lower_prio_delay = vrrp_garp_master_delay (5 s).
    assertThat(st.actions()).as("answers at once, GARPs now and 5 s later").containsExactly(
        new SendAdvert(200), new SendGarp(5),
        new ArmTimer(Timer.LOWER_PRIO_GARP, clock.now().plus(Duration.ofSeconds(5))),
        new Action.LowerPriorityHeard());
  }

  @Test
  void masterGoesFaultSendingPriorityZero() {
    VrrpMachine m = machine(200);
    Step st = m.step(master(m), new Input.TrackFault("check failed"), clock.now());
    assertThat(st.next().state()).as("state").isEqualTo(State.FAULT);
    assertThat(st.actions()).as("actions").containsExactly(new CancelTimer(Timer.ADVERT),
        new CancelTimer(Timer.GARP_REPEAT), new CancelTimer(Timer.LOWER_PRIO_GARP),
        new SendAdvert(0), new RemoveVips(),
        new Notify(State.MASTER, State.FAULT, "check failed"));
  }

  @Test
  void priorityChangeIsUsedByTheNextAdvertAndSkew() {
    VrrpMachine m = machine(200);
    Snapshot s = m.step(master(m), new Input.PriorityChanged(198), clock.now()).next();
    assertThat(m.step(s, new Input.AdvertTimerFired(), clock.now()).actions())
        .as("next advert carries 198").first().isEqualTo(new SendAdvert(198));
    Snapshot b = m.step(s, advert(199, LOWER_IP), clock.now()).next();
    assertThat(b.state()).as("199 now beats us").isEqualTo(State.BACKUP);
    assertThat(m.masterDownInterval(b)).as("skew from the effective priority")
        .isEqualTo(Timing.masterDown(3, 198, SECOND));
  }

  @Test
  void masterIgnoresTheMasterDownTimer() {
    VrrpMachine m = machine(200);
    Snapshot s = master(m);
    assertThat(m.step(s, new Input.MasterDownTimerFired(), clock.now()).actions())
        .as("stale master down timer").isEmpty();
  }

  // ---- Fault (keepalived)

  @Test
  void faultReturnsToBackupWhenTrackScriptsRecover() {
    VrrpMachine m = machine(100);
    Snapshot f = m.step(start(m).next(), new Input.TrackFault("x"), clock.now()).next();
    Instant t = clock.advance(SECOND);
    Step st = m.step(f, new Input.TrackOk(), t);
    assertThat(st.next().state()).as("state").isEqualTo(State.BACKUP);
    assertThat(st.actions()).as("arms the master down timer").containsExactly(
        new ArmTimer(Timer.MASTER_DOWN, t.plus(Timing.masterDown(3, 100, SECOND))),
        new Notify(State.FAULT, State.BACKUP, "tracked scripts and links ok"));
  }

  @Test
  void faultOfTheOwnerReturnsStraightToMaster() {
    VrrpMachine m = machine(255);
    Snapshot f = m.step(master(m), new Input.TrackFault("x"), clock.now()).next();
    Step st = m.step(f, new Input.TrackOk(), clock.now());
    assertThat(st.next().state()).as("owner").isEqualTo(State.MASTER);
  }

  @Test
  void faultIgnoresAdvertsAndTimersAndShutsDownQuietly() {
    VrrpMachine m = machine(100);
    Snapshot f = m.step(start(m).next(), new Input.TrackFault("x"), clock.now()).next();
    for (Input in : List.of(advert(0, HIGHER_IP), advert(50, HIGHER_IP),
        new Input.MasterDownTimerFired(), new Input.AdvertTimerFired())) {
      assertThat(m.step(f, in, clock.now()).actions()).as("%s in FAULT", in).isEmpty();
    }
    Step st = m.step(f, new Input.Shutdown(), clock.now());
    assertThat(st.actions()).as("no advert from a faulty node").containsExactly(
        new Notify(State.FAULT, State.INITIALIZE, "shutdown"));
  }

  // ---- A whole failover, as the harness will measure it

  @Test
  void backupTakesOverOneMasterDownIntervalAfterTheLastAdvert() {
    VrrpMachine m = new VrrpMachine(new Params(3, 254, Duration.ofMillis(100), true,
        Duration.ZERO, ME));
    Snapshot s = start(m).next();
    Instant lastArm = null;
    for (int i = 0; i < 5; i++) {
      Step st = m.step(s, new AdvertReceived(255, HIGHER_IP, Duration.ofMillis(100)),
          clock.advance(Duration.ofMillis(100)));
      s = st.next();
      lastArm = ((ArmTimer) st.actions().getFirst()).at();
    }
    assertThat(lastArm).as("master down deadline after the last advert")
        .isEqualTo(clock.now().plus(Duration.ofMillis(300)).plus(Duration.ofNanos(781_000)));
  }
}
