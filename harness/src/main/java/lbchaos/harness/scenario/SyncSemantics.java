package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.PreemptSemantics.FIRST;
import static lbchaos.harness.scenario.PreemptSemantics.SECOND;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.FaultEvent.Phase;
import lbchaos.event.NotifyRun;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Intervals;
import lbchaos.harness.check.Moment;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Tolerance;

/**
 * vrrp_sync_group (keepalived 2.2.7 vrrp_sync.c): two instances on each LB, VI_1 and VI_2, each
 * with its own VRID and VIP, in one group VG. Only VI_1 tracks the check script (weight 0: a
 * failing check is FAULT); haproxy killed on the master fails it, VI_1 goes FAULT, and the group
 * takes VI_2 to FAULT with it: both send priority 0 and the backup's two instances become
 * master together (a member becomes master only when every member would). Both VIPs must reach
 * the backup, and the group's notify script must run on both LBs ("GROUP VG FAULT" on the
 * master, "GROUP VG MASTER" on the backup). Without the group (the negative case) VI_2 stays.
 */
final class SyncSemantics {

  /**
   * Weight 0 (FAULT, not a lower priority: keepalived drops weighted track scripts of a sync
   * group's members), a check every second failing at the 2nd run. Preempting, as the article:
   * with nopreempt whichever LB's daemon starts first keeps the VIPs. The master that recovers
   * (its check passes once it holds no VIP) takes them back later; the checks judge the first
   * move after the fault.
   */
  static final LbSettings SETTINGS = SemanticsScenarios.WEIGHTED.withCheck(0, 1, 2, 2)
      .withSyncGroup(LbSettings.SyncGroup.GROUPED);

  /** The negative case: the same two instances, no group. */
  static final LbSettings NEGATIVE = SETTINGS.withSyncGroup(LbSettings.SyncGroup.SEPARATE);

  /** A notify script is forked; its line reaches the container log a moment later. */
  static final Tolerance SCRIPT_LINE = Tolerance.of(Duration.ofSeconds(2), "the forked notify"
      + " script's line to the container log and the log to the harness");

  private SyncSemantics() {}

  static Scenario syncGroup(LbSettings s) {
    return new ArticleScenarios.Simple("sync-group",
        "two instances in one vrrp_sync_group, each with its own VIP; the check tracked by the"
            + " first fails on the master (haproxy killed): that instance goes FAULT, the group"
            + " takes the second with it, and both VIPs move to the backup together; the"
            + " group's notify script runs on both LBs", ss -> {
          PreemptSemantics.settle(ss, s);
          VrrpTiming b = Timings.vrrp(s, 1);
          Bound detect = Expectations.scriptDown(Timings.script(s), CheckFailure.REFUSED);
          // The FAULT members send priority 0, so the backup's wait only Skew_Time; the bound
          // is a whole master down interval, in case a priority 0 advert was lost.
          Bound move = MACHINE.applyTo(detect.plus(Expectations.masterDownInterval(b)));
          String vip1 = ss.lab().plan().vip();
          String vip2 = ss.lab().plan().vip2();
          Fault f = Faults.killHaproxy(FIRST);
          ss.nemesis().inject(f);
          Moment t0 = Observed.fault(ss, f.name(), Phase.INJECT);
          Observed.awaitMoment(ss, t0.vip(SECOND, vip1, true), move);
          Observed.awaitMoment(ss, t0.vip(SECOND, vip2, true), move);
          List<Checker> v = new ArrayList<>();
          v.add(Intervals.atMost("sync-vip1-moved", vip1 + " (VI_1, its check failing) on "
              + SECOND + " after the fault", "vip1_takeover_s", t0,
              t0.vip(SECOND, vip1, true), move));
          v.add(Intervals.atMost("sync-vip2-moved", vip2 + " (VI_2, moved by its group) on "
              + SECOND + " after the fault", "vip2_takeover_s", t0,
              t0.vip(SECOND, vip2, true), move));
          v.add(Intervals.atMost("sync-vip2-released", vip2 + " given up by " + FIRST
              + " after the fault", "vip2_release_s", t0, t0.vip(FIRST, vip2, false), move));
          if (s.syncGroup() == LbSettings.SyncGroup.GROUPED) {
            v.add(groupNotified(ss, t0, SCRIPT_LINE.applyTo(move)));
          }
          return v;
        });
  }

  /** The group's notify script ran after the fault: FAULT on the master, MASTER on the backup. */
  private static Checker groupNotified(Session ss, Moment t0, Bound within) {
    long from = t0.in(ss.history()).orElse(Long.MAX_VALUE);
    // The script's own line (the agent also reports starting it): proof that it ran.
    java.util.function.Predicate<NotifyRun> script = r -> r.instance().equals("VG")
        && r.script().equals(lbchaos.harness.adapter.LogAdapters.NOTIFY_FROM_SCRIPT)
        && r.at() >= from;
    java.util.function.Predicate<NotifyRun> fault = r -> r.source().equals(FIRST)
        && r.instance().equals("VG") && r.state().equals("FAULT") && r.at() >= from;
    java.util.function.Predicate<NotifyRun> master = r -> r.source().equals(SECOND)
        && r.instance().equals("VG") && r.state().equals("MASTER") && r.at() >= from;
    Waits.tryAwait("the group's notify script on both LBs", within.value(),
        () -> ss.history().of(NotifyRun.class).stream().filter(script).anyMatch(fault)
            && ss.history().of(NotifyRun.class).stream().filter(script).anyMatch(master));
    List<NotifyRun> runs = ss.history().of(NotifyRun.class).stream().filter(script).toList();
    boolean ok = runs.stream().anyMatch(fault) && runs.stream().anyMatch(master);
    return Intervals.fact("sync-group-notified", ok, "the group's notify script after the"
        + " fault: " + (runs.isEmpty() ? "none" : String.join(", ", runs.stream()
            .map(r -> r.source() + " GROUP VG " + r.state()).toList()))
        + (ok ? "" : " (wanted VG FAULT on " + FIRST + " and VG MASTER on " + SECOND + ")"),
        "group_notifies", runs.size());
  }
}
