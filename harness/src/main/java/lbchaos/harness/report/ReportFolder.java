package lbchaos.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.Reports;
import lbchaos.report.model.RunReport;

/**
 * A run's report folder: {@code summary.json}, {@code index.html} and one
 * {@code history-<scenario>.json} per scenario (what {@code lbchaos check} judges again). The
 * CLI's {@code --report} and the Maven plugin's {@code target/lbchaos} are both this.
 */
public final class ReportFolder {

  private ReportFolder() {}

  /** Writes the folder (created when missing) and returns its index.html. */
  public static Path write(Path dir, RunReport run, List<ScenarioResult> results)
      throws IOException {
    Files.createDirectories(dir);
    for (ScenarioResult r : results) {
      EvidenceJson.write(r.evidence(), dir.resolve(historyFile(r.name())));
    }
    return Reports.write(run, dir);
  }

  /** The evidence file of a scenario in a report folder. */
  public static String historyFile(String scenario) {
    return "history-" + scenario + ".json";
  }
}
