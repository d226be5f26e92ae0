package lbchaos.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lbchaos.report.html.HtmlReport;
import lbchaos.report.model.FuzzReport;
import lbchaos.report.model.RunReport;
import lbchaos.report.summary.FuzzJson;
import lbchaos.report.summary.Summary;
import lbchaos.report.summary.SummaryJson;
import lbchaos.report.trend.Trend;
import lbchaos.report.trend.TrendHistory;

/**
 * What a {@code --report DIR} holds, in one call: {@code summary.json} and {@code index.html}.
 * With several runs (one per stack, nightly) the first run's summary is {@code summary.json}
 * and each further stack's is {@code summary-STACK.json}, as in the history folders.
 */
public final class Reports {

  private Reports() {}

  /** {@code demo} and {@code run}: summary.json and index.html for one run; returns index.html. */
  public static Path write(RunReport run, Path dir) throws IOException {
    SummaryJson.write(run, dir);
    return HtmlReport.write(run, dir);
  }

  /**
   * Several runs (one per stack) without a trend, as {@code merge} joins shards: a summary file
   * per stack and one index.html; returns index.html.
   */
  public static Path write(List<RunReport> runs, Path dir) throws IOException {
    writeSummaries(runs.stream().map(Summary::of).toList(), dir);
    return HtmlReport.write(runs, null, null, dir);
  }

  /**
   * {@code nightly}: adds the runs to the history (a folder named for {@code at}), then writes
   * summary files and index.html with the trend over the whole history; returns index.html.
   */
  public static Path writeNightly(List<RunReport> runs, Path dir, Path historyDir, Instant at)
      throws IOException {
    return writeNightly(runs, null, dir, historyDir, at);
  }

  /** As above, with the fuzz step's outcome (may be null): fuzz.json and a report section. */
  public static Path writeNightly(List<RunReport> runs, FuzzReport fuzz, Path dir,
      Path historyDir, Instant at) throws IOException {
    List<Summary> summaries = runs.stream().map(Summary::of).toList();
    Trend trend = TrendHistory.record(historyDir, at, summaries);
    writeSummaries(summaries, dir);
    if (fuzz != null) {
      FuzzJson.write(fuzz, dir);
    }
    return HtmlReport.write(runs, trend, fuzz, dir);
  }

  private static List<Path> writeSummaries(List<Summary> summaries, Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < summaries.size(); i++) {
      Summary s = summaries.get(i);
      out.add(i == 0 ? SummaryJson.write(s, dir) : SummaryJson.write(s, dir,
          "summary-" + s.stack().replaceAll("[^A-Za-z0-9._-]", "_") + ".json"));
    }
    return out;
  }
}
