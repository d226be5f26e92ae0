package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import lbchaos.event.NotifyRun;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

class IntervalsAndNotifyTest {

  static final Bound MIN = new Bound(Duration.ofSeconds(4), "preempt_delay 4 s");
  static final lbchaos.harness.history.History NONE = lbchaos.harness.history.History.empty();
  static final Bound MAX = new Bound(Duration.ofSeconds(7), "delay + master down");

  @Test
  void betweenRejectsEarlyLateAndUnseen() {
    assertThat(Intervals.between("p", "x", "p_s", Optional.of(5_000_000L), MIN, MAX).check(NONE).passed())
        .as("inside").isTrue();
    assertThat(Intervals.between("p", "x", "p_s", Optional.of(3_000_000L), MIN, MAX).check(NONE).passed())
        .as("before the delay").isFalse();
    assertThat(Intervals.between("p", "x", "p_s", Optional.of(8_000_000L), MIN, MAX).check(NONE).passed())
        .as("late").isFalse();
    Verdict never = Intervals.atMost("p", "x", "p_s", Optional.empty(), MAX).check(NONE);
    assertThat(never.passed()).as("never seen").isFalse();
    assertThat(Intervals.atMost("p", "x", "p_s", Optional.of(1_500_000L), MAX).check(NONE).figure("p_s"))
        .as("figure in seconds").isEqualTo(1.5);
    assertThat(Intervals.atLeast("h", "x", "held_s", 3_000_000L, MIN).check(NONE).passed())
        .as("held too short").isFalse();
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
