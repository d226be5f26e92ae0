package lbchaos.report.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lbchaos.report.Samples;
import lbchaos.report.console.ConsoleReport;
import lbchaos.report.summary.Summary;
import lbchaos.report.summary.SummaryJson;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

/** --repeat: per check the pass rate and the spread of its figure, and a threshold to pass. */
class RepetitionTest {

  static ScenarioReport rep(int k, double outage, boolean passed) {
    Verdict v = new Verdict("client-outage", passed, Map.of("outage_s", outage), "outage " + outage)
        .judgedBy("outage_s", new Bound(Duration.ofSeconds(3), "3 x 1 s advert"));
    return new ScenarioReport(Repetition.name("master-down", k), "", passed ? Outcome.PASS
        : Outcome.FAIL, List.of(v), Samples.masterKill().timeline(), List.of());
  }

  static RunReport run(double minPassRate) {
    return new RunReport("java", RunInfo.startedAt(Samples.START), List.of(rep(1, 1.2, true),
        rep(2, 3.4, false), rep(3, 1.3, true), rep(4, 1.25, true)), List.of(), minPassRate);
  }

  @Test
  void passRateAndSpreadPerCheck() {
    List<Repetition> reps = run(1.0).repetitions();
    assertThat(reps).singleElement().satisfies(r -> {
      assertThat(r.scenario()).isEqualTo("master-down");
      assertThat(r.runs()).isEqualTo(4);
      assertThat(r.passed()).isEqualTo(3);
      assertThat(r.passRate()).isEqualTo(0.75);
      assertThat(r.p50()).as("nearest rank: a measured value").isEqualTo(1.25);
      assertThat(r.p95()).isEqualTo(3.4);
      assertThat(r.max()).isEqualTo(3.4);
    });
  }

  @Test
  void theRunPassesOnlyWhenEveryCheckReachesTheThreshold() {
    assertThat(run(1.0).outcome()).as("every repetition must pass by default")
        .isEqualTo(Outcome.FAIL);
    assertThat(run(0.75).outcome()).as("3 of 4 at 75 %").isEqualTo(Outcome.PASS);
    assertThat(run(0.8).outcome()).isEqualTo(Outcome.FAIL);
  }

  @Test
  void theSummaryCarriesThemAndStillValidates() throws Exception {
    var json = new ObjectMapper().readTree(SummaryJson.toJson(Summary.of(run(0.75))));
    assertThat(json.at("/repetitions/0/passRate").doubleValue()).isEqualTo(0.75);
    assertThat(json.at("/repetitions/0/outcome").asText()).isEqualTo("pass");
    assertThat(json.at("/outcome").asText()).isEqualTo("pass");
    var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SummaryJson.class.getResourceAsStream("summary-v2.schema.json"));
    assertThat(schema.validate(json)).isEmpty();
    assertThat(ConsoleReport.render(run(0.75))).contains("repetitions (each check must pass 75 %")
        .containsPattern("master-down\\s+client-outage\\s+PASS\\s+3/4\\s+outage_s\\s+1.25 s");
  }
}
