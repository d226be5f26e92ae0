package lbchaos.harness.scenario;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lbchaos.event.Event;
import lbchaos.event.ProbeSample;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.fault.Nemesis;
import lbchaos.harness.history.History;
import lbchaos.harness.history.HistoryRecorder;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;

/**
 * A running topology with everything a scenario needs: the history being recorded from every
 * side, a nemesis that heals on close, and the client's probe stream.
 */
public final class Session implements AutoCloseable {

  private final Lab lab;
  private final HistoryRecorder recorder;
  private final Nemesis nemesis;
  private final ProbeWatcher probeWatcher;
  private volatile Closeable probe;
  private volatile ContainerLogs logs;

  private Session(Lab lab, HistoryRecorder recorder, ProbeWatcher probeWatcher) {
    this.lab = lab;
    this.recorder = recorder;
    this.nemesis = new Nemesis(lab, recorder);
    this.probeWatcher = probeWatcher;
  }

  /**
   * Starts the topology and records from every container.
   *
   * @param probeWatcher sees each probe sample as it arrives (progress output); may be a no-op
   */
  public static Session start(LabSpec spec, PrintStream progress,
      ProbeWatcher probeWatcher) {
    HistoryRecorder recorder = new HistoryRecorder();
    LineRouter router = new LineRouter(recorder);
    // Known before the first line arrives: LB i is "loadbalancer-(i+1)" (Lab's naming).
    java.util.Set<String> agents = new java.util.HashSet<>();
    for (int i = 0; i < spec.lbCount(); i++) {
      if (spec.stack().javaOn(i)) {
        agents.add("loadbalancer-" + (i + 1));
      }
    }
    router.agentNodes(agents);
    ContainerLogs logs = new ContainerLogs();
    // keepalived names its VIPs only in detail lines: the router must know them before the first
    // line arrives (an adapter made earlier would name the VIP "instance:VI_1" for good).
    Lab lab = Lab.start(spec, logs.andThen(router), progress,
        plan -> router.vips(plan.instanceVips()));
    Session session = new Session(lab, recorder, probeWatcher);
    session.logs = logs;
    return session;
  }

  /** Each container's output so far, by node name (for attaching to test reports). */
  public java.util.Map<String, String> containerLogs() {
    return logs == null ? java.util.Map.of() : logs.snapshot();
  }

  public Lab lab() {
    return lab;
  }

  public Nemesis nemesis() {
    return nemesis;
  }

  public void record(Event e) {
    recorder.record(e);
  }

  /** The verdicts of {@code checks} over this session's history as it is now. */
  public java.util.List<lbchaos.verdict.Verdict> judge(
      java.util.List<lbchaos.harness.check.Checker> checks) {
    return lbchaos.harness.judge.Judge.judge(history(), checks);
  }

  public History history() {
    return recorder.snapshot();
  }

  /** Starts the client's request stream through the VIP (a new connection per request). */
  public void startProbe(ProbeSpec p) {
    stopProbe();
    String target = lab.plan().vip() + ":" + lab.plan().servicePort();
    probe = lab.client().stream(line -> {
      if (recorder.recordJsonLine(line)) {
        lbchaos.event.Events.parse(line).filter(ProbeSample.class::isInstance)
            .map(ProbeSample.class::cast).ifPresent(probeWatcher);
      }
    }, "lbchaos-java", "probe", "--target", target, "--rate", Double.toString(p.rate()),
        "--timeout", p.timeout().toMillis() + "ms", "--mode", "http", "--name", "client");
  }

  public void stopProbe() {
    if (probe != null) {
      lab.client().exec(Duration.ofSeconds(10), "pkill", "-f", "agents.jar probe");
      try {
        probe.close();
      } catch (IOException e) {
        // the exec ends with the process
      }
      probe = null;
    }
  }

  /** Successful probe answers recorded so far. */
  public List<ProbeSample> answers() {
    return history().probes().stream().filter(ProbeSample::ok).toList();
  }

  @Override
  public void close() {
    try {
      stopProbe();
    } catch (RuntimeException e) {
      // the lab goes anyway
    }
    try {
      nemesis.close();
    } finally {
      lab.close();
    }
  }
}
