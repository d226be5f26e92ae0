package lbchaos.harness.scenario;

import lbchaos.harness.check.Checker;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.ArticleScenarios.masterDown;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent.Phase;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.AdvertChecks;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Intervals;
import lbchaos.harness.check.Moment;
import lbchaos.verdict.Verdict;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.expect.Finding;
import lbchaos.harness.expect.Lint;
import lbchaos.harness.expect.TrackWeight;
import lbchaos.harness.expect.VrrpInstanceDecl;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.vrrp.config.KeepalivedParser;

/**
 * VRRP semantics driven by track scripts and by how a master leaves: a check failing on the
 * master moves the VIP (or, at priority 255, does not), a graceful stop hands over in the skew
 * time, sub-second adverts fail over in a fraction of a second.
 */
final class VrrpSemantics {

  private VrrpSemantics() {}

  /** The master cannot reach the webservers: its check fails, its priority drops, VIP moves. */
  static Scenario backendsUnreachable(LbSettings s) {
    return new ArticleScenarios.Simple("backends-unreachable",
        "the master LB loses its webservers: its check script fails fall times, its priority drops"
            + " by the weight, and the VIP moves to the backup",
        ss -> scriptFailover(ss, s, Faults::blockBackends, CheckFailure.CONNECT_TIMEOUT));
  }

  /** haproxy dies on the master, keepalived stays: the check script fails, the VIP moves. */
  static Scenario haproxyKilled(LbSettings s) {
    return new ArticleScenarios.Simple("haproxy-killed",
        "haproxy is killed on the master while keepalived stays up: the check script is refused,"
            + " the priority drops and the VIP moves to the backup",
        ss -> scriptFailover(ss, s, Faults::killHaproxy, CheckFailure.REFUSED));
  }

  private static List<Checker> scriptFailover(Session ss, LbSettings s,
      java.util.function.Function<String, Fault> fault, CheckFailure mode) {
    // The higher priority master, as configured: the fault must lower it below the backup.
    PreemptSemantics.settle(ss, s);
    String master = PreemptSemantics.FIRST;
    String backup = ss.lab().otherLb(master);
    VrrpTiming m = Timings.vrrp(s, Observed.index(master));
    VrrpTiming b = Timings.vrrp(s, Observed.index(backup));
    Bound move = MACHINE.applyTo(Expectations.scriptFailover(Timings.script(s), mode, m, b)
        .orElseThrow(() -> new IllegalStateException("these settings cannot move the VIP: "
            + Expectations.effectivePriority(m, Set.of(Timings.script(s).name())).derivation())));
    // keepalived puts the new priority in its next advert, up to one interval later.
    Bound detect = MACHINE.applyTo(Expectations.scriptDown(Timings.script(s), mode)
        .plus(new Bound(Expectations.effectiveAdvert(m), "the next advert carries it")));
    int lowered = Expectations.effectivePriority(m, Set.of(Timings.script(s).name())).value();
    Fault f = fault.apply(master);
    ss.nemesis().inject(f);
    Moment t0 = Observed.fault(ss, f.name(), Phase.INJECT);
    Observed.awaitMoment(ss, t0.vip(backup, true), move);
    Observed.awaitMoment(ss, t0.vip(master, false), move);
    return List.of(
        Intervals.atMost("priority-drop", master + " advertising priority " + lowered + " ("
            + m.priority() + " " + s.checkWeight() + ") after the fault", "priority_drop_s",
            t0, t0.advert(Observed.ip(ss, master), lowered, lowered), detect),
        Intervals.atMost("vip-moved", "the VIP on " + backup + " after the fault", "takeover_s",
            t0, t0.vip(backup, true), move),
        Checks.expectedMaster(backup));
  }

  /** keepalived 2.2.7 ignores weights at 255: the check fails, the VIP stays, lint says so. */
  static Scenario ownerIgnoresWeight(LbSettings s) {
    return vipStays("owner-ignores-weight",
        "the article's priorities (255/254, weight -2): the master's check fails but keepalived"
            + " ignores weights at 255, so the VIP stays; the lint reports the config", s,
        (ss, master) -> ownerLint(ss, s, Observed.index(master)));
  }

  /**
   * A weight smaller than the priority gap (keepalived issues #2108, #942): the master's check
   * fails, its priority drops but stays above the backup's, so the VIP stays; lint predicts it.
   */
  static Scenario weightGap(LbSettings s) {
    return vipStays("weight-gap", "priorities " + s.priority(0) + "/" + s.priority(1)
        + " with track_script weight " + s.checkWeight() + ": the master's check fails, its"
        + " priority drops by less than the gap, so the VIP stays; the lint predicts it", s,
        (ss, master) -> gapLint(ss, s));
  }

  /**
   * The master's check fails (its webservers blocked) and the VIP stays on it for as long as it
   * would have taken to move, with the priority it advertises unchanged or lowered as the
   * expectations say; {@code lint} checks that the lint predicted it.
   */
  private static Scenario vipStays(String name, String description, LbSettings s,
      java.util.function.BiFunction<Session, String, Checker> lint) {
    return new ArticleScenarios.Simple(name, description, ss -> {
      // The higher priority master, as configured: the one whose check must not move the VIP.
      PreemptSemantics.settle(ss, s);
      String master = PreemptSemantics.FIRST;
      String backup = ss.lab().otherLb(master);
      VrrpTiming m = Timings.vrrp(s, Observed.index(master));
      VrrpTiming b = Timings.vrrp(s, Observed.index(backup));
      var failing = Expectations.effectivePriority(m, Set.of(Timings.script(s).name()));
      List<Checker> v = new ArrayList<>();
      v.add(Intervals.fact("expectation", Expectations.scriptFailover(Timings.script(s),
          CheckFailure.CONNECT_TIMEOUT, m, b).isEmpty(), "the expectations say a failing"
          + " check cannot move the VIP: " + failing.derivation(), "master_priority",
          m.priority()));
      // How long the VIP would take to move if the weight took it below the backup.
      Bound wouldBe = MACHINE.applyTo(Expectations.scriptDown(Timings.script(s),
          CheckFailure.CONNECT_TIMEOUT).plus(Expectations.masterDownInterval(b)));
      ss.nemesis().inject(Faults.blockBackends(master));
      Moment injected = Observed.fault(ss, "block-backends", Phase.INJECT);
      try {
        await("the VIP staying on " + master).during(wouldBe.value())
            .atMost(wouldBe.value().plus(Observed.WAIT_SLACK))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> ss.lab().vipHolders().equals(List.of(master)));
      } catch (org.awaitility.core.ConditionTimeoutException moved) {
        // The VIP left (or came back) early: vip-stayed judges that from the history.
      }
      Moment end = new Moment.Clock(Events.nowMicros(), "the end of the wait");
      v.add(Intervals.atLeast("vip-stayed", "the VIP stayed on " + master + " with its check"
          + " failing", "held_s", injected, injected.vip(master, false), end, wouldBe));
      v.add(AdvertChecks.priorityKept(master, Observed.ip(ss, master), injected,
          failing.value()).within(Long.MIN_VALUE, Observed.at(ss, end)));
      v.add(lint.apply(ss, master));
      return v;
    });
  }

  /** The same finding from both places a user meets it: `lbchaos lint` and the harness's Lint. */
  private static Checker ownerLint(Session ss, LbSettings s, int lb) {
    String conf = ReferenceConfigs.keepalived(ss.lab().plan(), ss.lab().vrid(), lb, s);
    var parsed = KeepalivedParser.parse(Path.of("keepalived.conf"), conf);
    long parserWarnings = parsed.warnings().stream()
        .filter(w -> w.toString().contains("255")).count();
    List<Finding> findings = Lint.vrrp(List.of(decl(ss, s, lb)), Map.of());
    long lintErrors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR
        && f.toString().contains("255")).count();
    return Intervals.fact("lint-reports-owner", parserWarnings > 0 && lintErrors > 0,
        "the config parser warns " + parserWarnings + " time(s) and Lint finds " + lintErrors
            + " error(s) about weights at priority 255", "lint_findings",
        parserWarnings + lintErrors);
  }

  /** Lint on both LBs' instances predicts that the failing check cannot move the VIP. */
  private static Checker gapLint(Session ss, LbSettings s) {
    List<Finding> gap = Lint.vrrp(List.of(decl(ss, s, 0), decl(ss, s, 1)), Map.of()).stream()
        .filter(f -> f.message().contains("cannot move the VIP")).toList();
    return Intervals.fact("lint-predicts-gap", !gap.isEmpty(), gap.isEmpty()
        ? "Lint predicts that a failing check moves the VIP" : "Lint: " + gap.getFirst(),
        "lint_findings", gap.size());
  }

  /** LB {@code lb}'s vrrp_instance as the harness renders it, one file per LB. */
  private static VrrpInstanceDecl decl(Session ss, LbSettings s, int lb) {
    return new VrrpInstanceDecl("lb" + (lb + 1) + "/keepalived.conf", 0, "VI_1", "eth0",
        ss.lab().vrid(), s.version(), s.advertInterval(), s.priority(lb),
        List.of(new TrackWeight(Timings.script(s).name(), s.checkWeight())),
        List.of(ss.lab().plan().vip()));
  }

  /** SIGTERM: the master sends priority 0, the backup takes over after its skew time only. */
  static Scenario gracefulStop(LbSettings s) {
    return new ArticleScenarios.Simple("graceful-stop",
        "the master is stopped (SIGTERM): it advertises priority 0 and the backup takes over in"
            + " about its skew time, much faster than after a crash", ss -> {
          String master = Waits.ready(ss, masterDown(s));
          String backup = ss.lab().otherLb(master);
          VrrpTiming b = Timings.vrrp(s, Observed.index(backup));
          Bound skew = MACHINE.applyTo(Expectations.gracefulStopTakeover(b));
          Bound crash = Expectations.masterDownInterval(b);
          Fault stop = Faults.stop(master);
          ss.nemesis().inject(stop);
          // The inject event carries the time the stop was issued.
          Moment issued = Observed.fault(ss, stop.name(), Phase.INJECT);
          Observed.awaitMoment(ss, issued.vip(backup, true), crash);
          Moment zero = issued.advert(Observed.ip(ss, master), 0, 0);
          Moment took = issued.vip(backup, true);
          return List.of(
              Intervals.atMost("priority-zero-takeover", "the VIP on " + backup + " after "
                  + master + "'s priority-0 advert", "takeover_s", zero, took, skew),
              Intervals.atMost("faster-than-crash", "the VIP on " + backup + " after the stop"
                  + " was issued (crash takeover bound, no tolerance)", "stop_to_takeover_s",
                  issued, took, crash));
        });
  }

  /** VRRPv3 with 0.1 s adverts: a crash fails over within 3 x 0.1 s + skew. */
  static Scenario subSecondAdverts(LbSettings s) {
    return new ArticleScenarios.Simple("sub-second-adverts",
        "VRRPv3 with advert_int 0.1: the master is killed and the backup takes over within the"
            + " much smaller master down interval", ss -> {
          String master = Waits.ready(ss, masterDown(s));
          String backup = ss.lab().otherLb(master);
          VrrpTiming b = Timings.vrrp(s, Observed.index(backup));
          Bound takeover = MACHINE.applyTo(Expectations.masterDownInterval(b));
          Bound v2 = Expectations.masterDownInterval(Timings.vrrp(
              s.withAdverts(2, Duration.ofSeconds(1)), Observed.index(backup)));
          // From when the kill was issued: at 0.1 s adverts the backup may take over before the
          // engine has returned from the kill.
          Fault kill = Faults.kill(master);
          ss.nemesis().inject(kill);
          Moment killed = Observed.fault(ss, kill.name(), Phase.INJECT);
          Observed.awaitMoment(ss, killed.vip(backup, true), takeover);
          // The observer's events trail the wire a little; wait for the new master's adverts.
          Waits.tryAwait("adverts from " + backup, Observed.WAIT_SLACK, 
              () -> killed.advert(Observed.ip(ss, backup), 1, 255).in(ss.history()).isPresent());
          return List.of(
              Intervals.atMost("takeover", "the VIP on " + backup + " after the kill",
                  "takeover_s", killed, killed.vip(backup, true), takeover),
              AdvertChecks.interval("v3-adverts", backup, Observed.ip(ss, backup), killed,
                  (int) (s.advertInterval().toMillis() / 10), ", VRRPv" + s.version()
                  + "; bound " + takeover.describe() + " against " + v2.describe()
                  + " with 1 s v2 adverts"));
        });
  }
}
