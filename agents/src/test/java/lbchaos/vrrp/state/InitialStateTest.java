package lbchaos.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.state.Action.AddVips;
import lbchaos.vrrp.state.Action.ArmTimer;
import lbchaos.vrrp.state.Action.CancelTimer;
import lbchaos.vrrp.state.Action.Notify;
import lbchaos.vrrp.state.Action.RemoveVips;
import lbchaos.vrrp.state.Action.SendAdvert;
import lbchaos.vrrp.state.Action.SendGarp;
import lbchaos.vrrp.state.Input.AdvertReceived;
import org.junit.jupiter.api.Test;

/**
 * Start-up from a keepalived.conf {@code state} line, as keepalived 2.2.7 does it
 * (vrrp_scheduler.c vrrp_init_state): only the address owner (priority 255) becomes master at
 * once (a 1 us master down timer); any other priority enters BACKUP and waits
 * Master_Down_Interval, whether the line says MASTER or BACKUP. {@code state MASTER} without a
 * priority means 255 (vrrp.c vrrp_complete_instance), which is where "MASTER at once" comes
 * from. keepalived 1.x went master at once for any state MASTER; 2.0 onwards do not.
 */
class InitialStateTest {

  static final Inet4Address ME = VrrpMachineTest.ME;
  static final Inet4Address PEER = VrrpMachineTest.HIGHER_IP;
  static final Duration SECOND = Duration.ofSeconds(1);

  final FakeClock clock = new FakeClock();

  static VrrpInstance parse(String body) {
    return KeepalivedParser.parse(Path.of("test.conf"), "vrrp_instance VI_1 {\n interface eth0\n"
        + " virtual_router_id 51\n advert_int 1\n version 3\n"
        + " virtual_ipaddress {\n  10.0.0.211/24\n }\n" + body + "}\n").instances().getFirst();
  }

  /** The machine the agent builds for an instance (Running.params). */
  static VrrpMachine machine(VrrpInstance i) {
    return new VrrpMachine(new Params(i.version(), i.priority(), i.advertInterval(), i.preempt(),
        i.preemptDelay(), ME));
  }

  @Test
  void stateMasterPriority100WaitsMasterDownLikeStateBackup() {
    VrrpMachine asMaster = machine(parse(" state MASTER\n priority 100\n"));
    VrrpMachine asBackup = machine(parse(" state BACKUP\n priority 100\n"));
    Step m = asMaster.step(asMaster.initial(), new Input.Startup(), clock.now());
    Step b = asBackup.step(asBackup.initial(), new Input.Startup(), clock.now());
    Duration down = Timing.masterDown(3, 100, SECOND);
    assertThat(down).as("3 * 1 s + (256 - 100) / 256 s").isEqualTo(Duration.ofMillis(3609)
        .plusNanos(375_000));
    assertThat(m.next().state()).as("state MASTER priority 100 starts in").isEqualTo(State.BACKUP);
    assertThat(m.actions()).as("no advert, no VIP; master down armed").containsExactly(
        new ArmTimer(Timer.MASTER_DOWN, clock.now().plus(down)),
        new Notify(State.INITIALIZE, State.BACKUP, "startup"));
    assertThat(b).as("state BACKUP starts the same way").isEqualTo(m);
  }

  @Test
  void stateMasterPriority100BecomesMasterWhenNobodyAdvertsThenYieldsToAHigherPriority() {
    VrrpMachine m = machine(parse(" state MASTER\n priority 100\n"));
    Snapshot backup = m.step(m.initial(), new Input.Startup(), clock.now()).next();
    clock.advance(Timing.masterDown(3, 100, SECOND));
    Step up = m.step(backup, new Input.MasterDownTimerFired(), clock.now());
    assertThat(up.next().state()).as("after Master_Down_Interval").isEqualTo(State.MASTER);
    assertThat(up.actions()).as("the first advert, then VIPs and GARP at once").startsWith(
        new CancelTimer(Timer.MASTER_DOWN), new SendAdvert(100), new AddVips(), new SendGarp(5),
        new ArmTimer(Timer.ADVERT, clock.now().plus(SECOND)));

    // RFC 5798 section 6.4.3: a higher priority advert makes the master back off.
    clock.advance(Duration.ofMillis(300));
    Step down = m.step(up.next(), new AdvertReceived(150, PEER, SECOND), clock.now());
    assertThat(down.next().state()).as("after a priority 150 advert").isEqualTo(State.BACKUP);
    assertThat(down.actions()).as("stop adverts, arm master down, drop the VIPs")
        .containsExactly(
            new CancelTimer(Timer.ADVERT),
            new CancelTimer(Timer.GARP_REPEAT),
            new CancelTimer(Timer.LOWER_PRIO_GARP),
            new ArmTimer(Timer.MASTER_DOWN, clock.now().plus(Timing.masterDown(3, 100, SECOND))),
            new RemoveVips(),
            new Notify(State.MASTER, State.BACKUP, "higher priority 150 from 10.0.0.97"));
  }

  @Test
  void stateMasterWithoutPriorityIsTheOwnerAndMasterAtOnce() {
    VrrpMachine m = machine(parse(" state MASTER\n"));
    Step st = m.step(m.initial(), new Input.Startup(), clock.now());
    assertThat(st.next().state()).as("priority defaults to 255").isEqualTo(State.MASTER);
    assertThat(st.actions()).as("advert at once").contains(new SendAdvert(255));
  }

  @Test
  void stateMasterWithNopreemptStillPreemptsAsKeepalivedClearsIt() {
    VrrpMachine m = machine(parse(" state MASTER\n priority 100\n nopreempt\n"));
    Snapshot backup = m.step(m.initial(), new Input.Startup(), clock.now()).next();
    Step st = m.step(backup, new AdvertReceived(50, PEER, SECOND), clock.now());
    assertThat(st.actions()).as("a lower master's advert is discarded: we will preempt")
        .isEmpty();
  }
}
