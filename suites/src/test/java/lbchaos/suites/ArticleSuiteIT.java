package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import lbchaos.harness.check.Verdict;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.history.HistoryJson;
import lbchaos.harness.scenario.ArticleScenarios;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.Scenario;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.scenario.ProbeWatcher;
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
    return StackSource.stacks().flatMap(stack ->
        ArticleScenarios.all(LbSettings.ARTICLE, ProbeSpec.DEFAULT).stream()
            .map(s -> Arguments.of(stack, s.name())));
  }

  @ParameterizedTest(name = "{1} on the {0} stack")
  @MethodSource("cases")
  void articleTest(Stack stack, String name) throws IOException {
    Scenario scenario = ArticleScenarios.all(LbSettings.ARTICLE, ProbeSpec.DEFAULT).stream()
        .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    var logs = new java.util.concurrent.atomic.AtomicReference<java.util.Map<String, String>>(
        java.util.Map.of());
    ScenarioResult r = new ScenarioRunner(LabSpec.article(stack), System.out, ProbeWatcher.NONE)
        .afterEach((res, session) -> logs.set(session.containerLogs()))
        .run(scenario);
    AllureScenario.attach(stack.name().toLowerCase(), r, logs.get());
    keep(stack, r);
    assertThat(r.error()).as("%s ran to the end", name).isNull();
    assertThat(r.verdicts()).as("verdicts of %s", name).isNotEmpty();
    for (Verdict v : r.verdicts()) {
      assertThat(v.valid()).as("%s on %s: %s", v.name(), stack, v.sentence()).isTrue();
    }
  }

  /** Figures and history per run, for reports and for comparing with DESIGN.md's numbers. */
  static void keep(Stack stack, ScenarioResult r) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "lbchaos-figures", stack.name().toLowerCase()));
    HistoryJson.writeArray(r.history(), dir.resolve(r.name() + "-history.json"));
    StringBuilder figures = new StringBuilder();
    r.verdicts().forEach(v -> v.figures().forEach((k, val) ->
        figures.append(v.name()).append('.').append(k).append('=').append(val).append('\n')));
    Files.writeString(dir.resolve(r.name() + ".properties"), figures);
  }
}
