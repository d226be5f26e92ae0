package lbchaos.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Tolerance;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  static final Bound BOUND = new Bound(Duration.ofMillis(3560), "3 x 1 s advert + tolerance",
      Tolerance.of(Duration.ofMillis(550), "probe and scheduling"));

  static Verdict outage(Outcome o, double seconds) {
    return new Verdict("client-outage", o, "outage_s", Map.of("outage_s", seconds), BOUND,
        "outage " + seconds, List.of());
  }

  @Test
  void aFigureWithinNoiseIsTheSameAndBeyondItMoved() {
    assertThat(Comparison.noise(BOUND)).as("the larger of tolerance and a quarter of the bound")
        .isEqualTo(0.89);
    assertThat(Comparison.between(Map.of("master-down", List.of(outage(Outcome.PASS, 1.35))),
        Map.of("master-down", List.of(outage(Outcome.PASS, 2.20))))).as("0.85 s apart").isEmpty();
    List<Comparison.Difference> moved = Comparison.between(
        Map.of("master-down", List.of(outage(Outcome.PASS, 1.35))),
        Map.of("master-down", List.of(outage(Outcome.PASS, 2.35))));
    assertThat(moved).singleElement().satisfies(d -> {
      assertThat(d.outcome()).as("a move is not a changed outcome").isFalse();
      assertThat(d.line("reference", "reference-13")).contains("moved master-down client-outage",
          "1.350 on reference, 2.350 on reference-13");
    });
  }

  @Test
  void aChangedOutcomeAMissingCheckAndAMissingScenarioFailTheGate() {
    var a = Map.of("master-down", List.of(outage(Outcome.PASS, 1.35)), "round-robin",
        List.<Verdict>of());
    var b = Map.of("master-down", List.of(outage(Outcome.FAIL, 3.90),
        new Verdict("single-vip-holder", true, Map.of(), "one holder")));
    List<Comparison.Difference> d = Comparison.between(a, b);
    assertThat(d).allMatch(Comparison.Difference::outcome).hasSize(3);
    assertThat(d).extracting(x -> x.line("A", "B")).anyMatch(l -> l.contains(
        "client-outage: pass on A, fail on B (outage_s 1.350 and 3.900)"))
        .anyMatch(l -> l.contains("single-vip-holder: judged on B only"))
        .anyMatch(l -> l.contains("round-robin -: ran on A only"));
  }

  @Test
  void aCheckJudgedTwiceIsComparedOccurrenceByOccurrence() {
    // garp-timing judges each LB's GARPs: the first LB's failing on B must not hide behind the
    // second's passing (found on reference-13, where compare said "0 outcomes differ").
    Verdict pass = new Verdict("garp-timing", true, Map.of(), "as configured");
    Verdict fail = new Verdict("garp-timing", false, Map.of(), "the second burst had 5 GARPs");
    List<Comparison.Difference> d = Comparison.between(Map.of("garp-timing", List.of(pass, pass)),
        Map.of("garp-timing", List.of(fail, pass)));
    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.outcome()).isTrue();
      assertThat(x.line("reference", "reference-13"))
          .contains("garp-timing garp-timing: pass on reference, fail on reference-13");
    });
    assertThat(Comparison.byName(List.of(pass, fail, pass)).keySet())
        .containsExactly("garp-timing", "garp-timing #2", "garp-timing #3");
  }
}
