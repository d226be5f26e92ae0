package lbchaos.harness.scenario;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.event.ProbeSample;
import lbchaos.harness.adapter.NeighbourMonitorAdapter;
import lbchaos.harness.check.Checker;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.fault.Nemesis;
import lbchaos.harness.history.History;
import lbchaos.harness.history.HistoryRecorder;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.NodeSpec;
import lbchaos.verdict.Verdict;

/**
 * A running topology with everything a scenario needs: the history being recorded from every
 * side, a nemesis that heals on close, and the client's probe stream.
 */
public final class Session implements AutoCloseable {

  /**
   * Beyond the probe's request timeout, how long its process may take to report and exit once
   * told to stop: its own second (ProbeAgent's hook) and an exec's delivery on a loaded engine.
   */
  private static final Duration PROBE_EXIT_SLACK = Duration.ofSeconds(5);

  private final Lab lab;
  private final HistoryRecorder recorder;
  private final Nemesis nemesis;
  private final ProbeWatcher probeWatcher;
  private volatile Node.Stream probe;
  private volatile Duration probeTimeout = Duration.ZERO;
  private volatile boolean plainClient;
  private volatile Closeable neighbours;
  private volatile ContainerLogs logs;
  private volatile long since;
  private int tests;
  private volatile java.util.concurrent.CompletableFuture<Map<String, String>> daemons =
      java.util.concurrent.CompletableFuture.completedFuture(Map.of());
  private volatile Closeable exits;
  private final List<Checker> judged = new CopyOnWriteArrayList<>();

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
    session.exits = lab.watchExits(recorder::record);
    // Asked beside the ready wait (an exec: 0.2-0.5 s on a busy engine, not on its path), and
    // known before any fault, since a killed LB cannot answer: the nemesis waits for it.
    if (!lab.lbs().isEmpty()) {
      Node lb = lab.lbs().getFirst();
      session.daemons = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> DaemonVersions.ask(lb), r -> Thread.ofVirtual().start(r));
    }
    return session;
  }

  /** Each container's output so far, by node name (for attaching to test reports). */
  public java.util.Map<String, String> containerLogs() {
    return logs == null ? java.util.Map.of() : logs.snapshot();
  }

  public Lab lab() {
    return lab;
  }

  /** The faults' injector; the daemons' versions are known before it may inject one. */
  public Nemesis nemesis() {
    daemons();
    return nemesis;
  }

  public void record(Event e) {
    recorder.record(e);
  }

  /**
   * The verdicts of {@code checks} over this session's history as it is now. The checks are
   * kept (see {@link #judged()}), so that the evidence written for the test can be judged again.
   */
  public List<Verdict> judge(List<Checker> checks) {
    judged.addAll(checks);
    return Judge.judge(history(), checks);
  }

  /** Every check {@link #judge judged} since the session, or its current test, began. */
  public List<Checker> judged() {
    return List.copyOf(judged);
  }

  /**
   * A session shared by several tests starts the next one: {@link #history()}, {@link #judge}
   * and {@link #evidence} see only what is recorded from now on, opened with who holds the VIP
   * now. The first test keeps the topology's start-up (who became master first), which is its
   * baseline.
   */
  public void nextTest() {
    if (tests++ > 0) {
      since = Events.nowMicros();
    }
    judged.clear();
  }

  /** Everything recorded since the session began, whichever test is current. */
  History recorded() {
    return recorder.snapshot();
  }

  /**
   * What was recorded since the session, or its current test, began; a later test's history
   * opens with the VIP's holders at its start ({@link History#opening}), its baseline.
   */
  public History history() {
    History all = recorder.snapshot();
    return since == 0 ? all : all.opening(since);
  }

  /**
   * The evidence of a run in this session: its history as it is now, the checks that apply, the
   * topology and every config file the LBs ran, all a judge needs to give the verdicts again.
   */
  public Evidence evidence(String name, String description, List<Checker> checks) {
    Map<String, String> topology = new TreeMap<>();
    Map<String, String> configs = new TreeMap<>();
    for (Node n : lab.nodes()) {
      topology.put(n.name(), n.ip());
      if (n.spec().role() == NodeSpec.Role.LB) {
        // not a private key: the history is shared, the key is nobody's business
        n.spec().files().stream().filter(f -> !f.secret())
            .forEach(f -> configs.put(n.name() + ":" + f.path(), f.content()));
      }
    }
    return new Evidence(name, description, lab.spec().stack().label(),
        topology, configs, daemons(), checks, history());
  }

  /** The LB image's daemon versions, asked when the session started. */
  public Map<String, String> daemons() {
    try {
      return daemons.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * The probes from now on speak plain HTTP even where the frontend binds with ssl: a client
   * that does not speak TLS (https-round-robin's negative case).
   */
  public void plainClient() {
    plainClient = true;
  }

  /** Starts the client's request stream through the VIP (a new connection per request). */
  public void startProbe(ProbeSpec p) {
    stopProbe();
    recorder.record(new LogLine(Events.nowMicros(), "harness", Judge.PROBE_STARTED));
    String target = lab.plan().vipHostPort();
    List<String> command = new java.util.ArrayList<>(List.of("lbchaos-java", "probe", "--target",
        target, "--rate", Double.toString(p.rate()), "--timeout", p.timeout().toMillis() + "ms",
        "--mode", "http", "--name", "client"));
    if (!lab.spec().webserversNamed()) {
      // A team's page names no webserver: any 2xx answer is an answer.
      command.add("--unnamed");
    }
    if (lab.serviceTls() && !plainClient) {
      command.add("--tls");
    }
    probeTimeout = p.timeout();
    probe = lab.client().stream(line -> {
      if (recorder.recordJsonLine(line)) {
        lbchaos.event.Events.parse(line).filter(ProbeSample.class::isInstance)
            .map(ProbeSample.class::cast).ifPresent(probeWatcher);
      }
    }, command.toArray(String[]::new));
  }

  /**
   * One slow client from the client container (the probe's {@code --trickle}): a request header
   * line through the VIP every {@code every}, never the end of the headers, until the proxy
   * answers or closes, or {@code atMost} runs out. Blocks until then; its
   * {@link lbchaos.event.SlowRequest} goes into the History. The probe, if running, goes on
   * meanwhile.
   */
  public void slowRequest(Duration every, Duration atMost) {
    trickle(every, atMost, "--name", "slow-client");
  }

  /**
   * One slow client through the VIP whose head is whole and whose body ({@code bytes} long) comes
   * a byte every {@code every}, never the last, for at most {@code atMost}.
   */
  public void slowBody(Duration every, Duration atMost, long bytes) {
    trickle(every, atMost, "--name", "slow-body", "--body", Long.toString(bytes));
  }

  private void trickle(Duration every, Duration atMost, String... options) {
    String target = lab.plan().vipHostPort();
    List<String> cmd = new java.util.ArrayList<>(List.of("lbchaos-java", "probe", "--trickle",
        every.toMillis() + "ms", "--target", target, "--duration", atMost.toMillis() + "ms"));
    cmd.addAll(List.of(options));
    Node.ExecResult r = lab.client().exec(atMost.plus(Duration.ofSeconds(20)),
        cmd.toArray(String[]::new));
    r.stdout().lines().forEach(recorder::recordJsonLine);
    if (!r.ok()) {
      throw new IllegalStateException("slow client failed (exit " + r.exitCode() + "): "
          + r.stderr().strip());
    }
  }

  public void stopProbe() {
    if (probe != null) {
      lab.client().exec(Duration.ofSeconds(10), "pkill", "-f", "agents.jar probe");
      // The probe reports every request in flight before it exits, a timeout later at most: its
      // last lines go into the history first, so that the history holds the outcome of every
      // request sent, and a judge now and one of the saved evidence later count the same ones.
      boolean ended;
      try {
        ended = probe.awaitEnd(probeTimeout.plus(PROBE_EXIT_SLACK));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ended = false;
      }
      try {
        probe.close();
      } catch (IOException e) {
        // the exec ends with the process
      }
      if (!ended) {
        recorder.record(new LogLine(Events.nowMicros(), "harness",
            "the probe did not end within " + probeTimeout.plus(PROBE_EXIT_SLACK).toMillis()
                + " ms of its stop: requests it had in flight may be missing"));
      }
      probe = null;
      recorder.record(new LogLine(Events.nowMicros(), "harness", Judge.PROBE_STOPPED));
    }
  }

  /**
   * Records every change of the client's neighbour (ARP) table from now on, as the kernel
   * announces it ({@link NeighbourMonitorAdapter}): which LB's MAC the client sends the VIP's
   * traffic to.
   */
  public void watchNeighbours() {
    if (neighbours == null) {
      var adapter = new NeighbourMonitorAdapter();
      neighbours = lab.client().stream(line -> adapter.parse(Events.nowMicros(), "client", line)
          .forEach(recorder::record), NeighbourMonitorAdapter.COMMAND.toArray(String[]::new));
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
      if (neighbours != null) {
        neighbours.close();
      }
    } catch (IOException | RuntimeException e) {
      // the exec ends with the client
    }
    try {
      nemesis.close();
    } finally {
      try {
        if (exits != null) {
          exits.close();
        }
      } catch (IOException | RuntimeException e) {
        // the stream ends with the engine connection anyway
      }
      lab.close();
    }
  }
}
