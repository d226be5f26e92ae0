package lbchaos.harness.scenario;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lbchaos.harness.check.Checker;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.judge.VerdictLines;
import lbchaos.harness.topology.LabSpec;

/**
 * Runs scenarios, each on a fresh topology (a fault must not leak into the next test), or in a
 * session earlier tests left as they found it ({@link #runIn}), and keeps each one's history
 * whatever happens.
 */
public final class ScenarioRunner {

  private final LabSpec spec;
  private final PrintStream out;
  private final ProbeWatcher probeWatcher;

  private final java.util.function.BiConsumer<ScenarioResult, Session> afterEach;
  private final int repeat;
  private final int parallel;

  public ScenarioRunner(LabSpec spec, PrintStream out, ProbeWatcher probeWatcher) {
    this(spec, out, probeWatcher, (r, s) -> { }, 1, 1);
  }

  private ScenarioRunner(LabSpec spec, PrintStream out, ProbeWatcher probeWatcher,
      java.util.function.BiConsumer<ScenarioResult, Session> afterEach, int repeat,
      int parallel) {
    this.spec = spec;
    this.out = out;
    this.probeWatcher = probeWatcher;
    this.afterEach = afterEach;
    this.repeat = repeat;
    this.parallel = parallel;
  }

  /**
   * A runner that hands each result and its still-running session to {@code hook} before the
   * topology goes (test reports attach the containers' logs there).
   */
  public ScenarioRunner afterEach(java.util.function.BiConsumer<ScenarioResult, Session> hook) {
    return new ScenarioRunner(spec, out, probeWatcher, hook, repeat, parallel);
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
    return new ScenarioRunner(spec, out, probeWatcher, afterEach, n, parallel);
  }

  /**
   * A runner that runs up to {@code k} scenarios at once, each on its own topology and subnet
   * (LabNetwork takes the next free /24 when two race for one). Each scenario's output is kept
   * and printed whole when it ends, so runs do not interleave; the live probe bar is left out,
   * and the hook must then be safe to call from several threads. Results keep the plan's order.
   */
  public ScenarioRunner parallel(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, got " + k);
    }
    return new ScenarioRunner(spec, out, probeWatcher, afterEach, repeat, k);
  }

  /** How many scenarios this runner runs at once. */
  public int parallelism() {
    return parallel;
  }

  /** The default for {@link #parallel}: one topology per two cores, at least one. */
  public static int defaultParallel() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
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

  /** Runs each scenario on a fresh topology of its own spec, in order (or {@link #parallel}). */
  public List<ScenarioResult> runPlanned(List<Planned> plan) {
    List<Job> jobs = new ArrayList<>();
    int total = plan.size() * repeat;
    for (Planned p : plan) {
      for (int k = 1; k <= repeat; k++) {
        String name = repeat == 1 ? p.scenario().name()
            : lbchaos.report.model.Repetition.name(p.scenario().name(), k);
        jobs.add(new Job(jobs.size() + 1, total, p, name));
      }
    }
    if (parallel == 1 || jobs.size() == 1) {
      List<ScenarioResult> results = new ArrayList<>();
      for (Job j : jobs) {
        out.printf("%n%s%n", j.header());
        results.add(run(j.planned().spec(), j.planned().scenario(), j.name(), out,
            probeWatcher));
      }
      return results;
    }
    out.printf("%nrunning %d scenarios, %d at a time (--parallel)%n", total, parallel);
    try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
      List<Future<ScenarioResult>> running = jobs.stream()
          .map(j -> pool.submit(() -> runKept(j))).toList();
      List<ScenarioResult> results = new ArrayList<>();
      for (Future<ScenarioResult> f : running) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scenarios ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a scenario's runner failed: " + e.getCause(),
          e.getCause());
    }
  }

  /** One run of a planned scenario: its place in the plan and the name it reports under. */
  private record Job(int index, int total, Planned planned, String name) {
    String header() {
      return String.format("[%d/%d] %s: %s", index, total, name, planned.scenario().description());
    }
  }

  /** A job whose output is kept and printed in one piece when it ends. */
  private ScenarioResult runKept(Job j) {
    synchronized (out) {
      out.printf("[%d/%d] %s: started%n", j.index(), j.total(), j.name());
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    PrintStream own = new PrintStream(kept, true, StandardCharsets.UTF_8);
    own.printf("%n%s%n", j.header());
    ScenarioResult r = run(j.planned().spec(), j.planned().scenario(), j.name(), own,
        ProbeWatcher.NONE);
    synchronized (out) {
      out.print(kept.toString(StandardCharsets.UTF_8));
      out.flush();
    }
    return r;
  }

  public ScenarioResult run(Scenario s) {
    return run(spec, s, s.name(), out, probeWatcher);
  }

  /** One more run of a planned scenario, under another name (nightly's rerun of a failure). */
  public ScenarioResult run(Planned p, String name) {
    out.printf("%n[again] %s: %s%n", name, p.scenario().description());
    return run(p.spec(), p.scenario(), name, out, probeWatcher);
  }

  /** On a fresh topology, closed when the scenario is judged. */
  private ScenarioResult run(LabSpec spec, Scenario s, String name, PrintStream out,
      ProbeWatcher probeWatcher) {
    long t0 = System.nanoTime();
    try (Session session = Session.start(spec, out, probeWatcher)) {
      return judged(session, s, name, t0, out, probeWatcher);
    }
  }

  /**
   * Runs {@code s} as the next test of {@code session}, a topology that earlier tests used and
   * left as they found it: its history, checks and evidence are this test's alone, from now on
   * ({@link Session#nextTest}: opened with who holds the VIP now). The session stays open; the
   * caller closes it, and must not hand it to another test when this one failed or left a fault
   * active. The ready wait every scenario begins with checks the topology is healthy.
   */
  public ScenarioResult runIn(Session session, Scenario s) {
    out.printf("%n%s: %s%n", s.name(), s.description());
    session.nextTest();
    return judged(session, s, s.name(), System.nanoTime(), out, probeWatcher);
  }

  /**
   * Drives the scenario, then judges what it recorded: the scenario only drives and names the
   * checks that apply; the verdicts come from the {@link Judge}, as they would from a saved file.
   */
  private ScenarioResult judged(Session session, Scenario s, String name, long t0,
      PrintStream out, ProbeWatcher probeWatcher) {
    List<Checker> checks = List.of();
    String error = null;
    try {
      checks = s.run(session);
    } catch (lbchaos.harness.fault.NotRunnable e) {
      error = "not runnable: " + e.getMessage();
    } catch (RuntimeException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Evidence evidence = session.evidence(name, s.description(), checks);
    ScenarioResult r = new ScenarioResult(evidence, Judge.judge(evidence), error);
    report(r, t0, out, probeWatcher);
    afterEach.accept(r, session);
    return r;
  }

  private static void report(ScenarioResult r, long t0, PrintStream out,
      ProbeWatcher probeWatcher) {
    probeWatcher.flush();
    out.printf("%n  %s %s (%.1f s)%n", r.outcome(), r.name(), (System.nanoTime() - t0) / 1e9);
    out.print(VerdictLines.of(r.verdicts()));
    if (r.error() != null) {
      out.println("    harness error: " + r.error());
    }
  }
}
