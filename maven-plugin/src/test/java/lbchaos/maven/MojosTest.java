package lbchaos.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.topology.LabNetwork;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both goals on input that must stop the build before anything starts; no container here. */
class MojosTest {

  static final Path EXAMPLE = Path.of("../examples/lb-project/lb");
  static final Path OWNER = Path.of("src/test/resources/owner");

  @TempDir Path dir;

  static <T extends ConfigsMojo> T configured(T mojo, Path lbDir, CapturedLog log) {
    mojo.keepalived = new ArrayList<>(List.of(lbDir.resolve("lb1.conf").toFile(),
        lbDir.resolve("lb2.conf").toFile()));
    mojo.haproxy = lbDir.resolve("haproxy.cfg").toFile();
    mojo.setLog(log);
    return mojo;
  }

  @Test
  void lintPassesTheExampleAndFailsOnAnError() {
    CapturedLog log = new CapturedLog();
    assertThatCode(() -> configured(new LintMojo(), EXAMPLE, log).execute())
        .as("the example's configs").doesNotThrowAnyException();
    assertThat(log.lines).as("the summary").contains("INFO lint: 0 finding(s), 0 error(s) over"
        + " 3 file(s)");
    CapturedLog owner = new CapturedLog();
    assertThatThrownBy(() -> configured(new LintMojo(), OWNER, owner).execute())
        .as("priority 255 with a track_script weight").isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("lint found 1 error(s)")
        .hasMessageContaining("lb1.conf:11: error: vrrp_instance WEB has priority 255");
    assertThat(owner.lines).as("logged as an error, file:line")
        .anyMatch(l -> l.startsWith("ERROR ") && l.contains("lb1.conf:11: error:"));
  }

  @Test
  void lintWarningsAreFileAndLineAndAMalformedFileFailsTheBuild() throws Exception {
    Path k = Files.writeString(dir.resolve("lb1.conf"), Files.readString(EXAMPLE.resolve(
        "lb1.conf")).replace("advert_int 1", "advert_int 1\n  no_such_keyword 3"));
    Files.copy(EXAMPLE.resolve("lb2.conf"), dir.resolve("lb2.conf"));
    Files.copy(EXAMPLE.resolve("haproxy.cfg"), dir.resolve("haproxy.cfg"));
    CapturedLog log = new CapturedLog();
    configured(new LintMojo(), dir, log).execute();
    assertThat(log.lines).as("a warning, file:line").anyMatch(l -> l.startsWith("WARN ")
        && l.contains("lb1.conf:18: warning:") && l.contains("no_such_keyword"));
    Files.writeString(dir.resolve("lb2.conf"), Files.readString(EXAMPLE.resolve("lb2.conf"))
        .replace("priority 100", "priority 300"));
    assertThatThrownBy(() -> configured(new LintMojo(), dir, new CapturedLog()).execute())
        .as("malformed").isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("lb2.conf:16: priority");
  }

  @Test
  void checkRefusesBadInputBeforeAnythingStarts() throws Exception {
    Files.copy(EXAMPLE.resolve("lb1.conf"), dir.resolve("lb1.conf"));
    Files.writeString(dir.resolve("lb2.conf"), Files.readString(EXAMPLE.resolve("lb2.conf"))
        .replace("priority 100", "priority 300"));
    Files.copy(EXAMPLE.resolve("haproxy.cfg"), dir.resolve("haproxy.cfg"));
    CheckMojo bad = configured(new CheckMojo(), dir, new CapturedLog());
    bad.reportDirectory = dir.resolve("report").toFile();
    assertThatThrownBy(bad::execute).as("a malformed config").isInstanceOf(
        MojoFailureException.class).hasMessageContaining("lb2.conf:16: priority");
    CheckMojo unknown = configured(new CheckMojo(), EXAMPLE, new CapturedLog());
    unknown.scenarios = List.of("split-brain-forever");
    assertThatThrownBy(unknown::execute).as("an unknown scenario")
        .isInstanceOf(MojoFailureException.class).hasMessageContaining("unknown scenario");
    CheckMojo semantics = configured(new CheckMojo(), EXAMPLE, new CapturedLog());
    semantics.scenarios = List.of("nopreempt");
    assertThatThrownBy(semantics::execute).as("a scenario with its own configs")
        .isInstanceOf(MojoFailureException.class).hasMessageContaining("nopreempt");
    CheckMojo stack = configured(new CheckMojo(), EXAMPLE, new CapturedLog());
    stack.stacks = List.of("nginx");
    assertThatThrownBy(stack::execute).as("an unknown stack")
        .isInstanceOf(MojoFailureException.class).hasMessageContaining("unknown stack 'nginx'");
    CheckMojo image = configured(new CheckMojo(), EXAMPLE, new CapturedLog());
    image.webserverImage = "my/app:1";
    image.scenarios = List.of("round-robin");
    assertThatThrownBy(image::execute).as("round-robin on an image not naming itself")
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("tells the webservers apart");
    assertThat(dir.resolve("report")).as("nothing written").doesNotExist();
  }

  /**
   * A line the java agent does not implement: lint lists it under the java stack's heading
   * without failing (the reference stack runs it); check on the java stack stops before anything
   * starts, as bad input, with file:line; on the reference stack it is not refused.
   */
  @Test
  void aLineTheJavaAgentDoesNotImplementIsListedByLintAndRefusedByCheckOnJava()
      throws Exception {
    Files.writeString(dir.resolve("lb1.conf"), Files.readString(EXAMPLE.resolve("lb1.conf"))
        .replace("advert_int 1", "advert_int 1\n  track_file {\n    f1\n  }"));
    Files.copy(EXAMPLE.resolve("lb2.conf"), dir.resolve("lb2.conf"));
    Files.copy(EXAMPLE.resolve("haproxy.cfg"), dir.resolve("haproxy.cfg"));
    Files.copy(EXAMPLE.resolve("check_haproxy.sh"), dir.resolve("check_haproxy.sh"));
    CapturedLog log = new CapturedLog();
    assertThatCode(() -> configured(new LintMojo(), dir, log).execute())
        .as("lint does not fail on it").doesNotThrowAnyException();
    assertThat(log.lines).as("listed under the java stack's heading, file:line")
        .anyMatch(l -> l.contains("java stack: refused"))
        .anyMatch(l -> l.contains("lb1.conf:18:") && l.contains("track_file"));
    CheckMojo java = configured(new CheckMojo(), dir, new CapturedLog());
    java.stacks = List.of("reference", "java");
    java.reportDirectory = dir.resolve("report").toFile();
    assertThatThrownBy(java::execute).as("check on the java stack")
        .isInstanceOf(MojoFailureException.class).hasMessageContaining("lb1.conf:18:")
        .hasMessageContaining("the java agent does not implement");
    assertThat(dir.resolve("report")).as("nothing written, the reference stack not run either")
        .doesNotExist();
  }

  @Test
  void skipSkipsBothGoals() throws Exception {
    CapturedLog log = new CapturedLog();
    CheckMojo check = new CheckMojo();
    check.skip = true;
    check.setLog(log);
    check.execute();
    LintMojo lint = new LintMojo();
    lint.skip = true;
    lint.setLog(log);
    lint.execute();
    assertThat(log.lines).as("said, nothing read").containsExactly(
        "INFO lbchaos: check skipped (lbchaos.skip)", "INFO lbchaos: lint skipped (lbchaos.skip)");
  }

  @Test
  void noEngineOrAHarnessFailureIsAnExecutionErrorNamingTheCause() {
    MojoExecutionException none = CheckMojo.noVerdict(new IllegalStateException("start failed",
        new Docker.Unavailable("no Docker engine answers at /var/run/docker.sock", null)));
    assertThat(none).as("no engine").hasMessageContaining("could not run")
        .hasMessageContaining("no Docker engine answers at /var/run/docker.sock");
    MojoExecutionException other = CheckMojo.noVerdict(new IllegalStateException("observer"
        + " exited"));
    assertThat(other).as("the harness's own failure").hasMessageContaining("harness failed")
        .hasMessageContaining("observer exited");
    assertThat(LabNetwork.SubnetInUse.class).as("a subnet in use is mapped too")
        .isAssignableTo(RuntimeException.class);
  }

  @Test
  void harnessOutputGoesToMavensLogLineByLine() {
    List<String> lines = new ArrayList<>();
    try (PrintStream out = LogStream.of(lines::add)) {
      out.print("lbchaos run: 2 LBs");
      out.println(" sharing a VIP");
      out.printf("  PASS round-robin%n  ok   failed-requests%n");
      out.print("no newline yet");
    }
    assertThat(lines).as("whole lines, the last one on close").containsExactly(
        "lbchaos run: 2 LBs sharing a VIP", "  PASS round-robin", "  ok   failed-requests",
        "no newline yet");
  }

  @Test
  void theExampleDependsOnThisVersion() throws Exception {
    String version = System.getProperty("lbchaos.version");
    assertThat(version).as("-Dlbchaos.version from the pom").isNotBlank();
    for (String pom : List.of("../examples/lb-project/pom.xml",
        "../examples/lb-project-failing/pom.xml")) {
      assertThat(Files.readString(Path.of(pom))).as(pom)
          .contains("<lbchaos.version>" + version + "</lbchaos.version>");
    }
    assertThat(new File("../examples/lb-project/lb/check_haproxy.sh").canExecute())
        .as("the check script is executable, as keepalived needs").isTrue();
  }
}
