package lbchaos.suites;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
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

  /**
   * -Dlbchaos.scenarios=a,b runs only those (all by default), each on the stacks
   * {@link StackSource#forScenario} gives it: verify's representative set unless the stacks are
   * named or -Dlbchaos.matrix=full asks for all three.
   */
  static Stream<Arguments> cases() {
    String only = System.getProperty("lbchaos.scenarios", "");
    java.util.Set<String> wanted = java.util.Set.of(only.split(","));
    List<SemanticsScenarios.Case> all = SemanticsScenarios.all(ProbeSpec.DEFAULT);
    return IntStream.range(0, all.size()).boxed()
        .flatMap(i -> StackSource.forScenario(i).map(stack -> Arguments.of(stack, all.get(i).name())))
        .filter(a -> only.isBlank() || wanted.contains((String) a.get()[1]))
        .sorted(Comparator.comparing(a -> (Stack) a.get()[0]));
  }

  @ParameterizedTest(name = "{1} on the {0} stack")
  @MethodSource("cases")
  void semantics(Stack stack, String name) throws IOException {
    SemanticsScenarios.Case c = SemanticsScenarios.all(ProbeSpec.DEFAULT).stream()
        .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    SuiteRun.runAndCheck(stack, LabSpec.article(stack).withSettings(c.settings()), c.scenario());
  }
}
