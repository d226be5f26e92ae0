package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import lbchaos.verdict.Outcome;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.judge.VerdictLines;
import java.util.List;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.shard.Shard;
import lbchaos.harness.scenario.Scenario;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;

/**
 * One scenario of a suite on a fresh topology: run it, attach what Allure shows (timeline, log,
 * history, container logs, figures), keep figures and evidence under target/lbchaos-figures
 * (checking that the saved evidence judges to the same verdicts), and assert every verdict.
 */
final class SuiteRun {

  private SuiteRun() {}

  static void runAndCheck(Stack stack, LabSpec spec, Scenario scenario) throws IOException {
    inThisShard(stack, scenario.name());
    check(stack, scenario, runAndAttach(stack, spec, scenario));
  }

  /**
   * As above, as the next test of {@code session}, a topology the tests before left as they
   * found it ({@link ScenarioRunner#runIn}: this test's history, checks and evidence are its
   * own, opened with who holds the VIP). Returns the result once every verdict passed.
   */
  static ScenarioResult runAndCheckIn(Stack stack, Session session, Scenario scenario)
      throws IOException {
    ScenarioResult r = attached(stack, session.lab().spec(),
        runner -> runner.runIn(session, scenario));
    check(stack, scenario, r);
    return r;
  }

  /** Keeps the figures and evidence, and asserts every verdict. */
  private static void check(Stack stack, Scenario scenario, ScenarioResult r) throws IOException {
    keep(stack, r);
    assertThat(r.verdicts()).as("verdicts of %s", scenario.name()).isNotEmpty();
    // Every verdict that did not pass, not just the first: a gate reports them all.
    String notPassed = VerdictLines.of(r.verdicts().stream().filter(v -> !v.passed()).toList());
    if (r.outcome() == Outcome.UNKNOWN) {
      // Not an assertion: JUnit and Allure show it as broken, "the harness could not tell".
      throw new IllegalStateException(scenario.name() + " on " + stack + " has no verdict"
          + (r.error() == null ? "" : " (harness error: " + r.error() + ")") + ":\n"
          + notPassed);
    }
    assertThat(notPassed).as("%s on %s: verdicts that did not pass", scenario.name(), stack)
        .isEmpty();
  }

  /**
   * Runs the scenario on a fresh topology and attaches what Allure shows; asserts nothing (a
   * negative case asserts what it expects of the result).
   */
  static ScenarioResult runAndAttach(Stack stack, LabSpec spec, Scenario scenario) {
    return attached(stack, spec, runner -> runner.run(scenario));
  }

  /** What {@code run} gets from a runner on {@code spec}, with the Allure attachments. */
  private static ScenarioResult attached(Stack stack, LabSpec spec,
      java.util.function.Function<ScenarioRunner, ScenarioResult> run) {
    var logs = new AtomicReference<Map<String, String>>(Map.of());
    ScenarioResult r = run.apply(new ScenarioRunner(spec, System.out, ProbeWatcher.NONE)
        .afterEach((res, session) -> logs.set(session.containerLogs())));
    AllureScenario.attach(stack.label(), r, logs.get());
    return r;
  }

  /**
   * With {@code -Dlbchaos.shard=I/N}, a cell of another shard is skipped (it runs on another
   * machine); the universe is every registered scenario on every stack, the same everywhere.
   */
  static void inThisShard(Stack stack, String scenario) {
    Shard shard = Shard.fromSystemProperty();
    if (shard.count() == 1) {
      return;
    }
    List<Shard.Cell> all = new java.util.ArrayList<>();
    for (Stack st : Stack.values()) {
      ScenarioRegistry.all().forEach(e -> all.add(new Shard.Cell(e.name(),
          st.label())));
    }
    Shard.Cell cell = new Shard.Cell(scenario, stack.label());
    org.junit.jupiter.api.Assumptions.assumeTrue(shard.contains(all, cell),
        () -> cell + " runs in another shard than " + shard);
  }

  /** Figures and history per run, for reports and for comparing with DESIGN.md's numbers. */
  static void keep(Stack stack, ScenarioResult r) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "lbchaos-figures",
        stack.label()));
    Path file = dir.resolve("history-" + r.name() + ".json");
    EvidenceJson.write(r.evidence(), file);
    // The saved evidence must give the same verdicts when judged again (lbchaos check).
    assertThat(VerdictLines.of(Judge.judge(EvidenceJson.read(file))))
        .as("%s judged again from %s", r.name(), file).isEqualTo(VerdictLines.of(r.verdicts()));
    StringBuilder figures = new StringBuilder();
    r.verdicts().forEach(v -> v.figures().forEach((k, val) ->
        figures.append(v.name()).append('.').append(k).append('=').append(val).append('\n')));
    Files.writeString(dir.resolve(r.name() + ".properties"), figures);
  }
}
