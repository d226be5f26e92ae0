package lbchaos.report.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * One scenario of a run.
 *
 * @param articleLog lines in the article's style ("HH:MM:SS.mmm  webserver-2"); see
 *     {@code lbchaos.report.console.ArticleLog} to make them from the timeline
 * @param accessLog the requests the proxies logged (empty when their config logs nothing)
 */
public record ScenarioReport(String name, String description, Outcome outcome,
    List<Verdict> verdicts, Timeline timeline, List<String> articleLog,
    List<AccessRow> accessLog) {

  /** Without access log rows. */
  public ScenarioReport(String name, String description, Outcome outcome,
      List<Verdict> verdicts, Timeline timeline, List<String> articleLog) {
    this(name, description, outcome, verdicts, timeline, articleLog, List.of());
  }

  public ScenarioReport {
    Checks.text(name, "scenario name");
    description = description == null ? "" : description;
    Objects.requireNonNull(outcome, "outcome must not be null");
    verdicts = Checks.list(verdicts, "verdicts");
    Objects.requireNonNull(timeline, "timeline must not be null");
    articleLog = Checks.list(articleLog, "articleLog");
    accessLog = accessLog == null ? List.of() : List.copyOf(accessLog);
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }

  /**
   * The figures of all verdicts, in verdict order; when two verdicts name the same figure the
   * first one wins (they measure the same history, so they agree).
   */
  public Map<String, Double> figures() {
    Map<String, Double> all = new LinkedHashMap<>();
    for (Verdict v : verdicts) {
      v.figures().forEach(all::putIfAbsent);
    }
    return Collections.unmodifiableMap(all);
  }
}
