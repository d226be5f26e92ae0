package lbchaos.report.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import lbchaos.report.Samples;
import lbchaos.report.model.RequestDot;
import lbchaos.report.summary.ScenarioSummary;
import lbchaos.report.summary.Summary;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {

  @Test
  void theTableHasAlignedColumns() {
    List<String> lines = ConsoleReport.table(Summary.of(Samples.run())).lines().toList();
    assertThat(lines).as("header, rule, two rows, total").hasSize(5);
    assertThat(lines.get(0)).as("header")
        .isEqualTo("test              verdict  outage  failed requests  detection  rejoin");
    assertThat(lines.get(2)).as("the passing row")
        .isEqualTo("webserver killed  PASS     0.00 s                6    10.00 s  3.00 s");
    assertThat(lines.get(3)).as("the failing row, missing figures as -")
        .isEqualTo("master LB killed  FAIL     2.20 s                3     2.10 s       -");
    assertThat(lines.get(4)).as("total").isEqualTo("1 of 2 passed (stack java)");
    int verdictColumn = lines.get(0).indexOf("verdict");
    assertThat(lines.subList(2, 4)).as("verdicts start under their heading")
        .allSatisfy(l -> assertThat(l.substring(verdictColumn, verdictColumn + 4))
            .isIn("PASS", "FAIL"));
  }

  @Test
  void longNamesWidenTheirColumn() {
    Summary s = new Summary("java", List.of(
        new ScenarioSummary("a very long scenario name indeed", true, Map.of("outage_s", 12.5))));
    List<String> lines = ConsoleReport.table(s).lines().toList();
    assertThat(lines.get(0).indexOf("verdict")).as("heading moved right")
        .isEqualTo(lines.get(2).indexOf("PASS"));
    assertThat(lines.get(2)).as("right-aligned outage").contains(" 12.50 s");
  }

  @Test
  void renderAddsWhyEachFailedCheckFailed() {
    assertThat(ConsoleReport.render(Samples.run())).as("the failed verdict's sentence")
        .endsWith("FAIL master LB killed / outage: the client saw no answer for 2.20 s, "
            + "more than 1.50 s\n");
  }

  @Test
  void articleLinesLookLikeTheArticle() {
    long at = Samples.T0 + 3_120_000;
    assertThat(ArticleLog.line(RequestDot.ok(at, 900, "webserver-2"), ZoneOffset.UTC))
        .as("success").isEqualTo("01:59:03.120  webserver-2");
    assertThat(ArticleLog.line(RequestDot.failed(at + 50_000, 2_000_000, "timeout"),
        ZoneOffset.UTC)).as("failure").isEqualTo("01:59:03.170  error: timeout");
    assertThat(ArticleLog.lines(Samples.masterKill().timeline(), ZoneOffset.UTC))
        .as("all requests, every line in the form").hasSize(759)
        .allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  (webserver-\\d|error: \\w+)"));
  }
}
