package lbchaos.report.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import lbchaos.report.Samples;
import lbchaos.report.model.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFileHasExactlyTheDocumentedForm(@TempDir Path dir) throws Exception {
    Path file = SummaryJson.write(Samples.run(), dir);
    assertThat(file).as("file name").isEqualTo(dir.resolve("summary.json"));
    JsonNode root = JSON.readTree(Files.readString(file));
    assertThat(names(root)).as("top-level fields").containsExactly("schemaVersion", "tool",
        "started", "finished", "seconds", "host", "stack", "daemons", "seed", "outcome",
        "passed", "scenarios", "minPassRate", "repetitions");
    assertThat(root.get("schemaVersion").intValue()).isEqualTo(SummaryJson.SCHEMA_VERSION);
    assertThat(root.get("stack").asText()).as("stack").isEqualTo("java");
    assertThat(root.get("outcome").asText()).as("one scenario failed").isEqualTo("fail");
    assertThat(root.get("scenarios")).as("one entry per scenario").hasSize(2);
    for (JsonNode s : root.get("scenarios")) {
      assertThat(names(s)).as("scenario fields").containsExactly("name", "outcome", "passed",
          "seconds", "figures", "verdicts");
      s.get("figures").forEach(v -> assertThat(v.isNumber()).as("figure %s is a number", v)
          .isTrue());
    }
    JsonNode kill = root.get("scenarios").get(1);
    assertThat(kill.get("name").asText()).as("second scenario").isEqualTo("master LB killed");
    assertThat(kill.get("outcome").asText()).as("it failed").isEqualTo("fail");
    assertThat(names(kill.get("figures"))).as("the figures that apply to it, in order")
        .containsExactly("outage_s", "failed_requests", "detection_s");
    assertThat(kill.get("figures").get("failed_requests").isIntegralNumber())
        .as("a count is written as an integer").isTrue();
    JsonNode outage = kill.get("verdicts").get(0);
    assertThat(outage.get("sentence").asText()).contains("2.20 s");
    assertThat(outage.get("figure").asText()).isEqualTo("outage_s");
    assertThat(outage.at("/bound/seconds").doubleValue()).as("the bound").isEqualTo(1.5);
    assertThat(outage.at("/bound/derivation").asText()).isEqualTo("sample derivation of outage_s");
    assertThat(outage.at("/bound/tolerance/reason").asText()).isEqualTo("none");
  }

  @Test
  void realOutputValidatesAgainstTheSchemaAndABrokenFileDoesNot() throws Exception {
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SummaryJson.class.getResourceAsStream("summary-v2.schema.json"));
    JsonNode good = JSON.readTree(SummaryJson.toJson(Summary.of(Samples.run())));
    assertThat(schema.validate(good)).as("the sample run's summary").isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) good.get("scenarios").get(0))
        .put("outcome", "maybe");
    ((com.fasterxml.jackson.databind.node.ObjectNode) good).remove("tool");
    assertThat(schema.validate(good)).as("a bad outcome and no tool").hasSize(2);
  }

  @Test
  void whatIsWrittenReadsBackTheSame(@TempDir Path dir) throws Exception {
    Summary summary = Summary.of(Samples.run());
    assertThat(SummaryJson.read(SummaryJson.write(summary, dir))).as("round trip")
        .isEqualTo(summary);
  }

  @Test
  void aMissingFigureIsNotInventedAndNonFiniteBecomesNull() {
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("outage_s", Double.POSITIVE_INFINITY);
    String json = SummaryJson.toJson(new Summary("mixed", RunInfo.startedAt(Samples.START),
        List.of(new ScenarioSummary("x", true, figures))));
    assertThat(json.replaceAll("\\s", "")).as("non-finite has no JSON number")
        .contains("\"figures\":{\"outage_s\":null}");
  }

  @Test
  void theReaderSaysWhereTheFileIsWrong() {
    assertThatThrownBy(() -> SummaryJson.parse("{\"stack\":\"java\"}", "a.json"))
        .as("no scenarios").isInstanceOf(SummaryFormatException.class)
        .hasMessage("a.json: \"scenarios\" must be an array");
    assertThatThrownBy(() -> SummaryJson.parse(
        "{\"stack\":\"java\",\"scenarios\":[{\"name\":\"x\",\"passed\":\"yes\",\"figures\":{}}]}",
        "b.json")).as("passed as text").hasMessage("b.json: scenarios[0].passed must be true or false");
    assertThatThrownBy(() -> SummaryJson.parse(
        "{\"stack\":\"java\",\"scenarios\":[{\"name\":\"x\",\"passed\":true,"
            + "\"figures\":{\"outage_s\":\"2\"}}]}", "c.json"))
        .as("figure as text").hasMessage("c.json: scenarios[0].figures.outage_s must be a number");
    assertThatThrownBy(() -> SummaryJson.parse("{nope", "d.json")).as("not JSON")
        .hasMessageStartingWith("d.json: not JSON");
  }

  @Test
  void aVersion1FileStillReads() throws Exception {
    Summary s = SummaryJson.parse("{\"stack\":\"java\",\"scenarios\":[{\"name\":\"x\","
        + "\"passed\":true,\"figures\":{\"outage_s\":1.5}}]}", "v1.json");
    assertThat(s.passed()).isTrue();
    assertThat(s.info().toolVersion()).isEqualTo("unknown");
    assertThatThrownBy(() -> SummaryJson.parse("{\"schemaVersion\":3,\"stack\":\"java\","
        + "\"scenarios\":[]}", "v3.json")).hasMessageContaining("newer");
  }

  @Test
  void theReaderToleratesFieldsAddedLater() throws Exception {
    Summary s = SummaryJson.parse("{\"stack\":\"java\",\"version\":2,\"scenarios\":[{\"name\":"
        + "\"x\",\"passed\":false,\"figures\":{\"outage_s\":1.5},\"notes\":\"\"}]}", "e.json");
    assertThat(s.scenarios().getFirst().figures()).as("figures").containsEntry("outage_s", 1.5);
    assertThat(s.passed()).as("passed").isFalse();
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void fuzzJsonHasTheCountsByTarget(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    var fuzz = new lbchaos.report.model.FuzzReport(true, 1_000, java.time.Duration.ofMillis(2500),
        java.util.List.of(new lbchaos.report.model.FuzzReport.Target("haproxy-cfg", 1_000,
            java.util.Map.of("parsed", 10L, "error", 990L))));
    var json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(FuzzJson.write(fuzz, dir).toFile());
    assertThat(json.get("passed").asBoolean()).as("passed").isTrue();
    assertThat(json.get("cases").asLong()).as("cases").isEqualTo(1_000);
    assertThat(json.get("seconds").asDouble()).as("seconds").isEqualTo(2.5);
    assertThat(json.at("/targets/0/outcomes/error").asLong()).as("an outcome's count")
        .isEqualTo(990);
  }
}
