package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import lbchaos.harness.cli.SkippedTests.Skipped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lbchaos skipped` on sample Surefire/Failsafe reports (src/test/resources/skipped). */
class SkippedTestsTest {

  static final String UNIT = "TEST-lbchaos.sample.SampleTest.xml";
  static final String IT = "TEST-lbchaos.sample.SampleIT.xml";

  static final List<String> ALL = List.of(
      "lbchaos.sample.DisabledIT: class lbchaos.sample.DisabledIT is @Disabled",
      "lbchaos.sample.SampleIT#multiLine: no chromium binary (looked at -Dlbchaos.chromium, PATH)",
      "lbchaos.sample.SampleIT#noReason: (no reason given)",
      "lbchaos.sample.SampleTest#assumes: Assumption failed: needs <root> & \"uid 0\"",
      "lbchaos.sample.SampleTest#disabledNoReason:"
          + " void lbchaos.sample.SampleTest.disabledNoReason() is @Disabled",
      "lbchaos.sample.SampleTest#disabledWithReason: not on this kernel",
      "lbchaos.sample.SampleTest#param(int)[2]: Assumption failed: only one",
      "lbchaos.sample.SampleTest$Inner#x: whole nested class");

  @TempDir Path root;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  static Path sample(String name) throws Exception {
    var url = SkippedTestsTest.class.getResource("/skipped/" + name);
    assertThat(url).as("test resource skipped/%s", name).isNotNull();
    return Path.of(url.toURI());
  }

  int run(String... args) {
    return Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  List<String> outLines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** root/agents (surefire) and root/suites (failsafe), as a reactor build leaves them. */
  Path[] project() throws Exception {
    Path sure = Files.createDirectories(root.resolve("agents/target/surefire-reports"));
    Path safe = Files.createDirectories(root.resolve("suites/target/failsafe-reports"));
    Files.createDirectories(root.resolve("agents/src/test/java"));
    Path unit = Files.copy(sample(UNIT), sure.resolve(UNIT));
    Files.writeString(sure.resolve("lbchaos.sample.SampleTest.txt"), "not a report");
    Files.writeString(sure.resolve("testng-results.xml"), "<skipped message='not ours'/>");
    Path it = Files.copy(sample(IT), safe.resolve(IT));
    return new Path[] {unit, it};
  }

  @Test
  void aSurefireReportGivesEachSkippedCaseWithItsReason() throws Exception {
    assertThat(SkippedTests.read(sample(UNIT))).as("skipped cases, in file order").containsExactly(
        new Skipped("lbchaos.sample.SampleTest", "assumes",
            "Assumption failed: needs <root> & \"uid 0\""),
        new Skipped("lbchaos.sample.SampleTest", "disabledNoReason",
            "void lbchaos.sample.SampleTest.disabledNoReason() is @Disabled"),
        new Skipped("lbchaos.sample.SampleTest", "param(int)[2]", "Assumption failed: only one"),
        new Skipped("lbchaos.sample.SampleTest", "disabledWithReason", "not on this kernel"),
        new Skipped("lbchaos.sample.SampleTest$Inner", "x", "whole nested class"));
  }

  @Test
  void noReasonMultiLineNoClassnameAndAWholeClass() throws Exception {
    assertThat(SkippedTests.read(sample(IT))).as("skipped cases; the pass and the error are not")
        .containsExactly(
            new Skipped("lbchaos.sample.SampleIT", "noReason", "(no reason given)"),
            new Skipped("lbchaos.sample.SampleIT", "multiLine",
                "no chromium binary (looked at -Dlbchaos.chromium, PATH)"),
            new Skipped("lbchaos.sample.DisabledIT", "",
                "class lbchaos.sample.DisabledIT is @Disabled"));
  }

  @Test
  void theCommandListsEveryModulesReportsSorted() throws Exception {
    project();
    assertThat(run("skipped", root.toString())).as("exit code; stderr: %s", err).isZero();
    assertThat(outLines()).as("header, then class#method: reason")
        .first().isEqualTo("skipped tests: 8 (in 2 report(s))");
    assertThat(outLines().subList(1, outLines().size())).as("every skipped case, sorted")
        .containsExactlyElementsOf(ALL);
  }

  @Test
  void aModuleOrAReportsDirectoryWorksToo() throws Exception {
    project();
    assertThat(run("skipped", root.resolve("suites").toString(),
        root.resolve("agents/target/surefire-reports").toString())).as("exit code").isZero();
    assertThat(outLines()).as("both reports").hasSize(1 + ALL.size())
        .first().isEqualTo("skipped tests: 8 (in 2 report(s))");
  }

  @Test
  void sinceLeavesOutReportsOfAnEarlierBuild() throws Exception {
    Path[] reports = project();
    Instant start = Instant.now().minusSeconds(5);
    Files.setLastModifiedTime(reports[1], FileTime.from(start.minusSeconds(3600)));
    assertThat(run("skipped", "--since", Long.toString(start.getEpochSecond()), root.toString()))
        .as("exit code").isZero();
    assertThat(outLines()).as("only this build's report")
        .containsExactly("skipped tests: 5 (in 1 report(s))",
            ALL.get(3), ALL.get(4), ALL.get(5), ALL.get(6), ALL.get(7));
  }

  @Test
  void nothingSkippedSaysSo() throws Exception {
    Path sure = Files.createDirectories(root.resolve("m/target/surefire-reports"));
    Files.writeString(sure.resolve("TEST-a.B.xml"),
        "<testsuite name='a.B'><testcase name='t' classname='a.B'/></testsuite>");
    assertThat(run("skipped", root.toString())).as("exit code").isZero();
    assertThat(outLines()).containsExactly("skipped tests: 0 (in 1 report(s))");
  }

  @Test
  void anUnreadableReportIsSaidAndTheListMarkedIncomplete() throws Exception {
    project();
    Path broken = root.resolve("agents/target/surefire-reports/TEST-half.Written.xml");
    Files.writeString(broken, "<testsuite name='half.Written'><testcase name='a'");
    assertThat(run("skipped", root.toString())).as("exit code: the list may be incomplete")
        .isEqualTo(Cli.NO_VERDICT);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("names the file")
        .contains("cannot read " + broken);
    assertThat(outLines()).as("the other reports still listed").containsAll(ALL);
  }

  @Test
  void aMissingDirectoryIsBadInputAndTheCommandIsHidden() {
    assertThat(run("skipped", root.resolve("nope").toString())).as("exit code").isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope: no such directory");
    out.reset();
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).as("not in the usage")
        .contains("lint").doesNotContain("skipped");
  }
}
