package lbchaos.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lbchaos.event.AdvertSeen;
import lbchaos.event.FaultEvent;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.event.VrrpStateChange;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.html.HtmlReport;
import lbchaos.report.model.Lane;
import lbchaos.report.model.ScenarioReport;
import lbchaos.report.model.Segment;
import lbchaos.report.model.Timeline;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import org.junit.jupiter.api.Test;

/** The mapper fed what real checks give: their verdicts reach the report unchanged. */
class ReportMapperTest {

  private static final long S = 1_000_000L;

  @Test
  void aBackendCheckOutOfItsBoundIsMarkedOnItsOwnFigure() {
    History h = History.of(List.of(
        new AdvertSeen(0, "observer", "10.0.0.2", 51, 200, 1, 100, true, 255),
        new ProbeSample(0, "client", 2_000, "webserver-1", null),
        new FaultEvent(S, "harness", "kill", "webserver-1", FaultEvent.Phase.INJECT, ""),
        new ProbeSample(2 * S, "client", 4 * S, null, ProbeSample.ErrorKind.REFUSED),
        new ServerState(6 * S, "loadbalancer-1", "web", "webserver-1", false, "down", 0),
        new ProbeSample(7 * S, "client", 7 * S + 2_000, "webserver-2", null)));
    Bound bound = new Bound(Duration.ofSeconds(4), "fall 2 x inter 2 s");
    List<Checker> checks = List.of(Checks.backendDown("webserver-1", bound));
    Evidence e = new Evidence("backend-down", "", "java", Map.of(), Map.of(), Map.of(), checks,
        h);
    ScenarioResult r = new ScenarioResult(e, Judge.judge(e), null);

    ScenarioReport s = ReportMapper.scenario(r);
    assertThat(s.outcome()).as("5 s > 4 s").isEqualTo(Outcome.FAIL);
    assertThat(s.verdicts()).as("the judge's verdicts, not a copy").isEqualTo(r.verdicts());

    String html = HtmlReport.render(List.of(ReportMapper.run("java", Instant.EPOCH, List.of(r))),
        null);
    assertThat(html).as("detection_s flagged against its own bound, derivation as tooltip")
        .contains("<span class=\"fig outside\"><b>detection_s</b> 5.00 s <span class=\"bound\" "
            + "title=\"fall 2 x inter 2 s\">bound 4.00 s</span>")
        .as("no outage bound invented for a backend check").doesNotContain("outage_s")
        .as("the bound is shown once").doesNotContain("<b>bound_s</b>");
  }

  @Test
  void aHarnessErrorIsUnknownNotFailed() {
    Evidence e = new Evidence("x", "", "java", Map.of(), Map.of(), Map.of(), List.of(), History.of(
        List.of()));
    ScenarioReport s = ReportMapper.scenario(new ScenarioResult(e, List.of(), "engine went away"));
    assertThat(s.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(s.verdicts()).singleElement().satisfies(v -> {
      assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN);
      assertThat(v.sentence()).isEqualTo("engine went away");
    });
  }

  @Test
  void aKilledMastersLaneIsDownUntilItReportsAgainAndItStopsHoldingTheVip() {
    History h = History.of(List.of(
        new VrrpStateChange(0, "loadbalancer-1", "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER, ""),
        new VipChange(S / 10, "loadbalancer-1", "10.0.0.211", true),
        new FaultEvent(2 * S, "harness", "kill", "loadbalancer-1", FaultEvent.Phase.INJECT, ""),
        new VrrpStateChange(2 * S + 1, "loadbalancer-1", "VI_1", VrrpRole.MASTER,
            VrrpRole.FAULT, "dying words"),
        new VipChange(5 * S, "loadbalancer-2", "10.0.0.211", true),
        new FaultEvent(10 * S, "harness", "kill", "loadbalancer-1", FaultEvent.Phase.HEAL, ""),
        new VrrpStateChange(11 * S, "loadbalancer-1", "VI_1", VrrpRole.INIT, VrrpRole.BACKUP,
            ""),
        new ProbeSample(12 * S, "client", 12 * S + 2_000, "webserver-1", null)));
    Timeline t = ReportMapper.timeline(h);
    Lane lb1 = t.lanes().stream().filter(l -> l.name().equals("loadbalancer-1")).findFirst()
        .orElseThrow();
    assertThat(lb1.segments()).extracting(Segment::state, Segment::fromMicros, Segment::toMicros)
        .as("MASTER until the kill, DOWN until it reports after the heal").containsExactly(
            tuple("MASTER", 0L, 2 * S), tuple("DOWN", 2 * S, 11 * S),
            tuple("BACKUP", 11 * S, t.endMicros()));
    Lane vip = t.lanes().stream().filter(l -> l.name().equals("VIP holder")).findFirst()
        .orElseThrow();
    assertThat(vip.segments()).extracting(Segment::state).as("never two holders")
        .containsExactly("loadbalancer-1", "none", "loadbalancer-2");
  }
}
