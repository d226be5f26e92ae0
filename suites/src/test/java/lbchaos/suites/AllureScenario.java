package lbchaos.suites;

import io.qameta.allure.Allure;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import lbchaos.verdict.Verdict;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.report.ReportMapper;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.console.ArticleLog;
import lbchaos.report.html.HtmlReport;

/**
 * What an Allure report shows for one scenario: the timeline (the same single-file HTML as
 * `--report`), the article-style log, the History as JSON, each container's output, and every
 * figure as a parameter. Figures are excluded from the test's identity, so Allure's history
 * still matches runs whose figures differ.
 */
final class AllureScenario {

  private AllureScenario() {}

  static void attach(String stack, ScenarioResult r, Map<String, String> containerLogs) {
    for (Verdict v : r.verdicts()) {
      v.figures().forEach((k, val) -> Allure.parameter(v.name() + "." + k, val, true));
    }
    var run = ReportMapper.run(stack, Instant.now(), List.of(r));
    Allure.addAttachment("timeline", "text/html", HtmlReport.render(List.of(run), null), "html");
    Allure.addAttachment("article log", "text/plain", String.join("\n", ArticleLog.lines(
        ReportMapper.timeline(r.history()), ZoneId.systemDefault())), "txt");
    Allure.addAttachment("history.json", "application/json",
        EvidenceJson.toJson(r.evidence()), "json");
    containerLogs.forEach((node, text) ->
        Allure.addAttachment("log: " + node, "text/plain", text, "txt"));
  }
}
