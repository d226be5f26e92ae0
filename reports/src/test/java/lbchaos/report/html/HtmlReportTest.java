package lbchaos.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lbchaos.report.Samples;
import lbchaos.report.model.Lane;
import lbchaos.report.model.Mark;
import lbchaos.report.model.RequestDot;
import lbchaos.report.model.RunReport;
import lbchaos.report.model.ScenarioReport;
import lbchaos.report.model.Segment;
import lbchaos.report.model.Span;
import lbchaos.report.model.Timeline;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;
import lbchaos.report.summary.Summary;
import lbchaos.report.trend.HistoryRun;
import lbchaos.report.trend.Trend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class HtmlReportTest {

  private static final long T0 = Samples.T0;

  @Test
  void oneCirclePerRequestAndFailuresAreRed() throws Exception {
    RunReport run = Samples.run();
    String html = HtmlReport.render(List.of(run), null);
    for (int i = 0; i < run.scenarios().size(); i++) {
      Timeline t = run.scenarios().get(i).timeline();
      SvgDoc svg = SvgDoc.of(html, "s0-" + i + "-timeline");
      long failed = t.requests().stream().filter(r -> !r.ok()).count();
      assertThat(svg.all("circle", "req")).as("one circle per request").hasSize(t.requests().size());
      assertThat(svg.all("circle", "req fail")).as("failed requests").hasSize((int) failed)
          .allSatisfy(c -> assertThat(c.getAttribute("fill")).as("failure colour")
              .isEqualTo(Palette.FAILED));
      assertThat(svg.all("circle", "req ok")).as("successes are never red")
          .noneMatch(c -> c.getAttribute("fill").equals(Palette.FAILED));
    }
  }

  @Test
  void dotsAreColouredByBackendTheSameInEveryScenario() throws Exception {
    String html = HtmlReport.render(List.of(Samples.run()), null);
    for (String id : List.of("s0-0-timeline", "s0-1-timeline")) {
      List<Element> ok = SvgDoc.of(html, id).all("circle", "req ok");
      assertThat(ok.stream().filter(c -> c.getAttribute("data-tip").contains("webserver-1"))
          .map(c -> c.getAttribute("fill")).distinct().toList())
          .as("webserver-1's colour in %s", id).containsExactly("#1f77b4");
      assertThat(ok.stream().filter(c -> c.getAttribute("data-tip").contains("webserver-2"))
          .map(c -> c.getAttribute("fill")).distinct().toList())
          .as("webserver-2's colour in %s", id).containsExactly("#ff7f0e");
    }
  }

  @Test
  void timeIsLaidOutLeftToRightFromTheStart() throws Exception {
    Timeline t = new Timeline(T0, T0 + 10_000_000, List.of(
        RequestDot.ok(T0, 1_000, "a"), RequestDot.ok(T0 + 5_000_000, 1_000, "a"),
        RequestDot.ok(T0 + 10_000_000, 1_000, "a")), List.of(), List.of(), List.of());
    SvgDoc svg = SvgDoc.of(render(t), "s0-0-timeline");
    List<Double> xs = svg.all("circle", "req").stream()
        .map(c -> Double.parseDouble(c.getAttribute("cx"))).toList();
    assertThat(xs).as("start, middle, end").containsExactly(TimelineSvg.LEFT,
        (TimelineSvg.LEFT + TimelineSvg.WIDTH - TimelineSvg.RIGHT) / 2,
        TimelineSvg.WIDTH - TimelineSvg.RIGHT);
    assertThat(svg.texts("axis-label")).as("ticks in seconds from the start")
        .startsWith("0 s", "1 s", "2 s").endsWith("10 s");
  }

  @Test
  void slowRequestsAreDrawnHigherThanFastOnes() throws Exception {
    Timeline t = new Timeline(T0, T0 + 2_000_000, List.of(RequestDot.ok(T0, 1_000, "a"),
        RequestDot.failed(T0 + 1_000_000, 2_000_000, "timeout")), List.of(), List.of(), List.of());
    SvgDoc svg = SvgDoc.of(render(t), "s0-0-timeline");
    double fast = Double.parseDouble(svg.all("circle", "req ok").getFirst().getAttribute("cy"));
    double slow = Double.parseDouble(svg.all("circle", "req fail").getFirst().getAttribute("cy"));
    assertThat(slow).as("a 2 s timeout sits above a 1 ms answer (smaller y)").isLessThan(fast);
  }

  @Test
  void faultSpansLanesAndMarksAreDrawn() throws Exception {
    String html = HtmlReport.render(List.of(Samples.run()), null);
    SvgDoc kill = SvgDoc.of(html, "s0-1-timeline");
    assertThat(kill.all("rect", "fault")).as("one shaded span per fault").hasSize(1);
    assertThat(kill.texts("fault-label")).as("fault label").containsExactly("⚡ kill loadbalancer-1");
    assertThat(kill.texts("lane-label")).as("one row per lane")
        .containsExactly("loadbalancer-1", "loadbalancer-2", "VIP holder (wire)");
    List<Element> segs = kill.all("rect", "seg");
    assertThat(segs).as("segments of all lanes").hasSize(5 + 3 + 4);
    assertThat(segs).filteredOn(e -> e.getAttribute("data-state").equals("MASTER"))
        .as("MASTER is green").allSatisfy(e -> assertThat(e.getAttribute("fill"))
            .isEqualTo("#2ca02c"));
    assertThat(segs).filteredOn(e -> e.getAttribute("data-state").equals("none"))
        .as("nobody holding the VIP is hatched").singleElement()
        .satisfies(e -> assertThat(e.getAttribute("fill")).isEqualTo("url(#hatch-none)"));

    SvgDoc web = SvgDoc.of(html, "s0-0-timeline");
    assertThat(web.texts("lane-label")).as("marks off any lane get a row of their own")
        .endsWith("proxy loadbalancer-1");
    assertThat(web.texts("mark-label")).as("proxy marks")
        .containsExactly("webserver-1 DOWN", "webserver-1 UP");
    assertThat(web.all("text", "mark-label")).extracting(e -> e.getAttribute("fill"))
        .as("DOWN red, UP green").containsExactly(Palette.MARK_DOWN, Palette.MARK_UP);
  }

  @Test
  void verdictsShowFiguresAgainstBoundsAndFlagWhatIsOutside() {
    String html = HtmlReport.render(List.of(Samples.run()), null);
    assertThat(html).as("failed bound flagged, its derivation as a tooltip")
        .contains("<span class=\"fig outside\"><b>outage_s</b> 2.20 s <span class=\"bound\" "
            + "title=\"sample derivation of outage_s\">bound 1.50 s</span>")
        .as("a bound kept within passes is not flagged")
        .contains("<span class=\"fig\"><b>detection_s</b> 10.00 s <span class=\"bound\"")
        .as("a figure without a bound")
        .contains("<span class=\"fig\"><b>share_min</b> 0.500</span>")
        .as("counts without decimals").contains("<b>failed_requests</b> 6<");
  }

  @Test
  void articleLogIsCollapsedAndLintIsListed() {
    String html = HtmlReport.render(List.of(Samples.run()), null);
    assertThat(html).as("collapsible log")
        .contains("<details class=\"article-log\"><summary>Article-style log · 800 lines · 6 errors")
        .as("an error line").contains("<span class=\"err\">01:59:10.200  error: timeout</span>")
        .as("a success line").contains("\n01:59:00.050  webserver-2\n")
        .as("lint at file:line").contains("<td class=\"where\">keepalived-lb1.conf:12</td>");
  }

  @Test
  void theFileStandsAlone() {
    String html = HtmlReport.render(List.of(Samples.run()), null);
    assertThat(html).as("no external stylesheet, script or image")
        .doesNotContain("<link").doesNotContain(" src=").doesNotContain("http://")
        .doesNotContain("https://").doesNotContain("@import");
  }

  @Test
  void textFromTheRunIsEscaped() throws Exception {
    Timeline t = new Timeline(T0, T0 + 1_000_000, List.of(RequestDot.ok(T0, 10, "<b>x</b>")),
        List.of(new Span(T0, T0 + 1, "a & \"b\"")),
        List.of(new Lane("<lane>", List.of(new Segment(T0, T0 + 1, "<s>")))), List.of(
            new Mark(T0, "<m>", "</svg><script>alert(1)</script>", Mark.Kind.INFO)));
    String html = render(t);
    assertThat(html).as("no injected markup").doesNotContain("<script>alert")
        .doesNotContain("<b>x</b>").contains("&lt;/svg&gt;&lt;script&gt;");
    assertThat(SvgDoc.of(html, "s0-0-timeline").all("circle", "req")).as("still parses")
        .hasSize(1);
  }

  @Test
  void anEmptyTimelineStillRenders() throws Exception {
    Timeline t = new Timeline(T0, T0, List.of(), List.of(), List.of(), List.of());
    SvgDoc svg = SvgDoc.of(render(t), "s0-0-timeline");
    assertThat(svg.all("circle", "req")).as("no dots").isEmpty();
    assertThat(svg.texts("axis-label")).as("an axis anyway").contains("0 s");
  }

  @Test
  void trendIsIncludedWhenGiven() {
    Trend trend = new Trend(List.of(new HistoryRun(Instant.parse("2026-11-27T01:59:00Z"),
        Summary.of(Samples.run())), new HistoryRun(Samples.START, Summary.of(Samples.run()))),
        List.of());
    String html = HtmlReport.render(List.of(Samples.run()), trend);
    assertThat(html).as("trend section").contains("<h2>Nightly trend</h2>")
        .contains("data-figure=\"outage_s\"");
    assertThat(HtmlReport.render(List.of(Samples.run()), null)).as("no trend without history")
        .doesNotContain("Nightly trend");
  }

  @Test
  void severalStacksShareOnePage() {
    RunReport java = Samples.run();
    RunReport ref = new RunReport("reference", java.started(), java.scenarios(), List.of());
    String html = HtmlReport.render(List.of(java, ref), null);
    assertThat(html).as("a heading per stack").contains("stack java").contains("stack reference")
        .as("distinct ids").contains("id=\"s1-1-timeline\"");
  }

  @Test
  void writesIndexHtml(@TempDir Path dir) throws Exception {
    Path file = HtmlReport.write(Samples.run(), dir.resolve("report"));
    assertThat(file).as("index.html in the directory").isEqualTo(dir.resolve("report/index.html"));
    assertThat(Files.readString(file)).as("a whole page").startsWith("<!DOCTYPE html>")
        .endsWith("</html>\n");
    assertThatThrownBy(() -> HtmlReport.render(List.of(), null)).as("nothing to show")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accessLogRowsNameTheServerAndTimersOfEachRequest() {
    Timeline t = Samples.run().scenarios().getFirst().timeline();
    var row = new lbchaos.report.model.AccessRow(t.startMicros() + 1_500_000, "loadbalancer-1",
        "10.0.0.9:40000", "apiserver", "apiserver", "backend-2", "Tw/Tc/Tt 0/1/3", -1, 95,
        "--", "");
    ScenarioReport s = new ScenarioReport("t", "", Outcome.PASS,
        List.of(new Verdict("v", true, Map.of(), "nothing to see")), t, List.of(),
        List.of(row));
    String html = HtmlReport.render(List.of(new RunReport("java", Samples.START, List.of(s),
        List.of())), null);
    assertThat(html).as("one row with the chosen server and timers")
        .contains("Access log · 1 requests").contains("<td>apiserver/backend-2</td>")
        .contains("<td>Tw/Tc/Tt 0/1/3</td>").contains("<td>1.500</td>");
    assertThat(render(t)).as("no table without access logs").doesNotContain("Access log");
  }

  private static String render(Timeline t) {
    ScenarioReport s = new ScenarioReport("t", "", Outcome.PASS,
        List.of(new Verdict("v", true, Map.of(), "nothing to see")), t, List.of());
    return HtmlReport.render(List.of(new RunReport("java", Samples.START, List.of(s),
        List.of())), null);
  }

  @Test
  void nightlysFuzzStepHasASectionAndAFailedOneFailsThePage() {
    var target = new lbchaos.report.model.FuzzReport.Target("vrrp-decode", 100_000,
        Map.of("parsed", 41_000L, "drop:checksum", 59_000L));
    var ok = new lbchaos.report.model.FuzzReport(true, 100_000, java.time.Duration.ofSeconds(29),
        List.of(target));
    RunReport run = Samples.run();
    String html = HtmlReport.render(List.of(run), null, ok);
    assertThat(html).as("the section, its figures and outcomes").contains("id=\"fuzz\"")
        .contains("100,000 cases in 29 s").contains("vrrp-decode")
        .contains("drop:checksum 59,000, parsed 41,000");
    assertThat(html).as("the header counts the cases").contains("fuzz passed, 100,000 cases");
    var failed = new lbchaos.report.model.FuzzReport(false, 100_000, java.time.Duration
        .ofSeconds(29), List.of(target));
    String top = HtmlReport.render(List.of(run), null, failed);
    top = top.substring(top.indexOf("<header"), top.indexOf("</header>"));
    assertThat(top).as("a failed fuzz step fails the page even when every scenario passed")
        .contains("fuzz FAILED").contains(ScenarioHtml.pill(false));
    assertThat(HtmlReport.render(List.of(run), null)).as("no fuzz step, no section")
        .doesNotContain("id=\"fuzz\"");
  }
}
