package lbchaos.report.trend;

import static lbchaos.report.trend.TrendHistoryTest.summary;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrendChartTest {

  private static final Trend TREND = new Trend(List.of(
      new HistoryRun(Instant.parse("2026-11-26T01:59:00Z"), summary("java", 2.4, false)),
      new HistoryRun(Instant.parse("2026-11-26T01:59:00Z"), summary("reference", 2.2, true)),
      new HistoryRun(Instant.parse("2026-11-27T01:59:00Z"), summary("java", 0.3, true)),
      new HistoryRun(Instant.parse("2026-11-27T01:59:00Z"), summary("reference", 2.3, true))),
      List.of());

  @Test
  void oneChartPerScenarioAndFigureWithALinePerStack() {
    String html = TrendChart.html(TREND);
    assertThat(count(html, "<svg class=\"trend\"")).as("charts: 2 figures + 1 figure").isEqualTo(3);
    String outage = chart(html, "master LB killed", "outage_s");
    assertThat(count(outage, "<polyline")).as("a line per stack").isEqualTo(2);
    assertThat(count(outage, "<circle")).as("a point per stack and night").isEqualTo(4);
    assertThat(count(outage, "class=\"trend-pt fail\"")).as("the failed night").isEqualTo(1);
    assertThat(outage).as("failed point is hollow red")
        .contains("class=\"trend-pt fail\" cx=\"60.0\"")
        .containsPattern("trend-pt fail\"[^>]*fill=\"#ffffff\" stroke=\"#d62728\"");
  }

  @Test
  void aLowerValueIsDrawnLower() {
    String outage = chart(TrendChart.html(TREND), "master LB killed", "outage_s");
    Matcher m = Pattern.compile("stroke=\"#3b6ea8\" points=\"[\\d.]+,([\\d.]+) [\\d.]+,([\\d.]+)\"")
        .matcher(outage);
    assertThat(m.find()).as("java line").isTrue();
    assertThat(Double.parseDouble(m.group(2))).as("0.3 s below 2.4 s (larger y)")
        .isGreaterThan(Double.parseDouble(m.group(1)));
  }

  @Test
  void oneRunSaysTheTrendStartsLater() {
    Trend one = new Trend(List.of(new HistoryRun(Instant.EPOCH, summary("java", 1, true))),
        List.of());
    assertThat(TrendChart.html(one)).as("explains the single point")
        .contains("1 run so far; the trend starts with the next one.");
  }

  @Test
  void aFlatZeroStillHasAScale() {
    String webOutage = chart(TrendChart.html(new Trend(List.of(new HistoryRun(Instant.EPOCH,
        new lbchaos.report.summary.Summary("java", List.of(new lbchaos.report.summary
            .ScenarioSummary("w", true, java.util.Map.of("outage_s", 0.0)))))), List.of())),
        "w", "outage_s");
    assertThat(webOutage).as("gridline labels 0, 0.5, 1").contains(">0.00 s<", ">0.50 s<",
        ">1.00 s<");
  }

  @Test
  void niceRoundsUpToOneTwoFive() {
    assertThat(List.of(TrendChart.nice(2.4), TrendChart.nice(0.3), TrendChart.nice(6),
        TrendChart.nice(10))).as("1-2-5 steps").containsExactly(5.0, 0.5, 10.0, 10.0);
  }

  private static String chart(String html, String scenario, String figure) {
    int from = html.indexOf("data-scenario=\"" + scenario + "\" data-figure=\"" + figure + "\"");
    assertThat(from).as("chart for %s / %s", scenario, figure).isNotNegative();
    return html.substring(from, html.indexOf("</svg>", from));
  }

  private static int count(String s, String what) {
    return s.split(Pattern.quote(what), -1).length - 1;
  }
}
