package lbchaos.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lbchaos.vrrp.state.Action.ArmTimer;
import lbchaos.vrrp.state.Action.SendAdvert;
import lbchaos.vrrp.state.Action.SendGarp;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's GARP timing (vrrp.c, vrrp_scheduler.c), driven without sockets. */
class GarpTimingTest {

  static final Inet4Address ME = VrrpMachineTest.ip("10.0.0.48");
  static final Duration SECOND = Duration.ofSeconds(1);
  final FakeClock clock = new FakeClock();

  static VrrpMachine machine(int priority, Garp g) {
    return new VrrpMachine(new Params(2, priority, SECOND, true, Duration.ZERO, ME, g));
  }

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** The owner becomes master at start-up: the step and its snapshot. */
  Step owner(Garp g) {
    VrrpMachine m = machine(255, g);
    return m.step(m.initial(), new Input.Startup(), clock.now());
  }

  @Test
  void becomingMasterSendsTheConfiguredBurstAndArmsTheSecondAtTheConfiguredDelay() {
    Step st = owner(Garp.DEFAULT.withMaster(s(2), 3));
    assertThat(st.actions()).as("a burst of 3, the second 2 s later")
        .contains(new SendGarp(3), new ArmTimer(Timer.GARP_REPEAT, clock.now().plus(s(2))));
    VrrpMachine m = machine(255, Garp.DEFAULT.withMaster(s(2), 3));
    assertThat(m.step(st.next(), new Input.GarpTimerFired(), clock.now().plus(s(2))).actions())
        .as("the second burst").containsExactly(new SendGarp(3));
  }

  @Test
  void garpMasterDelayZeroArmsNoSecondBurst() {
    Step st = owner(Garp.DEFAULT.withMaster(Duration.ZERO, 1));
    assertThat(st.actions()).as("one burst of one").contains(new SendGarp(1))
        .noneMatch(a -> a instanceof ArmTimer t && t.timer() == Timer.GARP_REPEAT);
  }

  @Test
  void refreshRidesOnTheFirstAdvertStrictlyAfterTheDeadline() {
    Garp g = Garp.DEFAULT.withRefresh(s(4), 2);
    VrrpMachine m = machine(255, g);
    Instant t0 = clock.now();
    Snapshot s = owner(g).next();
    assertThat(s.garpRefreshAt()).as("deadline").isEqualTo(t0.plus(s(4)));
    for (int i = 1; i <= 3; i++) {
      Step adv = m.step(s, new Input.AdvertTimerFired(), t0.plus(s(i)));
      assertThat(adv.actions()).as("advert " + i + ": no refresh")
          .noneMatch(a -> a instanceof SendGarp);
      s = adv.next();
    }
    // At exactly the deadline keepalived's timercmp(>) is false: the refresh waits an advert.
    Step at4 = m.step(s, new Input.AdvertTimerFired(), t0.plus(s(4)));
    assertThat(at4.actions()).as("at the deadline").noneMatch(a -> a instanceof SendGarp);
    Instant t5 = t0.plus(s(5)).plus(Duration.ofMillis(3));
    Step at5 = m.step(at4.next(), new Input.AdvertTimerFired(), t5);
    assertThat(at5.actions()).as("the first advert after it").containsExactly(
        new SendAdvert(255), new SendGarp(2), new ArmTimer(Timer.ADVERT, t5.plus(SECOND)));
    assertThat(at5.next().garpRefreshAt()).as("next deadline from that advert")
        .isEqualTo(t5.plus(s(4)));
  }

  @Test
  void noRefreshByDefault() {
    Snapshot s = owner(Garp.DEFAULT).next();
    assertThat(s.garpRefreshAt()).isNull();
    assertThat(machine(255, Garp.DEFAULT).step(s, new Input.AdvertTimerFired(),
        clock.now().plus(s(3600))).actions()).noneMatch(a -> a instanceof SendGarp);
  }

  @Test
  void aLowerPriorityAdvertSendsGarpsNowAndQueuesOneSecondBurstPerAdvert() {
    Garp g = Garp.DEFAULT.withLowerPrio(s(3), 2);
    VrrpMachine m = machine(200, g);
    Snapshot b = m.step(m.initial(), new Input.Startup(), clock.now()).next();
    Snapshot master = m.step(b, new Input.MasterDownTimerFired(), clock.now()).next();
    Instant t1 = clock.advance(SECOND);
    Step first = m.step(master, new Input.AdvertReceived(100, VrrpMachineTest.LOWER_IP, SECOND),
        t1);
    assertThat(first.actions()).containsExactly(new SendAdvert(200), new SendGarp(2),
        new ArmTimer(Timer.LOWER_PRIO_GARP, t1.plus(s(3))), new Action.LowerPriorityHeard());
    Instant t2 = clock.advance(SECOND);
    Step second = m.step(first.next(), new Input.AdvertReceived(100, VrrpMachineTest.LOWER_IP,
        SECOND), t2);
    assertThat(second.next().lowerPrioGarps()).as("keepalived adds a thread per advert")
        .containsExactly(t1.plus(s(3)), t2.plus(s(3)));
    Step due1 = m.step(second.next(), new Input.LowerPrioGarpTimerFired(), t1.plus(s(3)));
    assertThat(due1.actions()).containsExactly(new SendGarp(2),
        new ArmTimer(Timer.LOWER_PRIO_GARP, t2.plus(s(3))));
    Step due2 = m.step(due1.next(), new Input.LowerPrioGarpTimerFired(), t2.plus(s(3)));
    assertThat(due2.actions()).containsExactly(new SendGarp(2));
    assertThat(due2.next().lowerPrioGarps()).isEmpty();
  }

  @Test
  void garpLowerPrioRepeatZeroSendsOnlyTheAdvert() {
    VrrpMachine m = machine(255, Garp.DEFAULT.withLowerPrio(s(5), 0));
    Snapshot s = m.step(m.initial(), new Input.Startup(), clock.now()).next();
    assertThat(m.step(s, new Input.AdvertReceived(100, VrrpMachineTest.LOWER_IP, SECOND),
        clock.now()).actions()).containsExactly(new SendAdvert(255),
        new Action.LowerPriorityHeard());
  }

  @Test
  void higherPrioSendAdvertAdvertisesOnceMoreBeforeYielding() {
    for (boolean on : List.of(true, false)) {
      VrrpMachine m = machine(200, Garp.DEFAULT.withHigherPrioSendAdvert(on));
      Snapshot b = m.step(m.initial(), new Input.Startup(), clock.now()).next();
      Snapshot master = m.step(b, new Input.MasterDownTimerFired(), clock.now()).next();
      Step st = m.step(master, new Input.AdvertReceived(250, VrrpMachineTest.HIGHER_IP, SECOND),
          clock.now());
      assertThat(st.next().state()).isEqualTo(State.BACKUP);
      if (on) {
        assertThat(st.actions()).as("our own priority first").first()
            .isEqualTo(new SendAdvert(200));
      } else {
        assertThat(st.actions()).as("off: no advert").noneMatch(a -> a instanceof SendAdvert);
      }
    }
  }

  @Test
  void leavingMasterDropsEveryGarpSchedule() {
    Garp g = Garp.DEFAULT.withRefresh(s(4), 1).withLowerPrio(s(3), 1);
    VrrpMachine m = machine(200, g);
    Snapshot b = m.step(m.initial(), new Input.Startup(), clock.now()).next();
    Snapshot master = m.step(b, new Input.MasterDownTimerFired(), clock.now()).next();
    Snapshot heard = m.step(master, new Input.AdvertReceived(100, VrrpMachineTest.LOWER_IP,
        SECOND), clock.now()).next();
    Step down = m.step(heard, new Input.AdvertReceived(250, VrrpMachineTest.HIGHER_IP, SECOND),
        clock.now());
    assertThat(down.next().garpRefreshAt()).isNull();
    assertThat(down.next().lowerPrioGarps()).isEmpty();
    assertThat(down.actions()).contains(new Action.CancelTimer(Timer.GARP_REPEAT),
        new Action.CancelTimer(Timer.LOWER_PRIO_GARP));
    assertThat(m.step(down.next(), new Input.LowerPrioGarpTimerFired(), clock.now().plus(s(9)))
        .actions()).as("a stale timer in BACKUP").isEmpty();
  }
}
