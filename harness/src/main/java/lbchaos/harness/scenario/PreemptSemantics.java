package lbchaos.harness.scenario;

import lbchaos.harness.check.Checker;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.ArticleScenarios.masterDown;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent.Phase;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.adapter.LogAdapters;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Intervals;
import lbchaos.harness.check.Moment;
import lbchaos.harness.check.NotifyChecks;
import lbchaos.verdict.Verdict;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.history.Wire;

/**
 * Who is master after the higher-priority node comes back (preempt, nopreempt, preempt_delay),
 * after VRRP is cut between the LBs and healed, and which notify scripts ran on the way.
 */
final class PreemptSemantics {

  /** preempt_delay for its scenario: longer than the 3 s master down interval it adds to. */
  static final Duration DELAY = Duration.ofSeconds(4);

  static final String FIRST = "loadbalancer-1";
  static final String SECOND = "loadbalancer-2";

  private PreemptSemantics() {}

  /** The VIP on loadbalancer-1 (the higher priority) before the fault, as the configs intend. */
  static void settle(Session ss, LbSettings s) {
    Waits.ready(ss, masterDown(s));
    Bound b = Expectations.preemptTakeover(Timings.vrrp(s, 0)).orElse(masterDown(s));
    await(FIRST + " holding the VIP").atMost(b.value().plus(Observed.WAIT_SLACK))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ss.lab().vipHolders().equals(List.of(FIRST)));
  }

  /** Kills loadbalancer-1, waits for the VIP on loadbalancer-2, starts it again. */
  private static Moment crashAndReturn(Session ss, LbSettings s, List<Checker> v) {
    Bound crash = MACHINE.applyTo(Expectations.masterDownInterval(Timings.vrrp(s, 1)));
    Fault kill = Faults.kill(FIRST);
    ss.nemesis().inject(kill);
    // The inject event carries the time the kill was issued: the backup may take over before
    // the engine returns.
    Moment killed = Observed.fault(ss, kill.name(), Phase.INJECT);
    Observed.awaitMoment(ss, killed.vip(SECOND, true), crash);
    v.add(Intervals.atMost("crash-takeover", "the VIP on " + SECOND + " after " + FIRST
        + " was killed", "crash_takeover_s", killed, killed.vip(SECOND, true), crash));
    return healAndRestart(ss, kill);
  }

  /**
   * Heals {@code kill}; the moment its node's daemon started again (its first event from when
   * the heal was issued: the HEAL event comes after `docker start` returned).
   */
  private static Moment healAndRestart(Session ss, Fault kill) {
    Moment issued = new Moment.Clock(Events.nowMicros(), "the restart of " + kill.target()
        + " was issued");
    ss.nemesis().heal(kill);
    // Timed from the daemon's start on the returning node, not from the container start.
    return Observed.restarted(ss, kill.target(), issued, Waits.DAEMON_START);
  }

  static Scenario preemptBack(LbSettings s) {
    return new ArticleScenarios.Simple("preempt-back",
        "the higher-priority master crashes and comes back: it preempts the backup within its"
            + " master down interval (preempt is keepalived's default)", ss -> {
          settle(ss, s);
          List<Checker> v = new ArrayList<>();
          Moment back = crashAndReturn(ss, s, v);
          Bound preempt = MACHINE.applyTo(Expectations.preemptTakeover(Timings.vrrp(s, 0))
              .orElseThrow());
          Observed.awaitMoment(ss, back.vip(FIRST, true), preempt);
          Observed.awaitMoment(ss, back.vip(SECOND, false), preempt);
          v.add(Intervals.atMost("preempted", "the VIP back on " + FIRST + " after its"
              + " daemon started again", "preempt_s", back, back.vip(FIRST, true), preempt));
          v.add(Checks.expectedMaster(FIRST));
          return v;
        });
  }

  static Scenario preemptDelay(LbSettings s) {
    return new ArticleScenarios.Simple("preempt-delay",
        "with preempt_delay the returning higher-priority node waits the delay before it"
            + " preempts (counted from the first lower-priority advert it hears), and then takes"
            + " over within the delay plus its master down interval",
        ss -> {
          settle(ss, s);
          List<Checker> v = new ArrayList<>();
          Moment back = crashAndReturn(ss, s, v);
          Bound max = MACHINE.applyTo(Expectations.preemptTakeover(Timings.vrrp(s, 0))
              .orElseThrow());
          Bound min = new Bound(s.preemptDelay(), "preempt_delay "
              + s.preemptDelay().toSeconds() + " s");
          Observed.awaitMoment(ss, back.vip(FIRST, true), max);
          v.add(Intervals.between("preempt-delay", "the VIP back on " + FIRST + " after its"
              + " daemon started again", "preempt_s", back, back.vip(FIRST, true), min, max));
          return v;
        });
  }

  static Scenario nopreempt(LbSettings s) {
    return new ArticleScenarios.Simple("nopreempt",
        "with nopreempt the higher-priority node comes back as backup and the VIP stays where it"
            + " is for longer than a preempting node would take", ss -> {
          String master = Waits.ready(ss, masterDown(s));
          List<Checker> v = new ArrayList<>();
          Moment back;
          if (master.equals(FIRST)) {
            back = crashAndReturn(ss, s, v);
          } else {
            // loadbalancer-2 won the start-up race; with nopreempt that is already final. Crash
            // and restart loadbalancer-1 anyway so that its return is what is measured.
            Fault kill = Faults.kill(FIRST);
            ss.nemesis().inject(kill);
            back = healAndRestart(ss, kill);
          }
          VrrpTiming preempting = Timings.vrrp(s.withPreemption(false, Duration.ZERO), 0);
          Bound wouldBe = MACHINE.applyTo(Expectations.preemptTakeover(preempting).orElseThrow());
          await("the VIP staying on " + SECOND).during(wouldBe.value())
              .atMost(wouldBe.value().plus(Observed.WAIT_SLACK))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> ss.lab().vipHolders().equals(List.of(SECOND)));
          Moment waited = new Moment.Clock(Events.nowMicros(), "the end of the wait");
          v.add(Intervals.atLeast("no-preemption", "the VIP stayed on " + SECOND + " (priority "
              + s.priority(1) + ") after " + FIRST + " (priority " + s.priority(0)
              + ") came back", "held_s", back, back.vip(SECOND, false), waited, wouldBe));
          v.add(Checks.expectedMaster(SECOND));
          return v;
        });
  }

  /** VRRP dropped between the LBs: both become master; healed, one master again. */
  static Scenario splitBrain(LbSettings s) {
    return vrrpBlocked("split-brain", "VRRP is blocked between the LBs: both become master and"
        + " the harness detects the split brain on the wire; healed, one master again within an"
        + " advert interval", s);
  }

  /**
   * The same with unicast peers ({@code s} has unicast on): the bridge observer never sees a
   * unicast advert, so the split brain is on the wire only as the taps in the LBs' namespaces
   * see it. The checks are split-brain's.
   */
  static Scenario unicastBlocked(LbSettings s) {
    if (!s.unicast()) {
      throw new IllegalArgumentException("unicast-blocked needs unicast peers in its settings");
    }
    return vrrpBlocked("unicast-blocked", "unicast peers (unicast_src_ip, unicast_peer) with IP"
        + " protocol 112 dropped between them: both become master and the harness detects the"
        + " split brain on the wire, from the captures inside the LBs' namespaces (a unicast"
        + " advert never reaches the bridge observer); healed, one master again within an"
        + " advert interval", s);
  }

  private static Scenario vrrpBlocked(String name, String description, LbSettings s) {
    return new ArticleScenarios.Simple(name, description, ss -> {
          settle(ss, s);
          VrrpTiming b = Timings.vrrp(s, 1);
          Bound handover = MACHINE.applyTo(new Bound(s.advertInterval(), "one advert interval"));
          Bound detect = MACHINE.applyTo(Expectations.masterDownInterval(b)).plus(handover);
          Fault block = Faults.blockVrrp();
          ss.nemesis().inject(block);
          Moment t0 = Observed.fault(ss, block.name(), Phase.INJECT);
          Waits.tryAwait("split brain seen on the wire", detect.value().plus(
              Observed.WAIT_SLACK), () -> Checks.wireSplitBrain(handover, detect)
                  .check(ss.history()).passed());
          long healIssued = Events.nowMicros();
          ss.nemesis().heal(block);
          Moment healed = Observed.fault(ss, block.name(), Phase.HEAL);
          // The lower-priority master hears the higher one's next advert and steps down
          // (RFC 5798 section 6.4.3).
          Bound rejoin = handover;
          Observed.awaitMoment(ss, healed.vip(SECOND, false), rejoin);
          // And on the wire: from the heal plus that bound on, one advertiser. Judged once the
          // captures show two adverts there (a master sends one per interval), so the window
          // holds evidence and the check cannot pass on an empty one.
          long settled = Observed.at(ss, healed) + rejoin.micros();
          Waits.tryAwait("adverts on the wire after the heal", rejoin.value().plus(
              s.advertInterval().multipliedBy(2)).plus(Observed.WAIT_SLACK),
              () -> Wire.adverts(ss.history()).stream().filter(a -> a.at() >= settled).count()
                  >= 2);
          return List.of(
              Checks.wireSplitBrain(handover, detect).within(Long.MIN_VALUE, healIssued),
              Checks.wireSingleMaster(handover).within(settled, Long.MAX_VALUE),
              Intervals.atMost("both-hold-vip", SECOND + " holding the VIP too (both LBs"
                  + " report it)", "dual_vip_s", t0, t0.vip(SECOND, true),
                  MACHINE.applyTo(Expectations.masterDownInterval(b)))
                  .within(Long.MIN_VALUE, healIssued),
              Intervals.atMost("one-master-again", SECOND + " giving the VIP up after the heal",
                  "reconverge_s", healed, healed.vip(SECOND, false), rejoin),
              Checks.expectedMaster(FIRST));
        });
  }

  /** Notify scripts, run for real, with each state's argument, in the order of the states. */
  static Scenario notifyOrder(LbSettings s) {
    return new ArticleScenarios.Simple("notify-order",
        "the notify scripts run with the state they are named for, once per state entered, in"
            + " order, through start-up, a failover and a preemption back", ss -> {
          settle(ss, s);
          VrrpTiming m = Timings.vrrp(s, 0);
          VrrpTiming b = Timings.vrrp(s, 1);
          var mode = lbchaos.harness.expect.CheckFailure.CONNECT_TIMEOUT;
          Bound away = MACHINE.applyTo(Expectations.scriptFailover(Timings.script(s), mode, m, b)
              .orElseThrow());
          Fault block = Faults.blockBackends(FIRST);
          ss.nemesis().inject(block);
          Moment t0 = Observed.fault(ss, block.name(), Phase.INJECT);
          Observed.awaitMoment(ss, t0.vip(SECOND, true), away);
          ss.nemesis().heal(block);
          Moment healed = Observed.fault(ss, block.name(), Phase.HEAL);
          Bound back = MACHINE.applyTo(Expectations.scriptUp(Timings.script(s))
              .plus(Expectations.preemptTakeover(m).orElseThrow()));
          Observed.awaitMoment(ss, healed.vip(FIRST, true), back);
          // The last script's line may trail its state change a little.
          Tolerance run = Tolerance.of(Duration.ofSeconds(1), "fork and exec of the notify script"
              + " and the container log read, on a shared 2-core machine");
          Bound latency = run.applyTo(new Bound(Duration.ZERO, "run at the state change"));
          Waits.tryAwait("notify lines caught up", latency.value().plus(Observed.WAIT_SLACK),
              () -> NotifyChecks.followStates(LogAdapters.NOTIFY_FROM_SCRIPT, latency)
                  .check(ss.history()).passed());
          return List.of(
              NotifyChecks.followStates(LogAdapters.NOTIFY_FROM_SCRIPT, latency),
              Intervals.atMost("preempted-after-heal", "the VIP back on " + FIRST
                  + " after its backends returned", "return_s", healed,
                  healed.vip(FIRST, true), back));
        });
  }
}
