package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent.Phase;
import lbchaos.harness.adapter.LogAdapters;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Intervals;
import lbchaos.harness.check.Moment;
import lbchaos.harness.check.NotifyChecks;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Tolerance;

/**
 * Notifications through a burst of master changes (keepalived issues #996, #1055: notify
 * scripts started a few milliseconds apart finish in any order, and the last one to run may name
 * a state the node has already left). The LBs run both the notify scripts and a notify FIFO;
 * after the flaps each node's last notification of either kind must name the state it ended
 * in, and the FIFO must list its states one for one in order.
 */
final class FlapSemantics {

  /**
   * Pause/resume rounds of the master; each is two master changes (the VIP to the backup, and
   * back when the master, still MASTER with the higher priority, adverts again).
   */
  static final int ROUNDS = 5;

  static final String FIRST = PreemptSemantics.FIRST;
  static final String SECOND = PreemptSemantics.SECOND;

  /** VRRPv3 with 0.1 s adverts, so ten changes fit in a few seconds; scripts and a FIFO. */
  static final LbSettings SETTINGS = SemanticsScenarios.WEIGHTED
      .withAdverts(3, Duration.ofMillis(100)).withNotify(LbSettings.Notify.SCRIPTS_AND_FIFO);

  /** The negative case: a notify script and a fifo script that swap MASTER and BACKUP. */
  static final LbSettings NEGATIVE = SETTINGS.withNotify(LbSettings.Notify.WRONG_STATE);

  /** The engine's pause or unpause of a container, on a shared 2-core machine. */
  static final Tolerance ENGINE = Tolerance.of(Duration.ofSeconds(1),
      "the container engine freezing or thawing the node's processes (cgroup freezer)");

  private FlapSemantics() {}

  static Scenario notifyFlaps(LbSettings s) {
    if (!s.notifications().fifo()) {
      throw new IllegalArgumentException("notify-flaps needs the notify FIFO in its settings");
    }
    return new ArticleScenarios.Simple("notify-flaps", "ten master changes in a few seconds"
        + " (the master paused and resumed " + ROUNDS + " times, 0.1 s adverts): each node's"
        + " last notify script run and last notify FIFO line name the state it ended in, and"
        + " the FIFO lists its states in the order it entered them", ss -> {
          PreemptSemantics.settle(ss, s);
          VrrpTiming b = Timings.vrrp(s, 1);
          // Paused, the master is silent: the backup takes over after its master down interval.
          Bound takeover = ENGINE.applyTo(MACHINE.applyTo(Expectations.masterDownInterval(b)));
          // Resumed, the master's overdue advert goes out at once and the backup yields to its
          // higher priority (RFC 5798 section 6.4.3); within one advert interval.
          Bound back = ENGINE.applyTo(MACHINE.applyTo(new Bound(s.advertInterval(),
              "one advert interval")));
          Fault pause = Faults.pause(FIRST);
          List<Checker> changes = new ArrayList<>();
          Moment start = null;
          Moment end = null;
          for (int r = 1; r <= ROUNDS; r++) {
            ss.nemesis().inject(pause);
            Moment paused = Observed.fault(ss, pause.name(), Phase.INJECT);
            Observed.awaitMoment(ss, paused.vip(SECOND, true), takeover);
            // From when the resume was issued: the master's first advert (and so the return)
            // can come before the engine's unpause call returns and the HEAL event is stamped.
            Moment resumed = new Moment.Clock(Events.nowMicros(), "resume #" + r + " of " + FIRST
                + " issued");
            ss.nemesis().heal(pause);
            Observed.awaitMoment(ss, resumed.vip(SECOND, false), back);
            changes.add(Intervals.atMost("master-change-" + (2 * r - 1), SECOND + " taking the"
                + " VIP while " + FIRST + " is paused (round " + r + ")", "takeover_s", paused,
                paused.vip(SECOND, true), takeover));
            changes.add(Intervals.atMost("master-change-" + (2 * r), SECOND + " giving the VIP"
                + " back once " + FIRST + " resumed (round " + r + ")", "return_s", resumed,
                resumed.vip(SECOND, false), back));
            start = start == null ? paused : start;
            end = resumed.vip(SECOND, false);
          }
          // The scripts' and the fifo script's lines trail the state changes a little.
          Tolerance run = Tolerance.of(Duration.ofSeconds(1), "fork and exec of the notify"
              + " script, the fifo script's read, and the container log read, on a shared"
              + " 2-core machine");
          Bound latency = run.applyTo(new Bound(Duration.ZERO, "run at the state change"));
          List<Checker> notify = List.of(
              NotifyChecks.sameOrder(LogAdapters.NOTIFY_FROM_FIFO),
              NotifyChecks.lastState(LogAdapters.NOTIFY_FROM_FIFO),
              NotifyChecks.lastState(LogAdapters.NOTIFY_FROM_SCRIPT),
              NotifyChecks.followStates(LogAdapters.NOTIFY_FROM_SCRIPT, latency));
          Waits.tryAwait("notify lines caught up", latency.value().plus(Observed.WAIT_SLACK),
              () -> notify.stream().allMatch(c -> c.check(ss.history()).passed()));
          List<Checker> v = new ArrayList<>(notify);
          // Each next round starts once the harness has seen the VIP back: add that delay.
          Tolerance seen = Tolerance.of(Duration.ofMillis(500), "the harness seeing the VIP"
              + " back (container log stream, 50 ms poll) before the next pause");
          Bound round = seen.applyTo(takeover.plus(back));
          Tolerance slack = round.tolerance();
          for (int r = 2; r <= ROUNDS; r++) {
            slack = slack.plus(round.tolerance());
          }
          Bound all = new Bound(round.value().multipliedBy(ROUNDS), ROUNDS + " x ("
              + round.derivation() + ")", slack);
          v.add(Intervals.atMost("flaps", ROUNDS * 2 + " master changes, from the first pause"
              + " to the VIP back on " + FIRST, "flaps_s", start, end, all));
          v.addAll(changes);
          v.add(Checks.expectedMaster(FIRST));
          return v;
        });
  }
}
