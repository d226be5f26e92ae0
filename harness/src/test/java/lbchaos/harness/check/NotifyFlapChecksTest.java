package lbchaos.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.event.NotifyRun;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

/** notify-last-state and notify-same-order: the notify-flaps scenario's key checks. */
class NotifyFlapChecksTest {

  static VrrpStateChange change(double s, String node, VrrpRole from, VrrpRole to) {
    return new VrrpStateChange((long) (s * 1e6), node, "VI_1", from, to, "t");
  }

  static NotifyRun line(double s, String node, String state) {
    return new NotifyRun((long) (s * 1e6), node, "VI_1", state, "fifo");
  }

  /** lb2 flaps BACKUP -> MASTER -> BACKUP; lb1 stays MASTER and hears lower priorities. */
  static History flaps(NotifyRun... lb2Lines) {
    java.util.List<lbchaos.event.Event> e = new java.util.ArrayList<>(java.util.List.of(
        change(1, "lb1", VrrpRole.INIT, VrrpRole.BACKUP), line(1.1, "lb1", "BACKUP"),
        change(2, "lb1", VrrpRole.BACKUP, VrrpRole.MASTER), line(2.1, "lb1", "MASTER"),
        line(3.5, "lb1", "MASTER_RX_LOWER_PRI"),
        change(1, "lb2", VrrpRole.INIT, VrrpRole.BACKUP),
        change(3, "lb2", VrrpRole.BACKUP, VrrpRole.MASTER),
        change(3.4, "lb2", VrrpRole.MASTER, VrrpRole.BACKUP)));
    e.addAll(java.util.List.of(lb2Lines));
    return History.of(e);
  }

  @Test
  void passesWhenEveryNodeWasToldItsStatesInOrder() {
    History h = flaps(line(1.1, "lb2", "BACKUP"), line(3.1, "lb2", "MASTER"),
        line(3.5, "lb2", "BACKUP"));
    Verdict last = NotifyChecks.lastState("fifo").check(h);
    assertThat(last.passed()).as(last.sentence()).isTrue();
    Verdict order = NotifyChecks.sameOrder("fifo").check(h);
    assertThat(order.passed()).as(order.sentence()).isTrue();
    assertThat(order.figure("master_changes")).as("lb1 up, lb2 up and down").isEqualTo(3.0);
    assertThat(order.figure("event_lines")).as("MASTER_RX_LOWER_PRI counted").isEqualTo(1.0);
  }

  @Test
  void aLastNotificationNamingALeftStateFails() {
    // The MASTER script finished after the BACKUP one (keepalived #996).
    History h = flaps(line(1.1, "lb2", "BACKUP"), line(3.5, "lb2", "BACKUP"),
        line(3.6, "lb2", "MASTER"));
    Verdict last = NotifyChecks.lastState("fifo").check(h);
    assertThat(last.passed()).isFalse();
    assertThat(last.sentence()).contains("lb2 ended BACKUP but its last notification");
    assertThat(NotifyChecks.sameOrder("fifo").check(h).passed()).as("out of order").isFalse();
  }

  @Test
  void aLostLineFailsTheOrderEvenWhenTheLastOneIsRight() {
    History h = flaps(line(1.1, "lb2", "BACKUP"), line(3.5, "lb2", "BACKUP"));
    assertThat(NotifyChecks.lastState("fifo").check(h).passed()).isTrue();
    Verdict order = NotifyChecks.sameOrder("fifo").check(h);
    assertThat(order.passed()).isFalse();
    assertThat(order.sentence()).contains("first difference at 2");
  }

  @Test
  void aNodeThatWasNeverToldFailsAndNoLinesAtAllIsNoPass() {
    History silent = flaps();
    assertThat(NotifyChecks.lastState("fifo").check(silent).sentence())
        .contains("lb2 ended BACKUP but its last notification (0 of them) says nothing");
    History none = History.of(change(1, "lb1", VrrpRole.INIT, VrrpRole.BACKUP));
    assertThat(NotifyChecks.lastState("fifo").check(none).passed()).isFalse();
    assertThat(NotifyChecks.sameOrder("fifo").check(none).sentence())
        .contains("no notification seen");
  }
}
