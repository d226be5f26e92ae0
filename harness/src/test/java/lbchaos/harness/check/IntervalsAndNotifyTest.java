package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.FaultEvent;
import lbchaos.verdict.Outcome;
import static org.assertj.core.api.Assertions.within;
import lbchaos.event.NotifyRun;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

class IntervalsAndNotifyTest {

  static final Bound MIN = new Bound(Duration.ofSeconds(4), "preempt_delay 4 s");
  static final lbchaos.harness.history.History NONE = lbchaos.harness.history.History.empty();
  static final Bound MAX = new Bound(Duration.ofSeconds(7), "delay + master down");

  /** lb1 killed at 2 s; lb2 takes the VIP at {@code took} s (never when negative). */
  static History kill(double took) {
    List<lbchaos.event.Event> e = new ArrayList<>(List.of(Synth.inject(2, "kill",
        "loadbalancer-1"), Synth.vip(0.5, "lb2", true), Synth.vip(1, "lb2", false)));
    if (took >= 0) {
      e.add(Synth.vip(took, "lb2", true));
    }
    return History.of(e);
  }

  static final Moment KILLED = new Moment.Fault("kill", FaultEvent.Phase.INJECT, 1);

  static Verdict between(History h) {
    return Intervals.between("p", "x", "p_s", KILLED, KILLED.vip("lb2", true), MIN, MAX).check(h);
  }

  @Test
  void anIntervalIsMeasuredBetweenMomentsFoundInTheHistory() {
    assertThat(between(kill(7)).passed()).as("inside").isTrue();
    assertThat(between(kill(7)).figure("p_s")).as("from the kill, not from the earlier take")
        .isEqualTo(5.0);
    assertThat(between(kill(5)).passed()).as("before the delay").isFalse();
    assertThat(between(kill(10)).passed()).as("late").isFalse();
    Verdict never = between(kill(-1));
    assertThat(never.outcome()).as("never seen is a failure").isEqualTo(Outcome.FAIL);
    assertThat(never.sentence()).startsWith("never seen: x");
    Verdict noFault = between(History.of(Synth.vip(7, "lb2", true)));
    assertThat(noFault.outcome()).as("no origin in the history: unknown, not a failure")
        .isEqualTo(Outcome.UNKNOWN);
    assertThat(Intervals.between("p", "x", "p_s", new Moment.Fault("kill",
        FaultEvent.Phase.INJECT, 2), KILLED.vip("lb2", true), MIN, MAX).check(kill(7)).outcome())
        .as("the second inject of kill is not the first").isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void heldUntilLostOrUntilTheEndOfTheWait() {
    Moment end = new Moment.Clock(Synth.us(9), "the end of the wait");
    Checker held = Intervals.atLeast("h", "x", "held_s", KILLED, KILLED.vip("lb2", false), end,
        MIN);
    assertThat(held.check(kill(-1)).figure("held_s")).as("kept to the end of the wait")
        .isEqualTo(7.0);
    History lost = kill(-1).plus(List.of(Synth.vip(4, "lb2", false)));
    assertThat(held.check(lost).passed()).as("given up after 2 s < 4 s").isFalse();
    assertThat(held.check(lost).figure("held_s")).isEqualTo(2.0);
  }

  @Test
  void advertsAndRestartsAreMomentsToo() {
    History h = History.of(Synth.inject(2, "stop", "lb1"), Synth.advert(1, "10.0.0.1", 0),
        Synth.advert(2.5, "10.0.0.1", 255), Synth.advert(3, "10.0.0.1", 0),
        Synth.vip(3.2, "lb2", true));
    Moment stopped = new Moment.Fault("stop", FaultEvent.Phase.INJECT, 1);
    assertThat(stopped.advert("10.0.0.1", 0, 0).in(h)).as("the priority-0 advert after the stop")
        .hasValue(Synth.us(3));
    assertThat(Intervals.atMost("z", "x", "z_s", stopped.advert("10.0.0.1", 0, 0),
        stopped.vip("lb2", true), MAX).check(h).figure("z_s")).isCloseTo(0.2, within(1e-9));
    assertThat(new Moment.Clock(Synth.us(2.4), "restart issued").firstEventOf("observer").in(h))
        .hasValue(Synth.us(2.5));
    assertThat(AdvertChecks.priorityKept("lb1", "10.0.0.1", stopped, 255).check(h).passed())
        .as("a priority-0 advert after the stop is lower than 255").isFalse();
    assertThat(AdvertChecks.interval("v3", "lb1", "10.0.0.1", stopped, 100, "").check(h)
        .figure("advert_centis")).isEqualTo(100.0);
  }

  static VrrpStateChange to(long s, String node, VrrpRole r) {
    return new VrrpStateChange(s * 1_000_000, node, "VI_1", VrrpRole.INIT, r, "t");
  }

  static NotifyRun ran(double s, String node, String state) {
    return new NotifyRun((long) (s * 1e6), node, "VI_1", state, "out");
  }

  @Test
  void notifyMustFollowTheStatesInOrder() {
    Bound lat = new Bound(Duration.ofSeconds(1), "1 s");
    History good = History.of(to(1, "lb1", VrrpRole.BACKUP), ran(1.1, "lb1", "BACKUP"),
        to(4, "lb1", VrrpRole.MASTER), ran(4.05, "lb1", "MASTER"), ran(4.1, "lb1", "MASTER"));
    assertThat(NotifyChecks.followStates("out", lat).check(good).passed())
        .as("one MASTER run too many").isFalse();
    History ok = History.of(to(1, "lb1", VrrpRole.BACKUP), ran(1.1, "lb1", "BACKUP"),
        to(4, "lb1", VrrpRole.MASTER), ran(4.05, "lb1", "MASTER"));
    assertThat(NotifyChecks.followStates("out", lat).check(ok).passed()).as("in order").isTrue();
    History swapped = History.of(to(1, "lb1", VrrpRole.BACKUP), ran(1.1, "lb1", "MASTER"),
        to(4, "lb1", VrrpRole.MASTER), ran(4.05, "lb1", "BACKUP"));
    assertThat(NotifyChecks.followStates("out", lat).check(swapped).passed())
        .as("wrong arguments").isFalse();
    History late = History.of(to(1, "lb1", VrrpRole.BACKUP), ran(3, "lb1", "BACKUP"));
    assertThat(NotifyChecks.followStates("out", lat).check(late).passed()).as("late").isFalse();
    History raced = History.of(to(1, "lb2", VrrpRole.BACKUP), ran(1.1, "lb2", "BACKUP"),
        to(2, "lb2", VrrpRole.MASTER), to(2, "lb2", VrrpRole.BACKUP), ran(2.01, "lb2", "BACKUP"),
        ran(2.02, "lb2", "MASTER"), to(5, "lb2", VrrpRole.MASTER), ran(5.1, "lb2", "MASTER"));
    assertThat(NotifyChecks.followStates("out", lat).check(raced).passed())
        .as("two scripts forked within the bound may print in either order").isTrue();
    History reordered = History.of(to(1, "lb2", VrrpRole.BACKUP), ran(1.1, "lb2", "MASTER"),
        to(4, "lb2", VrrpRole.MASTER), ran(4.1, "lb2", "BACKUP"));
    assertThat(NotifyChecks.followStates("out", lat).check(reordered).passed())
        .as("changes further apart than the bound must run in order").isFalse();
    assertThat(NotifyChecks.followStates("other", lat).check(ok).passed())
        .as("no runs of that script").isFalse();
  }
}
