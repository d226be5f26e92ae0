package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.PreemptSemantics.FIRST;
import static lbchaos.harness.scenario.PreemptSemantics.SECOND;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent.Phase;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.GarpChecks;
import lbchaos.harness.check.GarpChecks.GarpConfig;
import lbchaos.harness.check.Moment;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.topology.Stack;
import lbchaos.verdict.Bound;
import lbchaos.vrrp.state.Garp;

/**
 * keepalived's gratuitous ARP timing as configured (issue 20 item 6): each LB becomes master once
 * (loadbalancer-2 when loadbalancer-1 is killed, loadbalancer-1 when it comes back and preempts)
 * and the wire observer's GARPs of each new master are judged against the config by the same
 * check, so on the mixed stack keepalived and the java agent are judged alike.
 */
final class GarpSemantics {

  /**
   * Not keepalived's defaults: 3 GARPs, again 2 s later, a refresh of 2 every 4 s; none on a
   * lower priority advert, so a stray advert crossing the preemption cannot add a burst the
   * check would not expect.
   */
  static final Garp GARP = Garp.DEFAULT.withMaster(Duration.ofSeconds(2), 3)
      .withRefresh(Duration.ofSeconds(4), 2).withLowerPrio(Duration.ofSeconds(5), 0);

  /** Timer and capture jitter, and the VIP event against the first GARP on the wire. */
  static final long TOLERANCE_MILLIS = 500;
  static final String TOLERANCE_WHY = "timers on a shared 2-core machine, the VIP event against"
      + " the first GARP on the wire";

  private GarpSemantics() {}

  static Scenario garpTiming(LbSettings s) {
    return new ArticleScenarios.Simple("garp-timing",
        "garp_master_delay 2, garp_master_repeat 3, garp_master_refresh 4 with"
            + " garp_master_refresh_repeat 2: each new master's gratuitous ARPs on the wire come"
            + " in the configured bursts at the configured times", ss -> {
          PreemptSemantics.settle(ss, s);
          List<Checker> v = new ArrayList<>();
          Duration window = window(s);
          Bound crash = MACHINE.applyTo(Expectations.masterDownInterval(Timings.vrrp(s, 1)));
          Fault kill = Faults.kill(FIRST);
          ss.nemesis().inject(kill);
          Moment killed = Observed.fault(ss, kill.name(), Phase.INJECT);
          Observed.awaitMoment(ss, killed.vip(SECOND, true), crash);
          pause(window);
          Moment issued = new Moment.Clock(Events.nowMicros(), "the restart of " + FIRST
              + " was issued");
          v.add(check(ss, s, SECOND, killed.vip(SECOND, true), issued));
          ss.nemesis().heal(kill);
          Moment back = Observed.restarted(ss, FIRST, issued, Waits.DAEMON_START);
          Bound preempt = MACHINE.applyTo(Expectations.preemptTakeover(Timings.vrrp(s, 0))
              .orElseThrow());
          Observed.awaitMoment(ss, back.vip(FIRST, true), preempt);
          pause(window);
          v.add(check(ss, s, FIRST, back.vip(FIRST, true), new Moment.Clock(Events.nowMicros(),
              "the end of the wait")));
          return v;
        });
  }

  /** Long enough for the second burst and two refreshes, each up to an advert late. */
  static Duration window(LbSettings s) {
    Garp g = s.garp();
    return g.masterDelay().plus(g.refresh().plus(s.advertInterval()).multipliedBy(2))
        .plus(Duration.ofSeconds(2));
  }

  private static Checker check(Session ss, LbSettings s, String node, Moment takeover,
      Moment end) {
    Garp g = s.garp();
    int lb = Observed.index(node);
    // keepalived 2.3 (Debian 13) refreshes on a timer of its own; 2.2.7 and the agent at the
    // first advert after the interval.
    boolean timer = ss.lab().spec().stack() == Stack.REFERENCE_13
        && !ss.lab().spec().stack().javaOn(lb);
    GarpConfig c = new GarpConfig(g.masterRepeat(), g.masterDelay().toMillis(),
        g.refresh().toMillis(), g.refreshRepeat(), s.advertInterval().toMillis(), timer);
    return GarpChecks.timing(node, ss.lab().plan().vip(), takeover, end, c, TOLERANCE_MILLIS,
        TOLERANCE_WHY);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
