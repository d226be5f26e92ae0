package lbchaos.report.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scenario of a run.
 *
 * @param articleLog lines in the article's style ("HH:MM:SS.mmm  webserver-2"); see
 *     {@code lbchaos.report.console.ArticleLog} to make them from the timeline
 */
public record ScenarioReport(String name, String description, boolean passed,
    List<VerdictView> verdicts, Timeline timeline, List<String> articleLog) {

  public ScenarioReport {
    Checks.text(name, "scenario name");
    description = description == null ? "" : description;
    verdicts = Checks.list(verdicts, "verdicts");
    Objects.requireNonNull(timeline, "timeline must not be null");
    articleLog = Checks.list(articleLog, "articleLog");
  }

  /**
   * The figures of all verdicts, in verdict order; when two verdicts name the same figure the
   * first one wins (they measure the same history, so they agree).
   */
  public Map<String, Double> figures() {
    Map<String, Double> all = new LinkedHashMap<>();
    for (VerdictView v : verdicts) {
      v.figures().forEach(all::putIfAbsent);
    }
    return Collections.unmodifiableMap(all);
  }
}
