package lbchaos.suites;

import java.io.IOException;
import java.util.stream.Stream;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.SemanticsScenarios;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * keepalived's and haproxy's semantics on each stack, one scenario per behaviour, each on a fresh
 * topology rendered with the settings it needs; every bound from the config plus a stated
 * tolerance. Figures and histories go to target/lbchaos-figures like the article suite's.
 */
class SemanticsSuiteIT {

  /** -Dlbchaos.scenarios=a,b runs only those (all by default). */
  static Stream<Arguments> cases() {
    String only = System.getProperty("lbchaos.scenarios", "");
    java.util.Set<String> wanted = java.util.Set.of(only.split(","));
    return StackSource.stacks(StackSource.ALL).flatMap(stack -> SemanticsScenarios
        .all(ProbeSpec.DEFAULT).stream().filter(c -> only.isBlank() || wanted.contains(c.name()))
        .map(c -> Arguments.of(stack, c.name())));
  }

  @ParameterizedTest(name = "{1} on the {0} stack")
  @MethodSource("cases")
  void semantics(Stack stack, String name) throws IOException {
    SemanticsScenarios.Case c = SemanticsScenarios.all(ProbeSpec.DEFAULT).stream()
        .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    SuiteRun.runAndCheck(stack, LabSpec.article(stack).withSettings(c.settings()), c.scenario());
  }
}
