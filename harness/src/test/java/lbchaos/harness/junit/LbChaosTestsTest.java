package lbchaos.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.topology.Stack;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The dynamic tests' names and how each ends; no container is started here. */
class LbChaosTestsTest {

  @LbChaos(keepalived = {"src/test/resources/article/keepalived-lb1.conf",
      "src/test/resources/article/keepalived-lb2.conf"},
      haproxy = "src/test/resources/article/haproxy.cfg")
  static class Configs {}

  @LbChaos(keepalived = {"src/test/resources/article/keepalived-lb1.conf",
      "src/test/resources/article/keepalived-lb2.conf"},
      haproxy = "src/test/resources/article/haproxy.cfg", webserverImage = "my/app:1")
  static class AppImage {}

  private static LbChaosTests tests(Class<?> c) {
    return new LbChaosTests(c, Declared.of(c), new PrintStream(PrintStream.nullOutputStream()));
  }

  private static ScenarioResult result(String error, Verdict... verdicts) {
    return new ScenarioResult(new Evidence("round-robin", "", "reference", Map.of(), Map.of(),
        Map.of(), List.of(), History.empty()), List.of(verdicts), error);
  }

  static final Verdict PASS = new Verdict("failed-requests", true, Map.of(), "0 failed requests");
  static final Verdict FAIL = new Verdict("round-robin", false, Map.of(),
      "12 of 40 answers break the alternation");
  static final Verdict UNKNOWN = Verdict.unknown("single-vip-holder", Map.of(),
      "the wire observer recorded nothing");

  @Test
  void oneTestPerScenarioAndStackNamedForBoth() {
    List<DynamicTest> t = tests(Configs.class).scenarios(List.of(Stack.REFERENCE, Stack.JAVA),
        List.of("round-robin", "master-down")).toList();
    assertThat(t).extracting(DynamicTest::getDisplayName).as("names, stack by stack")
        .containsExactly("round-robin on reference", "master-down on reference",
            "round-robin on java", "master-down on java");
    assertThat(tests(Configs.class).scenarios().toList()).extracting(DynamicTest::getDisplayName)
        .as("the article's three on the annotation's stack")
        .containsExactly("round-robin on reference", "backend-down on reference",
            "master-down on reference");
  }

  @Test
  void aScenarioThatCannotRunIsRefusedBeforeAnyTest() {
    assertThatThrownBy(() -> tests(Configs.class).scenarios("nopreempt"))
        .as("own settings on user configs").isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nopreempt");
    assertThatThrownBy(() -> tests(AppImage.class).scenarios("backend-down"))
        .as("an anonymous webserver image").isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tells the webservers apart");
    assertThat(tests(AppImage.class).scenarios().toList())
        .extracting(DynamicTest::getDisplayName).as("what it can run")
        .containsExactly("master-down on reference");
  }

  @Test
  void aFailedCheckFailsWithEveryVerdictThatDidNotPass() {
    assertThatThrownBy(() -> LbChaosTests.assertPassed("round-robin on reference",
        result(null, PASS, FAIL, UNKNOWN))).as("a failed check")
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("round-robin on reference: a check failed")
        .hasMessageContaining(FAIL.line()).hasMessageContaining(UNKNOWN.line())
        .hasMessageNotContaining(PASS.line());
  }

  @Test
  void noVerdictIsAnErrorNotAFailedAssertion() {
    assertThatThrownBy(() -> LbChaosTests.assertPassed("t", result(null, PASS, UNKNOWN)))
        .as("an unknown verdict").isInstanceOf(NoVerdictException.class)
        .isNotInstanceOf(AssertionError.class).hasMessageContaining("could not tell")
        .hasMessageContaining(UNKNOWN.line());
    assertThatThrownBy(() -> LbChaosTests.assertPassed("t", result("IllegalStateException:"
        + " webserver-1 did not answer"))).as("a harness error, nothing judged")
        .isInstanceOf(NoVerdictException.class).hasMessageContaining("no check was judged")
        .hasMessageContaining("harness error: IllegalStateException: webserver-1");
    assertThatCode(() -> LbChaosTests.assertPassed("t", result(null, PASS))).as("a pass")
        .doesNotThrowAnyException();
  }
}
