package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.PreemptSemantics.FIRST;
import static lbchaos.harness.scenario.PreemptSemantics.SECOND;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent.Phase;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Intervals;
import lbchaos.harness.check.Moment;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Tolerance;

/**
 * The master's own link goes down and comes back: keepalived tracks the instance's interface
 * without being told (vrrp.c vrrp_complete_instance, unless dont_track_primary), so the master
 * goes FAULT and gives up the VIP at the kernel's RTM_NEWLINK, the backup takes over when its
 * master down timer runs out, and the returning node comes back as backup and preempts (or not)
 * as any returning node does.
 */
final class LinkSemantics {

  /**
   * The master acts on the link event at once; what the bound allows is the way there: the
   * docker exec that sets the link down (the inject's time is when it was issued), the rtnetlink
   * event to the daemon, and the daemon's line to the harness.
   */
  static final Tolerance LINK_EVENT = Tolerance.of(Duration.ofSeconds(1), "the docker exec"
      + " that sets the link down, the rtnetlink event's way to the daemon and its log line's to"
      + " the harness, on a shared 2-core machine");

  /**
   * The intervals start when the harness issued the docker exec that sets the link down (or up):
   * the link changes once the exec has run, some tens of milliseconds later here, more on a busy
   * engine.
   */
  static final Tolerance EXEC = Tolerance.of(Duration.ofMillis(500), "the docker exec that"
      + " sets the link down or up (the interval starts when it was issued)");

  private LinkSemantics() {}

  static Scenario linkDown(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("link-down",
        "the master's interface goes down inside its namespace: it goes FAULT and gives up the"
            + " VIP at once (keepalived tracks the instance's own interface), the backup takes"
            + " over within its master down interval and serves the client; the link back, the"
            + " node returns as backup and takes the VIP back within its own master down"
            + " interval (preempt) or leaves it (nopreempt)", ss -> {
          PreemptSemantics.settle(ss, s);
          VrrpTiming m = Timings.vrrp(s, 0);
          VrrpTiming b = Timings.vrrp(s, 1);
          // Silent, as a kill: the master's last advert left before the link went down.
          Bound takeover = MACHINE.plus(EXEC).applyTo(Expectations.masterDownInterval(b));
          Bound outage = Tolerance.probeInterval(p.rate()).applyTo(takeover);
          Bound fault = LINK_EVENT.applyTo(new Bound(Duration.ZERO, "at the link's RTM_NEWLINK"
              + " (FAULT: the instance's own interface, tracked at weight 0)"));
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          Fault down = Faults.linkDown(FIRST);
          ss.nemesis().inject(down);
          Moment t0 = Observed.fault(ss, down.name(), Phase.INJECT);
          Moment taken = t0.vip(SECOND, true);
          Observed.awaitMoment(ss, taken, takeover);
          // The client served through the backup while the link is still down.
          taken.in(ss.history()).ifPresent(at -> Waits.answersAfter(ss, 20, at, p));
          Moment issued = new Moment.Clock(Events.nowMicros(), "the link of " + FIRST
              + " set up again");
          ss.nemesis().heal(down);
          List<Checker> v = new ArrayList<>();
          v.add(Intervals.atMost("link-fault", FIRST + " giving up the VIP after its link went"
              + " down", "fault_s", t0, t0.vip(FIRST, false), fault));
          v.add(Intervals.atMost("link-takeover", "the VIP on " + SECOND + " after " + FIRST
              + "'s link went down", "takeover_s", t0, taken, takeover));
          v.add(Checks.clientOutage(down.name(), outage));
          Optional<Bound> preempt = Expectations.preemptTakeover(m)
              .map(MACHINE.plus(EXEC)::applyTo);
          if (preempt.isPresent()) {
            Moment back = issued.vip(FIRST, true);
            Observed.awaitMoment(ss, back, preempt.get());
            v.add(Intervals.atMost("link-return", "the VIP back on " + FIRST + " after its link"
                + " came up", "return_s", issued, back, preempt.get()));
            v.add(Checks.expectedMaster(FIRST));
          } else {
            // nopreempt: it stays with the backup for longer than a preempting node would take.
            VrrpTiming preempting = Timings.vrrp(s.withPreemption(false, Duration.ZERO), 0);
            Bound wouldBe = MACHINE.applyTo(Expectations.preemptTakeover(preempting)
                .orElseThrow());
            await("the VIP staying on " + SECOND).during(wouldBe.value())
                .atMost(wouldBe.value().plus(Observed.WAIT_SLACK))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ss.lab().vipHolders().equals(List.of(SECOND)));
            Moment waited = new Moment.Clock(Events.nowMicros(), "the end of the wait");
            v.add(Intervals.atLeast("link-no-preemption", "the VIP stayed on " + SECOND
                + " after " + FIRST + "'s link came up", "held_s", issued,
                issued.vip(SECOND, false), waited, wouldBe));
            v.add(Checks.expectedMaster(SECOND));
          }
          ss.stopProbe();
          return v;
        });
  }
}
