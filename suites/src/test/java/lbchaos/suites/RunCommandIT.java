package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lbchaos run` on the article's own files, as the article wrote them (interface enp1s0, which
 * the harness maps to the container's eth0): the topology comes from the configs, on the
 * article's subnet 192.168.122.0/24, with the article's scripts installed where the configs name
 * them. Then a failing check must fail the run.
 */
class RunCommandIT {

  /** The article's files, kept with the harness's unit tests (one copy). */
  static final Path ARTICLE = Path.of("..", "harness", "src", "test", "resources", "article");

  @TempDir Path dir;

  static List<String> args(String... more) {
    List<String> a = new ArrayList<>(List.of("run",
        "--keepalived", ARTICLE.resolve("keepalived-lb1.conf").toString(),
        "--keepalived", ARTICLE.resolve("keepalived-lb2.conf").toString(),
        "--haproxy", ARTICLE.resolve("haproxy.cfg").toString()));
    a.addAll(List.of(more));
    return a;
  }

  static int cli(List<String> args, ByteArrayOutputStream err) {
    return Cli.execute(System.out, new PrintStream(err, true), args.toArray(String[]::new));
  }

  /** Runs the CLI keeping what it prints (and still showing it). */
  static int cli(List<String> args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    int code = Cli.execute(new PrintStream(out, true), new PrintStream(err, true),
        args.toArray(String[]::new));
    System.out.print(out);
    return code;
  }

  /** The verdict block of each scenario as a run or `check` prints it ("    ok   name: ..."). */
  static List<String> verdictLines(String printed) {
    return printed.lines().filter(l -> l.matches("    (ok  |FAIL|\\?\\?  ) .*")).sorted()
        .toList();
  }

  @Test
  void theArticlesOwnConfigsPassTheArticlesThreeTests() throws Exception {
    Path report = dir.resolve("report");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = cli(args("--report", report.toString()), out, err);
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(code).as("exit code; stderr: %s; summary: %s", err, summary).isZero();
    var checked = new ByteArrayOutputStream();
    assertThat(cli(List.of("check", report.toString()), checked, err))
        .as("lbchaos check on the report folder; stderr: %s", err).isZero();
    assertThat(verdictLines(checked.toString())).as("check gives the run's verdicts again")
        .isNotEmpty().isEqualTo(verdictLines(out.toString()));
    assertThat(summary.get("stack").asText()).as("stack").isEqualTo("reference");
    var schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(
        com.networknt.schema.SpecificationVersion.DRAFT_2020_12).getSchema(
            lbchaos.report.summary.SummaryJson.class.getResourceAsStream("summary-v2.schema.json"));
    assertThat(schema.validate(summary)).as("summary.json against its schema").isEmpty();
    assertThat(summary.at("/tool/commit").asText()).as("the commit built from")
        .matches("[0-9a-f]{7,}(-dirty)?");
    assertThat(summary.at("/host/engine").asText()).as("engine version").isNotBlank();
    assertThat(summary.at("/daemons/keepalived").asText()).as("the LBs' keepalived")
        .startsWith("Keepalived v");
    assertThat(summary.at("/daemons/haproxy").asText()).startsWith("HAProxy version");
    List<String> names = new ArrayList<>();
    summary.get("scenarios").forEach(s -> {
      names.add(s.get("name").asText());
      assertThat(s.get("passed").asBoolean()).as("%s passed: %s", s.get("name"), s).isTrue();
    });
    assertThat(names).as("the article's three by default")
        .containsExactly("round-robin", "backend-down", "master-down");
    for (String n : names) {
      assertThat(report.resolve("history-" + n + ".json")).as("history of " + n).isNotEmptyFile();
    }
    String history = Files.readString(report.resolve("history-master-down.json"));
    assertThat(history).as("the VIP of the article's config, on its subnet")
        .contains("192.168.122.211");
    keepFigures("run-article", summary);
    io.qameta.allure.Allure.addAttachment("report", "text/html",
        Files.readString(report.resolve("index.html")), "html");
    io.qameta.allure.Allure.addAttachment("summary.json", "application/json",
        summary.toPrettyString(), "json");
  }

  /**
   * Two topologies at once (--parallel 2, the article's rendered topology, each on its own
   * subnet): both start before either ends, each one's output is printed whole, and the results
   * keep the order asked for. Their outcomes are not asserted: on two cores a timing check may
   * fail falsely at K=2, which is what the bench's suite row counts.
   */
  @Test
  void twoTopologiesAtOnceKeepTheirOutputWholeAndTheirOrder() throws Exception {
    Path report = dir.resolve("report");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = cli(List.of("run", "--stack", "java", "--scenario", "round-robin", "--scenario",
        "backend-down", "--parallel", "2", "--report", report.toString()), out, err);
    assertThat(code).as("exit code (0 or a false timing failure); stderr: %s", err).isIn(0, 1);
    List<String> lines = out.toString().lines().toList();
    int firstVerdict = indexOf(lines, "  PASS ", "  FAIL ", "  UNKNOWN ");
    assertThat(indexOf(lines, "[2/2] backend-down: started")).as("the second started")
        .isNotNegative().isLessThan(firstVerdict);
    for (String name : List.of("round-robin", "backend-down")) {
      String other = name.equals("round-robin") ? "backend-down" : "round-robin";
      int header = firstMatching(lines, "\\[\\d/2\\] " + name + ": (?!started$).*");
      int end = firstMatching(lines, "  (PASS|FAIL|UNKNOWN) " + name + " .*");
      assertThat(header).as("%s's header", name).isNotNegative().isLessThan(end);
      assertThat(lines.subList(header, end)).as("%s's output, whole", name).noneMatch(l ->
          l.matches("\\[\\d/2\\] " + other + ": .*|  (PASS|FAIL|UNKNOWN) " + other + " .*"));
    }
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    List<String> names = new ArrayList<>();
    summary.get("scenarios").forEach(s -> names.add(s.get("name").asText()));
    assertThat(names).as("results in the order asked for")
        .containsExactly("round-robin", "backend-down");
  }

  static int firstMatching(List<String> lines, String regex) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches(regex)) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(List<String> lines, String... prefixes) {
    for (int i = 0; i < lines.size(); i++) {
      for (String p : prefixes) {
        if (lines.get(i).startsWith(p)) {
          return i;
        }
      }
    }
    return -1;
  }

  @Test
  void anImpossibleBoundFailsTheRunWithExit1() throws Exception {
    Path report = dir.resolve("report");
    var err = new ByteArrayOutputStream();
    // A hundredth of every bound: the master-down outage (~2-3 s) cannot fit in ~0.04 s.
    int code = cli(args("--scenario", "master-down", "--bound-factor", "0.01", "--report",
        report.toString()), err);
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(code).as("exit code; stderr: %s; summary: %s", err, summary).isEqualTo(1);
    JsonNode s = summary.get("scenarios").get(0);
    assertThat(s.get("name").asText()).as("scenario").isEqualTo("master-down");
    assertThat(s.get("passed").asBoolean()).as("passed flag in summary.json").isFalse();
  }

  /**
   * A semantics scenario by name, without configs: it runs on the article's topology rendered
   * with its own settings (graceful-stop: priorities 254/253, fast checks).
   */
  @Test
  void aSemanticsScenarioRunsByNameOnItsOwnSettings() throws Exception {
    Path report = dir.resolve("report");
    var err = new ByteArrayOutputStream();
    int code = cli(List.of("run", "--scenario", "graceful-stop", "--report", report.toString()),
        err);
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(code).as("exit code; stderr: %s; summary: %s", err, summary).isZero();
    JsonNode s = summary.get("scenarios");
    assertThat(s).as("one scenario").hasSize(1);
    assertThat(s.get(0).get("name").asText()).as("scenario").isEqualTo("graceful-stop");
    assertThat(s.get(0).get("passed").asBoolean()).as("passed: %s", s.get(0)).isTrue();
    assertThat(Files.readString(report.resolve("history-graceful-stop.json")))
        .as("its own settings were rendered: the master advertised 254, not the article's 255")
        .contains("\"priority\":254").doesNotContain("\"priority\":255");
    keepFigures("run-graceful-stop", summary);
  }

  /**
   * The article's LB configs split over included files (see their keepalived.conf); the scripts
   * are the article's, given with --script.
   */
  static final Path SPLIT = Path.of("..", "harness", "src", "test", "resources", "article-split");

  /**
   * Configs split over included files run as the whole ones do, on the daemon and on the agent:
   * the instance and its script exist only in the included files, so a stack that did not read
   * them would have no VIP to fail over.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"reference", "java"})
  void configsSplitOverIncludesPassMasterDown(String stack) throws Exception {
    Path lb1 = SPLIT.resolve("lb1").resolve("keepalived.conf");
    Path lb2 = SPLIT.resolve("lb2").resolve("keepalived.conf");
    Path report = dir.resolve("report");
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = cli(List.of("run", "--stack", stack, "--keepalived", lb1.toString(),
        "--keepalived", lb2.toString(), "--haproxy", ARTICLE.resolve("haproxy.cfg").toString(),
        "--script", ARTICLE.resolve("check_apiserver.sh").toString(),
        "--script", ARTICLE.resolve("status_capture.sh").toString(),
        "--scenario", "master-down", "--report", report.toString()), out, err);
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(code).as("exit code; stderr: %s; summary: %s", err, summary).isZero();
    assertThat(out.toString() + err).as("the interface of the included instance file is mapped")
        .contains("conf.d/vi_1.conf:1: vrrp_instance VI_1: interface enp1s0 mapped");
    assertThat(Files.readString(report.resolve("history-master-down.json")))
        .as("the VIP of the included instance").contains("192.168.122.211");
  }

  static void keepFigures(String name, JsonNode summary) throws Exception {
    Path d = Files.createDirectories(Path.of("target", "lbchaos-figures"));
    Files.writeString(d.resolve(name + "-summary.json"), summary.toPrettyString());
  }
}
