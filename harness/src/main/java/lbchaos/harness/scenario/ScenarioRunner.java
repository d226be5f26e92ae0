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
  private final int repeat;

  public ScenarioRunner(LabSpec spec, PrintStream out, ProbeWatcher probeWatcher) {
    this(spec, out, probeWatcher, (r, s) -> { }, 1);
  }

  private ScenarioRunner(LabSpec spec, PrintStream out, ProbeWatcher probeWatcher,
      java.util.function.BiConsumer<ScenarioResult, Session> afterEach, int repeat) {
    this.spec = spec;
    this.out = out;
    this.probeWatcher = probeWatcher;
    this.afterEach = afterEach;
    this.repeat = repeat;
  }

  /**
   * A runner that hands each result and its still-running session to {@code hook} before the
   * topology goes (test reports attach the containers' logs there).
   */
  public ScenarioRunner afterEach(java.util.function.BiConsumer<ScenarioResult, Session> hook) {
    return new ScenarioRunner(spec, out, probeWatcher, hook, repeat);
  }

  /**
   * A runner that runs each scenario {@code n} times, each on a fresh topology. Repetition k
   * (from 1) is named {@code name.k} in its evidence and report, so that each keeps its own
   * history file; {@code lbchaos.report.model.Repetition#base} gives the scenario's name back.
   */
  public ScenarioRunner repeat(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, got " + n);
    }
    return new ScenarioRunner(spec, out, probeWatcher, afterEach, n);
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
    int total = plan.size() * repeat;
    for (int i = 0; i < plan.size(); i++) {
      Scenario s = plan.get(i).scenario();
      for (int k = 1; k <= repeat; k++) {
        String name = repeat == 1 ? s.name() : lbchaos.report.model.Repetition.name(s.name(), k);
        out.printf("%n[%d/%d] %s: %s%n", i * repeat + k, total, name, s.description());
        results.add(run(plan.get(i).spec(), s, name));
      }
    }
    return results;
  }

  public ScenarioResult run(Scenario s) {
    return run(spec, s, s.name());
  }

  /** One more run of a planned scenario, under another name (nightly's rerun of a failure). */
  public ScenarioResult run(Planned p, String name) {
    out.printf("%n[again] %s: %s%n", name, p.scenario().description());
    return run(p.spec(), p.scenario(), name);
  }

  /**
   * Drives the scenario, then judges what it recorded: the scenario only drives and names the
   * checks that apply; the verdicts come from the {@link Judge}, as they would from a saved file.
   */
  private ScenarioResult run(LabSpec spec, Scenario s, String name) {
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
      Evidence evidence = session.evidence(name, s.description(), checks);
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
