package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` and `nightly` on input that must fail before anything starts, and without an engine. */
class RunCommandTest {

  static final Path ARTICLE = Path.of("src/test/resources/article");
  static final String LB1 = ARTICLE.resolve("keepalived-lb1.conf").toString();
  static final String LB2 = ARTICLE.resolve("keepalived-lb2.conf").toString();
  static final String HAPROXY = ARTICLE.resolve("haproxy.cfg").toString();
  static final String SCRIPT_CHECK = ARTICLE.resolve("check_apiserver.sh").toString();
  static final String SCRIPT_NOTIFY = ARTICLE.resolve("status_capture.sh").toString();

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    PrintStream o = System.out;
    try {
      System.setOut(new PrintStream(out, true));
      return Cli.execute(new PrintStream(out, true), new PrintStream(err, true), args);
    } finally {
      System.setOut(o);
    }
  }

  @Test
  void aMalformedConfigIsFileAndLineAndExit2() throws Exception {
    Path bad = Files.writeString(dir.resolve("keepalived.conf"), Files.readString(Path.of(LB2))
        .replace("priority 254", "priority 300"));
    assertThat(run("run", "--keepalived", LB1, "--keepalived", bad.toString(), "--haproxy",
        HAPROXY, "--report", dir.resolve("r").toString())).as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("file:line").contains("keepalived.conf:19: priority");
    assertThat(dir.resolve("r")).as("nothing written").doesNotExist();
  }

  @Test
  void everyErrorOfAMalformedConfigIsFileAndLineInOnePass() throws Exception {
    // The case: a block left open at line 15 and priority banana at line 19.
    String text = Files.readString(Path.of(LB2)).replace("priority 254", "priority banana")
        .replaceFirst("(?s)\\n}\\s*$", "\n");
    Path bad = Files.writeString(dir.resolve("keepalived.conf"), text);
    assertThat(run("run", "--stack", "java", "--keepalived", LB1, "--keepalived", bad.toString(),
        "--haproxy", HAPROXY, "--report", dir.resolve("r").toString())).as("exit code")
        .isEqualTo(2);
    assertThat(err.toString().lines().toList()).as("both errors, one per line").containsSubsequence(
        bad + ":15: block opened here is never closed",
        bad + ":19: priority must be an integer, was 'banana'");
    assertThat(dir.resolve("r")).as("nothing written").doesNotExist();
  }

  static final String TRACK_FILE = "    track_file {\n        f1\n    }\n";

  /** lb2's config with track_file (refused) inside the instance, at line 20. */
  Path lb2TrackingAnInterface() throws Exception {
    return Files.writeString(dir.resolve("lb2.conf"), Files.readString(Path.of(LB2))
        .replace("    priority 254\n", "    priority 254\n" + TRACK_FILE));
  }

  @Test
  void theJavaStackRefusesAKeywordTheAgentDoesNotImplement() throws Exception {
    Path lb2 = lb2TrackingAnInterface();
    assertThat(run("run", "--stack", "java", "--keepalived", LB1, "--keepalived", lb2.toString(),
        "--haproxy", HAPROXY, "--script", SCRIPT_CHECK,
        "--script", SCRIPT_NOTIFY, "--report", dir.resolve("r").toString())).as("exit code")
        .isEqualTo(2);
    assertThat(err.toString()).as("file:line, what and what to do")
        .contains(lb2 + ":20: the java agent does not implement track_file")
        .contains("run --stack reference");
    assertThat(out.toString()).as("nothing started: no topology summary, no scenario")
        .doesNotContain("lbchaos run:").doesNotContain("report: ");
    assertThat(dir.resolve("r")).as("no report written").doesNotExist();
  }

  @Test
  void theMixedStackRefusesItOnAnLbThatRunsTheJavaAgent() throws Exception {
    // mixed: loadbalancer-1 runs keepalived, loadbalancer-2 the java agent.
    Path lb2 = lb2TrackingAnInterface();
    assertThat(run("run", "--stack", "mixed", "--keepalived", LB1, "--keepalived", lb2.toString(),
        "--haproxy", HAPROXY, "--script", SCRIPT_CHECK,
        "--script", SCRIPT_NOTIFY, "--report", dir.resolve("r").toString())).as("exit code")
        .isEqualTo(2);
    assertThat(err.toString()).as("file:line")
        .contains(lb2 + ":20: the java agent does not implement track_file");
    assertThat(dir.resolve("r")).as("no report written").doesNotExist();
  }

  /** The article's haproxy.cfg with a backup server that ramps up slowly, at line 22. */
  Path haproxySlowstart() throws Exception {
    return Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(Path.of(HAPROXY))
        + "  server backend-3 192.168.122.113:80 slowstart 30s check backup\n");
  }

  @Test
  void theJavaAndMixedStacksRefuseAHaproxyKeywordTheProxyAgentDoesNotImplement()
      throws Exception {
    Path h = haproxySlowstart();
    for (String stack : List.of("java", "mixed")) {
      err.reset();
      out.reset();
      assertThat(run("run", "--stack", stack, "--keepalived", LB1, "--keepalived", LB2,
          "--haproxy", h.toString(), "--script", SCRIPT_CHECK, "--script", SCRIPT_NOTIFY,
          "--report", dir.resolve("r").toString())).as("%s: exit code", stack).isEqualTo(2);
      assertThat(err.toString().lines().toList()).as("%s: once, file:line, what and why", stack)
          .containsOnlyOnce(h + ":22: the java agent does not implement server option slowstart"
              + " (haproxy then ramps the server's weight up after it comes UP; the agent gives"
              + " it its full weight at once); run --stack reference");
      assertThat(out.toString()).as("nothing started").doesNotContain("lbchaos run:");
      assertThat(dir.resolve("r")).as("no report written").doesNotExist();
    }
  }

  @Test
  void aServerOffTheVipsNetworkIsExit2() throws Exception {
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(Path.of(HAPROXY))
        .replace("192.168.122.112", "10.9.9.9"));
    assertThat(run("run", "--keepalived", LB1, "--keepalived", LB2, "--haproxy", h.toString()))
        .as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("file:line and why").contains("haproxy.cfg:20:")
        .contains("is outside the VIP's subnet");
  }

  @Test
  void usageErrorsAreExit2() {
    assertThat(run("run", "--keepalived", LB1)).as("no --haproxy").isEqualTo(2);
    assertThat(err.toString()).contains("--haproxy");
    assertThat(run("run", "--keepalived", LB1, "--keepalived", LB2, "--haproxy", HAPROXY,
        "--scenario", "split-brain-forever")).as("unknown scenario").isEqualTo(2);
    assertThat(err.toString()).contains("unknown scenario split-brain-forever");
    assertThat(run("nightly", "--stack", "nginx")).as("nightly, unknown stack").isEqualTo(2);
  }

  @Test
  void scenarioListPrintsTheRegistry() {
    assertThat(run("run", "--scenario", "list")).as("exit code").isZero();
    assertThat(out.toString()).as("the article's three").contains("round-robin")
        .contains("backend-down").contains("master-down");
    assertThat(out.toString().lines().filter(l -> l.startsWith("nopreempt ")))
        .as("nopreempt listed once, tagged").singleElement().asString().endsWith("[semantics]");
    assertThat(out.toString()).as("the semantics scenarios").contains("preempt-delay")
        .contains("split-brain").contains("lossy-backend");
  }

  @Test
  void aScenarioWithItsOwnSettingsCannotJudgeAUsersConfigs() {
    assertThat(run("run", "--keepalived", LB1, "--keepalived", LB2, "--haproxy", HAPROXY,
        "--scenario", "nopreempt", "--report", dir.resolve("r").toString()))
        .as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("why and what to do").contains("nopreempt")
        .contains("without --keepalived/--haproxy");
    assertThat(dir.resolve("r")).as("nothing written").doesNotExist();
    assertThat(run("run", "--scenario", "nopreempt", "--bound-factor", "0.5"))
        .as("a bound factor on a semantics scenario").isEqualTo(2);
    assertThat(run("run", "--haproxy", HAPROXY)).as("haproxy.cfg without keepalived.conf")
        .isEqualTo(2);
  }

  /** What the CLI printed (stdout and stderr together) and its exit code. */
  record Ran(int code, String output) {}

  /**
   * The CLI in a JVM of its own whose DOCKER_HOST names no engine (DOCKER_HOST is read from the
   * environment; user.home is a fresh folder, so no ~/.testcontainers.properties names another):
   * nothing these arguments could start can start.
   */
  Ran withoutEngine(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + Files.createTempDirectory(dir, "home"),
        "-cp", System.getProperty("java.class.path"), Cli.class.getName()));
    cmd.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "cli", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    pb.environment().put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
    // No TESTCONTAINERS_* variables: the CLI must need none.
    pb.environment().keySet().removeIf(name -> name.startsWith("TESTCONTAINERS_"));
    Process p = pb.start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI ends; %s", cmd).isTrue();
    } finally {
      p.destroyForcibly();
    }
    return new Ran(p.exitValue(), Files.readString(output));
  }

  @Test
  void noEngineIsExit3WithWhatToDo() throws Exception {
    Ran r = withoutEngine("run", "--keepalived", LB1, "--keepalived", LB2, "--haproxy", HAPROXY,
        "--report", dir.resolve("r").toString());
    String text = r.output();
    assertThat(r.code()).as("exit code; output: %s", text).isEqualTo(Cli.NO_ENVIRONMENT);
    assertThat(text).as("what is wrong").contains("no Docker engine answers")
        .contains("/nonexistent/docker.sock");
    assertThat(text).as("nothing started").doesNotContain("building");
    assertThat(text).as("what to do about it")
        .contains("Start one there, or change or remove DOCKER_HOST");
    assertThat(text.lines().filter(l -> l.contains("no Docker engine answers")))
        .as("said once, not once per scenario").hasSize(1);
    assertThat(text).as("stopped at the first of the article's three scenarios")
        .contains("[1/3] round-robin").doesNotContain("[2/3]");
    // The missing engine ends the run at its first container: no summary, no report directory.
    assertThat(text).as("no summary printed").doesNotContain("report: ");
    assertThat(dir.resolve("r")).as("no report written").doesNotExist();
  }

  /**
   * A shard that draws no cell (two shards, one scenario: it goes to the first) runs nothing,
   * needs no engine, passes, and still writes its report: summary.json and index.html, and a
   * JUnit file with no test case, so a CI job matrix can merge it like any other shard.
   */
  @Test
  void anEmptyShardWritesItsReportWithoutAnEngine() throws Exception {
    Ran first = withoutEngine("run", "--scenario", "round-robin", "--shard", "1/2", "--quiet",
        "--report", dir.resolve("r1").toString());
    assertThat(first.code()).as("shard 1/2 holds the cell and needs the engine; output: %s",
        first.output()).isEqualTo(Cli.NO_ENVIRONMENT);

    Path report = dir.resolve("r");
    Path junit = dir.resolve("junit.xml");
    Ran r = withoutEngine("run", "--scenario", "round-robin", "--shard", "2/2", "--quiet",
        "--report", report.toString(), "--junit", junit.toString());
    assertThat(r.code()).as("exit code; output: %s", r.output()).isEqualTo(Cli.OK);
    assertThat(r.output()).as("no engine needed").doesNotContain("no Docker engine answers");
    try (var files = Files.list(report)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .as("the report folder").contains("index.html", "summary.json")
          .noneMatch(f -> f.startsWith("history-"));
    }
    var summary = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(report.resolve("summary.json").toFile());
    assertThat(summary.get("scenarios")).as("no scenario in summary.json").isEmpty();
    assertThat(Files.readString(junit)).as("JUnit XML without a test case")
        .contains("tests=\"0\"").doesNotContain("<testcase");
  }

  /**
   * Bad values of the options checked before anything runs: exit 2 with the option and the value,
   * no report folder. Without an engine, so that a value let through could start nothing.
   */
  @Test
  void badOptionValuesAreExit2BeforeAnythingRuns() throws Exception {
    Path report = dir.resolve("r");
    String[][] cases = {
        {"--repeat", "0", "--repeat"},
        {"--parallel", "0", "--parallel"},
        {"--min-pass-rate", "1.5", "--min-pass-rate"},
        {"--shard", "3/2", "3/2"},
        {"--shard", "half", "half"},
        {"--bound-factor", "0", "--bound-factor"}};
    for (String[] c : cases) {
      Ran r = withoutEngine("run", "--scenario", "round-robin", "--report", report.toString(),
          c[0], c[1]);
      assertThat(r.code()).as("%s %s: exit code; output: %s", c[0], c[1], r.output())
          .isEqualTo(Cli.BAD_INPUT);
      assertThat(r.output()).as("%s %s: names what is wrong", c[0], c[1]).contains(c[2])
          .doesNotContain("[1/1]").doesNotContain("no Docker engine answers");
      assertThat(report).as("%s %s: no report folder", c[0], c[1]).doesNotExist();
    }
  }
}
