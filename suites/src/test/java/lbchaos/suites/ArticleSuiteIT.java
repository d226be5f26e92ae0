package lbchaos.suites;

import java.io.IOException;
import java.util.stream.Stream;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.scenario.ArticleScenarios;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Scenario;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The article's three tests on each stack, every bound computed from the config. The figures of
 * each run and its history are written under target/lbchaos-figures for the reports.
 *
 * <p>A stack's tests share its topology while each leaves it as it found it: round-robin
 * injects nothing, backend-down heals webserver-1 and waits until every proxy has it UP again,
 * and master-down, which kills the master for good, comes last. Each test still begins with
 * the ready wait (the VIP on one LB, every webserver answering through it), and its history,
 * checks and evidence are its own from its start ({@link Session#nextTest}), opened with who
 * held the VIP then, so that master-down's single-holder check sees the gap after the master's
 * removal as on a fresh topology. A test that did not pass, or left a fault active, closes the
 * topology: the next starts a fresh one. Two topology starts fewer per stack (about 10 s each
 * on two busy cores; #22 asks the suite to take at most 45 s per stack).
 */
class ArticleSuiteIT {

  /** The current stack's topology, while its tests leave it as they found it. */
  private static Session shared;
  private static Stack sharedStack;

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
    SuiteRun.inThisShard(stack, name);
    Session session = sessionOf(stack);
    boolean reusable = false;
    try {
      ScenarioResult r = SuiteRun.runAndCheckIn(stack, session, scenario);
      reusable = r.passed() && r.error() == null && !session.nemesis().anyActive();
    } finally {
      if (!reusable) {
        closeShared();
      }
    }
  }

  /** The stack's shared topology, started if there is none (or it was another stack's). */
  private static Session sessionOf(Stack stack) {
    if (shared != null && sharedStack != stack) {
      closeShared();
    }
    if (shared == null) {
      shared = Session.start(LabSpec.article(stack), System.out, ProbeWatcher.NONE);
      sharedStack = stack;
    }
    return shared;
  }

  /**
   * Closed in the background: nothing waits on a topology that is done with (its evidence is
   * written, its logs taken), and its removal, 2-3 s on a busy engine, overlaps the next
   * topology's start. The JVM's exit waits for it (Lab's shutdown hook); a run killed meanwhile
   * leaves what the next run's sweep removes.
   */
  @AfterAll
  static void closeShared() {
    if (shared != null) {
      Session s = shared;
      shared = null;
      sharedStack = null;
      Thread.ofPlatform().name("lbchaos-close-" + s.lab().run()).start(s::close);
    }
  }
}
