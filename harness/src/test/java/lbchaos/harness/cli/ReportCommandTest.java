package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `report`: Allure's HTML from results, offline, with its history kept between runs. */
class ReportCommandTest {

  @TempDir Path dir;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int report(Path results, Path out) {
    PrintStream o = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
      return Cli.execute(System.out, new PrintStream(err, true), "report", "--results",
          results.toString(), "--out", out.toString(), "--tools", Path.of("target").toString());
    } finally {
      System.setOut(o);
    }
  }

  @Test
  void noResultsIsExit2() {
    assertThat(report(dir.resolve("none"), dir.resolve("out"))).as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("what to do").contains("no Allure results").contains("verify");
  }

  /** One passing test result, as allure-junit5 writes it (the fields the generator needs). */
  static void result(Path results, long start) throws Exception {
    Files.createDirectories(results);
    String uuid = UUID.randomUUID().toString();
    Files.writeString(results.resolve(uuid + "-result.json"), """
        {"uuid":"%s","historyId":"h-master-down","testCaseId":"t-master-down",
         "fullName":"lbchaos.suites.ArticleSuiteIT.articleTest","name":"master-down on the reference stack",
         "status":"passed","stage":"finished","start":%d,"stop":%d,
         "parameters":[{"name":"client-outage.outage_s","value":"1.2","excluded":true}],
         "labels":[{"name":"suite","value":"ArticleSuiteIT"}],"attachments":[],"steps":[]}
        """.formatted(uuid, start, start + 10_000));
  }

  @Test
  void generatesOfflineAndKeepsHistorySoTrendsShow() throws Exception {
    Path out = dir.resolve("allure-report");
    Path first = dir.resolve("results-1");
    result(first, 1_700_000_000_000L);
    assertThat(report(first, out)).as("first report; stderr: %s", err).isZero();
    assertThat(out.resolve("index.html")).as("HTML report").isNotEmptyFile();
    Path second = dir.resolve("results-2");
    result(second, 1_700_000_100_000L);
    assertThat(report(second, out)).as("second report; stderr: %s", err).isZero();
    JsonNode trend = new ObjectMapper().readTree(out.resolve("history/history-trend.json")
        .toFile());
    assertThat(trend.size()).as("history-trend.json: one point per report").isEqualTo(2);
    JsonNode history = new ObjectMapper().readTree(out.resolve("history/history.json").toFile());
    assertThat(history.get("h-master-down").get("items").size())
        .as("the test's own history: both runs").isEqualTo(2);
  }
}
