package lbchaos.harness.check;

import static lbchaos.harness.check.Synth.bound;
import static lbchaos.harness.check.Synth.heal;
import static lbchaos.harness.check.Synth.us;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import lbchaos.event.FaultEvent;
import lbchaos.event.NeighbourSeen;
import lbchaos.harness.history.History;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

class NeighbourChecksTest {

  static final String A = "02:00:00:00:00:01";
  static final String B = "02:00:00:00:00:02";
  static final Map<String, String> NAMES = Map.of(A, "lb-1", B, "lb-2");

  static NeighbourSeen entry(double at, String mac) {
    return new NeighbourSeen(us(at), "client", "10.0.0.100", mac, mac == null ? "FAILED"
        : "STALE");
  }

  static Verdict judge(NeighbourSeen... entries) {
    var events = new java.util.ArrayList<lbchaos.event.Event>(java.util.List.of(entries));
    events.add(heal(10, "block-vrrp", "*"));
    events.add(Synth.ok(20, "w1"));
    return NeighbourChecks.clientArp("client", "10.0.0.100", "lb-1", A, NAMES,
        new Moment.Fault("block-vrrp", FaultEvent.Phase.HEAL, 1), bound(1.5, "one advert"))
        .check(History.of(events));
  }

  @Test
  void theEntryBackAtTheMastersMacWithinTheBoundPasses() {
    Verdict v = judge(entry(1, A), entry(5, B), entry(10.4, A), entry(10.9, A));
    assertThat(v.passed()).as("%s", v).isTrue();
    assertThat(v.figure("client_arp_s")).as("from the heal to the GARP's update")
        .isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aStaleEntryAtTheOtherLbFailsAndSaysWhenItMoved() {
    Verdict v = judge(entry(1, A), entry(5, B), entry(14, B), entry(40, A));
    assertThat(v.passed()).as("%s", v).isFalse();
    assertThat(v.sentence()).contains("still pointed at lb-2 (" + B + ")")
        .contains("it did 30.00 s after");
    assertThat(judge(entry(1, A), entry(5, B)).sentence()).contains("it never did");
  }

  @Test
  void noEntryOrAHistoryEndingTooEarlyIsUnknown() {
    assertThat(judge().outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(judge(entry(1, B), entry(5, A), entry(10.4, A)).outcome())
        .as("already at the master before the heal: not a pass").isEqualTo(Outcome.UNKNOWN);
    Verdict early = NeighbourChecks.clientArp("client", "10.0.0.100", "lb-1", A, NAMES,
        new Moment.Fault("block-vrrp", FaultEvent.Phase.HEAL, 1), bound(1.5, "x"))
        .check(History.of(entry(1, A), heal(10, "block-vrrp", "*")));
    assertThat(early.outcome()).as("%s", early).isEqualTo(Outcome.UNKNOWN);
  }
}
