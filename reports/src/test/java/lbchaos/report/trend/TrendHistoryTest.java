package lbchaos.report.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lbchaos.report.summary.ScenarioSummary;
import lbchaos.report.summary.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendHistoryTest {

  private static final Instant NIGHT1 = Instant.parse("2026-11-26T01:59:00Z");
  private static final Instant NIGHT2 = Instant.parse("2026-11-27T01:59:00Z");
  private static final Instant NIGHT3 = Instant.parse("2026-11-28T01:59:00.789Z");

  static Summary summary(String stack, double outage, boolean passed) {
    return new Summary(stack, List.of(
        new ScenarioSummary("master LB killed", passed,
            Map.of("outage_s", outage, "failed_requests", 3.0)),
        new ScenarioSummary("webserver killed", true, Map.of("detection_s", 10.0))));
  }

  @Test
  void runsAreStoredInDatedFoldersAndReadBackInOrder(@TempDir Path history) throws Exception {
    Path file = TrendHistory.append(history, NIGHT2, summary("java", 2.1, true));
    assertThat(history.relativize(file).toString()).as("dated folder, colons as dashes")
        .isEqualTo("2026-11-27T01-59-00Z/summary.json");
    TrendHistory.append(history, NIGHT1, summary("java", 2.4, false));
    Trend trend = TrendHistory.record(history, NIGHT3, List.of(summary("java", 0.3, true)));

    assertThat(trend.times()).as("oldest first, current included, whole seconds")
        .containsExactly(NIGHT1, NIGHT2, Instant.parse("2026-11-28T01:59:00Z"));
    assertThat(trend.series("master LB killed", "outage_s").get("java"))
        .extracting(Trend.Point::value).as("outage over nights").containsExactly(2.4, 2.1, 0.3);
    assertThat(trend.series("master LB killed", "outage_s").get("java"))
        .extracting(Trend.Point::passed).as("pass/fail per night").containsExactly(false, true, true);
    assertThat(trend.scenarios()).as("scenarios")
        .containsExactlyInAnyOrder("master LB killed", "webserver killed");
    assertThat(trend.series("webserver killed", "outage_s")).as("a figure it never had")
        .isEmpty();
  }

  @Test
  void severalStacksOfOneRunSitSideBySide(@TempDir Path history) throws Exception {
    Trend trend = TrendHistory.record(history, NIGHT1,
        List.of(summary("java", 0.3, true), summary("reference", 0.31, true)));
    assertThat(history.resolve("2026-11-26T01-59-00Z/summary-reference.json"))
        .as("the second stack's file").exists();
    assertThat(trend.series("master LB killed", "outage_s")).as("one series per stack")
        .containsOnlyKeys("java", "reference");
  }

  @Test
  void strayFoldersAreIgnoredAndBrokenFilesBecomeWarnings(@TempDir Path history)
      throws Exception {
    TrendHistory.append(history, NIGHT1, summary("java", 1, true));
    Files.createDirectories(history.resolve("README-not-a-run"));
    Files.writeString(history.resolve("README-not-a-run/summary.json"), "{}");
    Path broken = history.resolve("2026-11-27T01-59-00Z/summary.json");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "{\"stack\":");
    Trend trend = TrendHistory.load(history);
    assertThat(trend.runs()).as("only the good run").hasSize(1);
    assertThat(trend.warnings()).as("the broken file is named").singleElement()
        .asString().contains(broken.toString());
  }

  @Test
  void noHistoryYetIsAnEmptyTrend(@TempDir Path history) throws Exception {
    assertThat(TrendHistory.load(history.resolve("absent")).runs()).as("nothing").isEmpty();
  }
}
