package lbchaos.harness.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.judge.VerdictLines;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.verdict.Verdict;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.fault.Schedule;
import lbchaos.harness.fault.ScheduleRunner;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.scenario.Waits;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;

/**
 * A random fault schedule, reproducible from its seed, against a steady probe stream, with the
 * invariants checked over the whole history at the end: VIP holders, success rate, memory.
 */
public final class Soak {

  /** Faults the soak draws from: crashes, graceful stops, pauses, VRRP and backend blocks. */
  static List<Fault> faults() {
    return List.of(Faults.kill("loadbalancer-1"), Faults.kill("loadbalancer-2"),
        Faults.stop("loadbalancer-1"), Faults.pause("loadbalancer-1"), Faults.blockVrrp(),
        Faults.blockBackends("loadbalancer-1"), Faults.kill("webserver-1"),
        Faults.kill("webserver-2"));
  }

  /** Fraction of requests that must be answered: faults are held about a third of the time. */
  public static final double SUCCESS_FLOOR = 0.6;

  private final Stack stack;
  private final long seed;
  private final Duration duration;
  private final PrintStream out;

  public Soak(Stack stack, long seed, Duration duration, PrintStream out) {
    this.stack = stack;
    this.seed = seed;
    this.duration = duration;
    this.out = out;
  }

  public Schedule schedule() {
    // Holds long enough for detection (haproxy ~10 s), gaps long enough to settle again.
    return Schedule.random(seed, faults(), duration, Duration.ofSeconds(4),
        Duration.ofSeconds(12), Duration.ofSeconds(8), Duration.ofSeconds(15));
  }

  public ScenarioResult run() {
    LbSettings s = LbSettings.ARTICLE;
    Schedule schedule = schedule();
    out.printf("soak: %s stack, seed %d, %d s, %d faults%n%s", stack.label(), seed,
        duration.toSeconds(), schedule.steps().size() / 2, schedule.describe());
    Bound masterDown = Expectations.masterDownInterval(Timings.vrrp(s, 1));
    MemoryWatch memory = new MemoryWatch();
    try (Session ss = Session.start(LabSpec.article(stack), out, ProbeWatcher.NONE)) {
      Waits.ready(ss, masterDown);
      ss.startProbe(ProbeSpec.DEFAULT);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread sampler = Thread.ofVirtual().start(() -> {
        while (running.get()) {
          memory.sample(ss.lab());
          try {
            Thread.sleep(Duration.ofSeconds(10)); // a sampling period, not a wait for a condition
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      new ScheduleRunner(ss.nemesis(), line -> out.println("  " + line)).run(schedule);
      // Let the last heal settle before judging (a master kill: its master down interval).
      Waits.ready(ss, masterDown);
      running.set(false);
      sampler.interrupt();
      ss.stopProbe();
      var h = ss.history();
      Tolerance tol = Tolerance.of(Duration.ofMillis(500),
          "scheduling on a shared 2-core machine and GARP propagation");
      Bound settle = tol.applyTo(new Bound(s.advertInterval(), "one advert interval"));
      Bound gap = tol.applyTo(masterDown);
      List<Checker> checks = List.of(Checks.soakVip(settle, gap),
          Checks.successRate(SUCCESS_FLOOR), Checks.recorded(memory.verdict()));
      Evidence e = ss.evidence("soak", "random faults (seed " + seed
          + ") against steady load", checks);
      List<Verdict> v = Judge.judge(e);
      out.print(VerdictLines.of(v));
      return new ScenarioResult(e, v, null);
    }
  }
}
