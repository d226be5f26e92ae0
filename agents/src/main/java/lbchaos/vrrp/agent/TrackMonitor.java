package lbchaos.vrrp.agent;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.vrrp.config.TrackedScript;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.config.VrrpScript;
import lbchaos.vrrp.state.Input;

/**
 * Runs an instance's track scripts every {@code interval} (with {@code timeout}), applies
 * fall/rise, and turns the set of failing scripts into machine inputs: PriorityChanged when the
 * effective priority moves, TrackFault/TrackOk when a weight-0 script fails or recovers.
 */
final class TrackMonitor implements AutoCloseable {

  private final VrrpInstance cfg;
  private final Consumer<Input> inputs;
  private final Consumer<Event> sink;
  private final String source;
  private final Notifier.Clocked clock;
  private final BiPredicate<String, Duration> runner;
  private final Map<String, ScriptHealth> health = new LinkedHashMap<>();
  private final ScheduledExecutorService pool;
  private int lastPriority;
  private boolean lastFaulted;
  private boolean closed;

  /** {@code runner} runs one check (script line, timeout) and says whether it succeeded. */
  TrackMonitor(VrrpInstance cfg, Consumer<Input> inputs, Consumer<Event> sink, String source,
      Notifier.Clocked clock, BiPredicate<String, Duration> runner) {
    this.cfg = cfg;
    this.inputs = inputs;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
    this.runner = runner;
    for (TrackedScript t : cfg.trackScripts()) {
      VrrpScript s = t.script();
      health.put(s.name(), new ScriptHealth(s.fall(), s.rise(), !s.initFail()));
    }
    this.lastPriority = cfg.priority();
    this.pool = Executors.newScheduledThreadPool(1, r -> {
      Thread th = new Thread(r, "track-" + cfg.name());
      th.setDaemon(true);
      return th;
    });
  }

  /**
   * A reload: each script the old monitor also ran keeps its result, as keepalived 2.2.7's
   * clear_diff_script does (matched by name, "considered successful/unsuccessful on reload");
   * new scripts start as at start-up. Nothing is published: the reload input carries {@link
   * #priority()} and {@link #faulted()}.
   */
  synchronized void carry(TrackMonitor old) {
    Map<String, Boolean> before = old.results();
    for (TrackedScript t : cfg.trackScripts()) {
      VrrpScript s = t.script();
      Boolean ok = before.get(s.name());
      if (ok != null) {
        health.put(s.name(), new ScriptHealth(s.fall(), s.rise(), ok));
      }
    }
    Set<String> failing = failing();
    lastPriority = cfg.effectivePriority(failing);
    lastFaulted = cfg.faulted(failing);
  }

  private synchronized Map<String, Boolean> results() {
    Map<String, Boolean> r = new LinkedHashMap<>();
    health.forEach((n, h) -> r.put(n, h.ok()));
    return r;
  }

  /** The effective priority as last published (or carried). */
  synchronized int priority() {
    return lastPriority;
  }

  /** Whether a weight-0 script was failing as last published (or carried). */
  synchronized boolean faulted() {
    return lastFaulted;
  }

  /** The inputs that bring a fresh machine in line with the initial script states. */
  synchronized void initial() {
    publish(true);
  }

  void start() {
    for (TrackedScript t : cfg.trackScripts()) {
      VrrpScript s = t.script();
      pool.scheduleWithFixedDelay(() -> check(s), 0, s.interval().toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  private void check(VrrpScript s) {
    boolean ok = runner.test(s.script(), s.timeout());
    record(s.name(), ok);
  }

  /** One result of a script; public to the package for tests. */
  synchronized void record(String name, boolean ok) {
    ScriptHealth h = health.get(name);
    if (h != null && h.record(ok)) {
      sink.accept(new LogLine(clock.nowMicros(), source, "(" + cfg.name() + ") track script "
          + name + (ok ? " succeeded" : " failed") + ", now " + (h.ok() ? "OK" : "FAILED")));
      publish(false);
    }
  }

  synchronized Set<String> failing() {
    Set<String> f = new HashSet<>();
    health.forEach((n, h) -> {
      if (!h.ok()) {
        f.add(n);
      }
    });
    return f;
  }

  private void publish(boolean always) {
    if (closed) {
      return; // replaced by a reload: the new monitor speaks for the instance now
    }
    Set<String> failing = failing();
    int p = cfg.effectivePriority(failing);
    boolean faulted = cfg.faulted(failing);
    if (always || p != lastPriority) {
      inputs.accept(new Input.PriorityChanged(p));
    }
    if (faulted && (always || !lastFaulted)) {
      inputs.accept(new Input.TrackFault("track script failed: "
          + String.join(",", failing.stream().sorted().toList())));
    } else if (!faulted && lastFaulted) {
      inputs.accept(new Input.TrackOk());
    }
    lastPriority = p;
    lastFaulted = faulted;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    pool.shutdownNow();
  }
}
