package lbchaos.suites;

import java.io.IOException;
import java.util.stream.Stream;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.scenario.ArticleScenarios;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.Scenario;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The article's three tests on each stack, every bound computed from the config. The figures of
 * each run and its history are written under target/lbchaos-figures for the reports.
 */
class ArticleSuiteIT {

  static Stream<Arguments> cases() {
    // Mixed: keepalived + haproxy on loadbalancer-1, our agents on loadbalancer-2, one VRID.
    return StackSource.stacks(StackSource.ALL).flatMap(stack ->
        ArticleScenarios.all(LbSettings.ARTICLE, ProbeSpec.DEFAULT).stream()
            .map(s -> Arguments.of(stack, s.name())));
  }

  @ParameterizedTest(name = "{1} on the {0} stack")
  @MethodSource("cases")
  void articleTest(Stack stack, String name) throws IOException {
    Scenario scenario = ArticleScenarios.all(LbSettings.ARTICLE, ProbeSpec.DEFAULT).stream()
        .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    SuiteRun.runAndCheck(stack, LabSpec.article(stack), scenario);
  }
}
