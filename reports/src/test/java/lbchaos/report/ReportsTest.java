package lbchaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import lbchaos.report.model.RunReport;
import lbchaos.report.summary.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

  @Test
  void aReportDirHoldsSummaryAndPage(@TempDir Path dir) throws Exception {
    Path index = Reports.write(Samples.run(), dir);
    assertThat(index).as("the page").isEqualTo(dir.resolve("index.html")).exists();
    assertThat(SummaryJson.read(dir.resolve("summary.json")).stack()).as("summary.json")
        .isEqualTo("java");
  }

  @Test
  void nightlyAddsToHistoryAndShowsTheTrend(@TempDir Path tmp) throws Exception {
    RunReport java = Samples.run();
    RunReport ref = new RunReport("reference", java.started(), java.scenarios(), List.of());
    Path history = tmp.resolve("history");
    Reports.writeNightly(List.of(java), tmp.resolve("r1"), history,
        Instant.parse("2026-11-27T01:59:00Z"));
    Path index = Reports.writeNightly(List.of(java, ref), tmp.resolve("r2"), history,
        Samples.START);
    assertThat(history.resolve("2026-11-28T01-59-00Z/summary-reference.json"))
        .as("this night's second stack in the history").exists();
    assertThat(tmp.resolve("r2/summary-reference.json")).as("and in the report").exists();
    assertThat(Files.readString(index)).as("trend over both nights")
        .contains("2 runs, oldest on the left");
  }
}
