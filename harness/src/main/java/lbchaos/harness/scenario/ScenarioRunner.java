package lbchaos.harness.scenario;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.check.Checker;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.judge.VerdictLines;
import lbchaos.harness.topology.LabSpec;

/**
 * Runs scenarios, each on a fresh topology (a fault must not leak into the next test), and
 * keeps each one's history whatever happens.
 */
public final class ScenarioRunner {

  private final LabSpec spec;
  private final PrintStream out;
  private final ProbeWatcher probeWatcher;

  private final java.util.function.BiConsumer<ScenarioResult, Session> afterEach;

  public ScenarioRunner(LabSpec spec, PrintStream out, ProbeWatcher probeWatcher) {
    this(spec, out, probeWatcher, (r, s) -> { });
  }

  private ScenarioRunner(LabSpec spec, PrintStream out, ProbeWatcher probeWatcher,
      java.util.function.BiConsumer<ScenarioResult, Session> afterEach) {
    this.spec = spec;
    this.out = out;
    this.probeWatcher = probeWatcher;
    this.afterEach = afterEach;
  }

  /**
   * A runner that hands each result and its still-running session to {@code hook} before the
   * topology goes (test reports attach the containers' logs there).
   */
  public ScenarioRunner afterEach(java.util.function.BiConsumer<ScenarioResult, Session> hook) {
    return new ScenarioRunner(spec, out, probeWatcher, hook);
  }

  /** A scenario and the topology it runs on (its own settings, when it needs them). */
  public record Planned(LabSpec spec, Scenario scenario) {
    public Planned {
      java.util.Objects.requireNonNull(spec, "spec");
      java.util.Objects.requireNonNull(scenario, "scenario");
    }
  }

  /** The topology every scenario runs on unless planned on its own. */
  public LabSpec spec() {
    return spec;
  }

  public List<ScenarioResult> runAll(List<Scenario> scenarios) {
    return runPlanned(scenarios.stream().map(s -> new Planned(spec, s)).toList());
  }

  /** Runs each scenario on a fresh topology of its own spec, in order. */
  public List<ScenarioResult> runPlanned(List<Planned> plan) {
    List<ScenarioResult> results = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      Scenario s = plan.get(i).scenario();
      out.printf("%n[%d/%d] %s: %s%n", i + 1, plan.size(), s.name(), s.description());
      results.add(run(plan.get(i).spec(), s));
    }
    return results;
  }

  public ScenarioResult run(Scenario s) {
    return run(spec, s);
  }

  /**
   * Drives the scenario, then judges what it recorded: the scenario only drives and names the
   * checks that apply; the verdicts come from the {@link Judge}, as they would from a saved file.
   */
  private ScenarioResult run(LabSpec spec, Scenario s) {
    long t0 = System.nanoTime();
    Session session = Session.start(spec, out, probeWatcher);
    try (session) {
      List<Checker> checks = List.of();
      String error = null;
      try {
        checks = s.run(session);
      } catch (RuntimeException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      Evidence evidence = session.evidence(s.name(), s.description(), checks);
      ScenarioResult r = new ScenarioResult(evidence, Judge.judge(evidence), error);
      report(r, t0);
      afterEach.accept(r, session);
      return r;
    }
  }

  private void report(ScenarioResult r, long t0) {
    probeWatcher.flush();
    out.printf("%n  %s %s (%.1f s)%n", r.outcome(), r.name(), (System.nanoTime() - t0) / 1e9);
    out.print(VerdictLines.of(r.verdicts()));
    if (r.error() != null) {
      out.println("    harness error: " + r.error());
    }
  }
}
