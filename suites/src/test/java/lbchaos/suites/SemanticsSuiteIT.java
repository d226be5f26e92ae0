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

  /**
   * The negative case of backup-server: the same servers without {@code backup} share the
   * rotation, and the scenario's key check (no answer from backend-2 while backend-1 is UP) fails
   * instead of passing vacuously.
   */
  @org.junit.jupiter.api.Test
  void backupServerFailsItsKeyCheckWhenTheServerIsNoBackup() {
    var scenario = lbchaos.harness.scenario.SemanticsScenarios.named("backup-server",
        ProbeSpec.DEFAULT).scenario();
    var r = new lbchaos.harness.scenario.ScenarioRunner(LabSpec.article(Stack.REFERENCE)
        .withSettings(lbchaos.harness.scenario.SemanticsScenarios.BACKUP_NEGATIVE), System.out,
        lbchaos.harness.scenario.ProbeWatcher.NONE).run(scenario);
    org.assertj.core.api.Assertions.assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("served-only-by")).first()
        .satisfies(v -> org.assertj.core.api.Assertions.assertThat(v.passed())
            .as("webserver-2 answered while backend-1 was UP: %s", v).isFalse());
  }
}
