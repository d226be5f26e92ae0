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

  static final String TRACK_INTERFACE = "    track_interface {\n        eth1\n    }\n";

  /** lb2's config with track_interface inside the instance, at line 20. */
  Path lb2TrackingAnInterface() throws Exception {
    return Files.writeString(dir.resolve("lb2.conf"), Files.readString(Path.of(LB2))
        .replace("    priority 254\n", "    priority 254\n" + TRACK_INTERFACE));
  }

  @Test
  void theJavaStackRefusesAKeywordTheAgentDoesNotImplement() throws Exception {
    Path lb2 = lb2TrackingAnInterface();
    assertThat(run("run", "--stack", "java", "--keepalived", LB1, "--keepalived", lb2.toString(),
        "--haproxy", HAPROXY, "--script", SCRIPT_CHECK,
        "--script", SCRIPT_NOTIFY, "--report", dir.resolve("r").toString())).as("exit code")
        .isEqualTo(2);
    assertThat(err.toString()).as("file:line, what and what to do")
        .contains(lb2 + ":20: the java agent does not implement track_interface")
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
        .contains(lb2 + ":20: the java agent does not implement track_interface");
    assertThat(dir.resolve("r")).as("no report written").doesNotExist();
  }

  @Test
  void aServerOffTheVipsNetworkIsExit2() throws Exception {
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(Path.of(HAPROXY))
        .replace("192.168.122.112", "example.org"));
    assertThat(run("run", "--keepalived", LB1, "--keepalived", LB2, "--haproxy", h.toString()))
        .as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("file:line and why").contains("haproxy.cfg:20:")
        .contains("not an IPv4 address");
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

  /** In a subprocess: DOCKER_HOST is read from the environment. */
  @Test
  void noEngineIsExit3WithWhatToDo() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Cli.class.getName(),
        "run", "--keepalived", LB1, "--keepalived", LB2, "--haproxy", HAPROXY,
        "--report", dir.resolve("r").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
    // No TESTCONTAINERS_* variables: the CLI must need none.
    for (String name : List.copyOf(pb.environment().keySet())) {
      if (name.startsWith("TESTCONTAINERS_")) {
        pb.environment().remove(name);
      }
    }
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ends").isTrue();
    String text = Files.readString(dir.resolve("out.txt"));
    assertThat(p.exitValue()).as("exit code; output: %s", text).isEqualTo(3);
    assertThat(text).as("what is wrong").contains("no Docker engine answers")
        .contains("/nonexistent/docker.sock");
    assertThat(text).as("nothing started").doesNotContain("run ").doesNotContain("building");
    assertThat(text).as("what to do about it")
        .contains("Start one there, or change or remove DOCKER_HOST");
    assertThat(text.lines().filter(l -> l.contains("no Docker engine answers")))
        .as("said once, not once per scenario").hasSize(1);
    // The missing engine ends the run at its first container: no summary, no report directory.
    assertThat(text).as("no summary printed").doesNotContain("report: ");
    assertThat(dir.resolve("r")).as("no report written").doesNotExist();
  }
}
