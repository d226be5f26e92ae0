package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.project.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's time from Surefire/Failsafe reports: per module, per class, per stack. */
class GateTimesTest {

  static final String SUITE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuite name="lbchaos.suites.ArticleSuiteIT" time="61.5" tests="4">
        <testcase name="articleTest(Stack, String) round-robin on the REFERENCE stack" classname="lbchaos.suites.ArticleSuiteIT" time="9.5"/>
        <testcase name="articleTest(Stack, String) master-down on the REFERENCE stack" classname="lbchaos.suites.ArticleSuiteIT" time="20.0"/>
        <testcase name="articleTest(Stack, String) round-robin on the JAVA stack" classname="lbchaos.suites.ArticleSuiteIT" time="12.0"/>
        <testcase name="articleTest(Stack, String) master-down on the JAVA stack" classname="lbchaos.suites.ArticleSuiteIT" time="20.0"/>
        <testcase name="articleTest(Stack, String) graceful-stop on the MIXED stack" classname="lbchaos.suites.ArticleSuiteIT" time="3.0">
          <skipped message="no engine"/>
        </testcase>
      </testsuite>
      """;

  static final String UNIT = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuite name="lbchaos.vrrp.packet.AdvertTest" time="0.4" tests="2">
        <testcase name="parses()" classname="lbchaos.vrrp.packet.AdvertTest" time="0.25"/>
        <testcase name="checksum()" classname="lbchaos.vrrp.packet.AdvertTest" time="0.15"/>
      </testsuite>
      """;

  @TempDir Path root;

  List<TestReports.Case> project() throws Exception {
    Path safe = Files.createDirectories(root.resolve("suites/target/failsafe-reports"));
    Path sure = Files.createDirectories(root.resolve("agents/target/surefire-reports"));
    Files.writeString(safe.resolve("TEST-lbchaos.suites.ArticleSuiteIT.xml"), SUITE);
    Files.writeString(sure.resolve("TEST-lbchaos.vrrp.packet.AdvertTest.xml"), UNIT);
    List<TestReports.Case> cases = new ArrayList<>();
    for (Path f : TestReports.files(root, Instant.MIN)) {
      cases.addAll(TestReports.read(f));
    }
    return cases;
  }

  static double figure(List<Measurement> rows, String name, String stack) {
    return rows.stream().filter(m -> m.name().equals(name) && m.stack().equals(stack))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + name + " " + stack)).p50();
  }

  @Test
  void casesKnowTheirModuleAndWhetherTheyRan() throws Exception {
    List<TestReports.Case> cases = project();
    assertThat(cases).extracting(TestReports.Case::module).containsOnly("agents", "suites");
    assertThat(cases).filteredOn(c -> c.skipped() != null).singleElement()
        .extracting(TestReports.Case::name).asString().endsWith("graceful-stop on the MIXED stack");
    assertThat(TestReports.read(new ByteArrayInputStream(UNIT.getBytes(StandardCharsets.UTF_8)),
        "")).extracting(TestReports.Case::seconds).containsExactly(0.25, 0.15);
  }

  @Test
  void secondsPerModuleClassAndStackLeaveOutSkippedCases() throws Exception {
    List<Measurement> rows = GateTimes.rows(project());
    assertThat(figure(rows, "gate module suites tests_s", "harness")).isCloseTo(61.5, within(1e-9));
    assertThat(figure(rows, "gate module agents tests_s", "harness")).isCloseTo(0.4, within(1e-9));
    assertThat(figure(rows, "gate class ArticleSuiteIT tests_s", "harness"))
        .isCloseTo(61.5, within(1e-9));
    assertThat(rows).as("AdvertTest takes under a second: no row of its own").noneMatch(m ->
        m.name().contains("AdvertTest"));
    assertThat(figure(rows, "gate classes under 1 s tests_s", "harness"))
        .isCloseTo(0.4, within(1e-9));
    assertThat(figure(rows, "gate ArticleSuiteIT stack_s", "reference"))
        .isCloseTo(29.5, within(1e-9));
    assertThat(figure(rows, "gate ArticleSuiteIT stack_s", "java")).isCloseTo(32.0, within(1e-9));
    assertThat(rows).as("the skipped mixed case gives no row")
        .noneMatch(m -> m.stack().equals("mixed"));
    assertThat(rows).filteredOn(m -> m.stack().equals("java")).singleElement()
        .extracting(Measurement::ratio).isEqualTo(32.0 / 29.5);
  }

  @Test
  void stacksThatRanDifferentCasesAreNotCompared() throws Exception {
    List<TestReports.Case> cases = new ArrayList<>(project());
    cases.add(new TestReports.Case("suites", "lbchaos.suites.ArticleSuiteIT",
        "articleTest(Stack, String) graceful-stop on the JAVA stack", 5.0, null));
    List<Measurement> rows = GateTimes.rows(cases);
    assertThat(figure(rows, "gate ArticleSuiteIT 3 cases stack_s", "java"))
        .isCloseTo(37.0, within(1e-9));
    assertThat(figure(rows, "gate ArticleSuiteIT 2 cases stack_s", "reference"))
        .isCloseTo(29.5, within(1e-9));
    assertThat(rows).as("no java/reference ratio between 3 cases and 2")
        .allSatisfy(m -> assertThat(m.ratio()).isNull());
  }

  @Test
  void aStackIsNamedByItsLabel() {
    assertThat(GateTimes.label("REFERENCE_13")).isEqualTo("reference-13");
    assertThat(GateTimes.label("JAVA")).isEqualTo("java");
    assertThat(GateTimes.label("java")).isEqualTo("java");
  }

  @Test
  void theArticleSuiteTargetReadsTheJavaStacksRow() throws Exception {
    List<Targets.Result> results = Targets.check(GateTimes.rows(project()));
    assertThat(results).filteredOn(r -> r.target().figure().equals("ArticleSuiteIT stack_s"))
        .singleElement().satisfies(r -> assertThat(r.met()).isTrue());
    // Over 45 s on java: missed.
    String slow = SUITE.replace("time=\"12.0\"", "time=\"30.0\"");
    Files.writeString(root.resolve("suites/target/failsafe-reports/"
        + "TEST-lbchaos.suites.ArticleSuiteIT.xml"), slow);
    List<TestReports.Case> cases = new ArrayList<>();
    for (Path f : TestReports.files(root, Instant.MIN)) {
      cases.addAll(TestReports.read(f));
    }
    assertThat(Targets.check(GateTimes.rows(cases)))
        .filteredOn(r -> r.target().figure().equals("ArticleSuiteIT stack_s")).singleElement()
        .satisfies(r -> assertThat(r.met()).as("50 s on java against 45").isFalse());
  }
}
