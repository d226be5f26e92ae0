package lbchaos.report.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.report.Samples;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void aRequestHasEitherABackendOrAnError() {
    assertThatThrownBy(() -> new RequestDot(0, 1, "webserver-1", "timeout")).as("both")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("either");
    assertThatThrownBy(() -> new RequestDot(0, 1, null, null)).as("neither")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestDot.ok(0, -1, "a")).as("negative latency")
        .hasMessageContaining("negative");
  }

  @Test
  void stretchesOfTimeMustNotRunBackwards() {
    assertThatThrownBy(() -> new Segment(10, 5, "MASTER")).as("segment")
        .hasMessageContaining("before start");
    assertThatThrownBy(() -> new Span(10, 5, "kill")).as("span")
        .hasMessageContaining("before start");
    assertThatThrownBy(() -> new Timeline(10, 5, List.of(), List.of(), List.of(), List.of()))
        .as("timeline").hasMessageContaining("before start");
  }

  @Test
  void figuresKeepTheirOrderAndTheFirstVerdictWins() {
    Map<String, Double> a = new LinkedHashMap<>();
    a.put("outage_s", 2.0);
    a.put("failed_requests", 3.0);
    ScenarioReport s = new ScenarioReport("x", null, Outcome.FAIL, List.of(
        new Verdict("a", false, a, "a"),
        new Verdict("b", true, Map.of("outage_s", 9.0, "detection_s", 1.0), "b")),
        Samples.masterKill().timeline(), List.of());
    assertThat(s.figures().keySet()).as("order").startsWith("outage_s", "failed_requests");
    assertThat(s.figures()).as("first wins").containsEntry("outage_s", 2.0);
    assertThat(s.description()).as("no description is empty text").isEmpty();
  }

  @Test
  void lintFindingsNameFileAndLine() {
    assertThat(new LintFinding("keepalived.conf", 7, LintFinding.Severity.ERROR, "bad").location())
        .as("file:line").isEqualTo("keepalived.conf:7");
    assertThat(new LintFinding("haproxy.cfg", 0, LintFinding.Severity.INFO, "whole file")
        .location()).as("no line").isEqualTo("haproxy.cfg");
    assertThatThrownBy(() -> new Mark(0, "lane", " ", Mark.Kind.UP)).as("blank label")
        .hasMessageContaining("blank");
  }
}
