package lbchaos.harness.junit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.project.NotPassed;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import lbchaos.verdict.Outcome;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Scenarios as dynamic tests, on the topology the class's {@link LbChaos} declares: a
 * {@code @TestFactory} method takes it as a parameter and returns
 * {@code lbchaos.scenarios(...)}. Each scenario and stack is one test on a fresh topology (a
 * fault must not leak into the next), named {@code "round-robin on reference"}; it passes when
 * every check passed, fails with an {@link AssertionFailedError} listing every verdict that did
 * not pass when a check failed, and with a {@link NoVerdictException} (an error, not a failed
 * assertion) when the harness could not tell. Its evidence goes to
 * {@code target/lbchaos-histories/<class>/history-<scenario>-<stack>.json}, which
 * {@code lbchaos check} judges again.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> failover(LbChaosTests lbchaos) {
 *   return lbchaos.scenarios(List.of(Stack.REFERENCE, Stack.JAVA), List.of("master-down"));
 * }
 * }</pre>
 */
public final class LbChaosTests {

  private final Class<?> testClass;
  private final Declared declared;
  private final PrintStream out;

  LbChaosTests(Class<?> testClass, Declared declared, PrintStream out) {
    this.testClass = testClass;
    this.declared = declared;
    this.out = out;
  }

  /** These scenarios (none: the article's three, or those the webserver image allows) on the annotation's stack. */
  public Stream<DynamicTest> scenarios(String... names) {
    return scenarios(List.of(declared.spec().stack()), List.of(names));
  }

  /** These scenarios on one stack. */
  public Stream<DynamicTest> scenarios(Stack stack, String... names) {
    return scenarios(List.of(stack), List.of(names));
  }

  /**
   * Every scenario on every stack, stack by stack. The names are checked before any test runs:
   * an unknown scenario, or one that cannot run on these configs or this webserver image, is an
   * {@link IllegalArgumentException} saying why.
   */
  public Stream<DynamicTest> scenarios(List<Stack> stacks, List<String> names) {
    if (stacks.isEmpty()) {
      throw new IllegalArgumentException("no stack to run on");
    }
    LabSpec base = declared.spec();
    List<ScenarioRegistry.Entry> entries;
    if (declared.configs() != null) {
      entries = declared.configs().scenarios(names, base.webserverImage());
    } else {
      entries = names.isEmpty() ? ScenarioRegistry.tagged(ScenarioRegistry.ARTICLE).stream()
          .filter(e -> e.refusal(base).isEmpty()).toList() : ScenarioRegistry.select(names);
      entries.forEach(e -> e.spec(base));
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Stack stack : stacks) {
      String st = stack.label();
      ScenarioRunner runner = new ScenarioRunner(base.withStack(stack), out, ProbeWatcher.NONE);
      for (ScenarioRunner.Planned p : ScenarioRegistry.plan(entries, runner, declared.bounds(),
          ProbeSpec.DEFAULT)) {
        String name = p.scenario().name();
        tests.add(DynamicTest.dynamicTest(name + " on " + st, () -> {
          ScenarioResult r = runner.runPlanned(List.of(p)).getFirst();
          write(r, historyFile(name, st));
          assertPassed(name + " on " + st, r);
        }));
      }
    }
    return tests.stream();
  }

  /**
   * Passes on a passed scenario; else throws with every verdict that did not pass: an
   * {@link AssertionFailedError} when a check failed, a {@link NoVerdictException} when none
   * failed but the outcome is unknown (a check could not decide, the harness failed).
   */
  static void assertPassed(String title, ScenarioResult r) {
    Outcome o = r.outcome();
    if (o == Outcome.PASS) {
      return;
    }
    StringBuilder why = new StringBuilder(title);
    why.append(o == Outcome.FAIL ? ": a check failed" : ": no verdict, the harness could not"
        + " tell whether your configs hold");
    NotPassed.lines(r).forEach(l -> why.append("\n    ").append(l));
    if (o == Outcome.FAIL) {
      throw new AssertionFailedError(why.toString());
    }
    throw new NoVerdictException(why.toString());
  }

  private Path historyFile(String scenario, String stack) {
    return LbChaosExtension.histories().resolve(testClass.getName())
        .resolve("history-" + scenario + "-" + stack + ".json");
  }

  private static void write(ScenarioResult r, Path file) {
    try {
      Files.createDirectories(file.getParent());
      EvidenceJson.write(r.evidence(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the history to " + file, e);
    }
  }
}
