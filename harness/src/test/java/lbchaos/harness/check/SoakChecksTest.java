package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lbchaos.event.FaultEvent;
import lbchaos.event.ProbeSample;
import lbchaos.event.VipChange;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

class SoakChecksTest {

  static final Bound SETTLE = new Bound(Duration.ofMillis(1500), "one advert + 0.5 s");
  static final Bound GAP = new Bound(Duration.ofMillis(3500), "master down + 0.5 s");

  static long us(double s) {
    return Math.round(s * 1e6);
  }

  static VipChange vip(double at, String lb, boolean added) {
    return new VipChange(us(at), lb, "10.0.0.211", added);
  }

  static FaultEvent fault(double at, FaultEvent.Phase phase) {
    return new FaultEvent(us(at), "harness", "block-vrrp", "loadbalancers", phase, "");
  }

  @Test
  void aSplitBrainInsideAFaultThatSettlesAfterTheHealPasses() {
    History h = History.of(vip(0, "lb1", true), fault(10, FaultEvent.Phase.INJECT),
        vip(13, "lb2", true), fault(20, FaultEvent.Phase.HEAL), vip(20.8, "lb2", false));
    Verdict v = Checks.soakVip(SETTLE, GAP).check(h);
    assertThat(v.passed()).as(v.sentence()).isTrue();
    assertThat(v.figure("dual_master_periods")).isEqualTo(1);
  }

  @Test
  void aSplitBrainThatOutlivesTheHealFails() {
    History h = History.of(vip(0, "lb1", true), fault(10, FaultEvent.Phase.INJECT),
        vip(13, "lb2", true), fault(20, FaultEvent.Phase.HEAL), vip(25, "lb2", false));
    assertThat(Checks.soakVip(SETTLE, GAP).check(h).passed()).as("5 s after the heal").isFalse();
  }

  @Test
  void aSplitBrainWithNoFaultFails() {
    History h = History.of(vip(0, "lb1", true), vip(5, "lb2", true), vip(8, "lb2", false));
    assertThat(Checks.soakVip(SETTLE, GAP).check(h).passed()).as("3 s, no fault").isFalse();
  }

  @Test
  void aLongGapFails() {
    History h = History.of(vip(0, "lb1", true), vip(5, "lb1", false), vip(10, "lb2", true));
    Verdict v = Checks.soakVip(SETTLE, GAP).check(h);
    assertThat(v.passed()).as("5 s without a holder").isFalse();
    assertThat(v.figure("max_no_holder_s")).isEqualTo(5.0);
  }

  @Test
  void successRateAgainstItsFloor() {
    History h = History.of(new ProbeSample(us(0), "c", us(0.1), "w1", null),
        new ProbeSample(us(1), "c", us(1.1), "w2", null),
        new ProbeSample(us(2), "c", us(4), null, ProbeSample.ErrorKind.TIMEOUT));
    assertThat(Checks.successRate(0.6).check(h).passed()).as("2/3 >= 60 %").isTrue();
    assertThat(Checks.successRate(0.7).check(h).passed()).as("2/3 < 70 %").isFalse();
    assertThat(Checks.successRate(0.1).check(History.empty()).passed()).as("no requests").isFalse();
  }
}
