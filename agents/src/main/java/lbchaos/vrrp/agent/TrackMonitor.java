package lbchaos.vrrp.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
import lbchaos.vrrp.config.TrackedInterface;
import lbchaos.vrrp.config.TrackedScript;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.config.VrrpScript;
import lbchaos.vrrp.state.Input;

/**
 * Runs an instance's track scripts every {@code interval} (with {@code timeout}), applies
 * fall/rise, follows the links it tracks ({@link VrrpInstance#linkTracks}), and turns the set
 * of failing scripts and down links into machine inputs: PriorityChanged when the effective
 * priority moves, TrackFault/TrackOk when a weight-0 script or link fails or recovers.
 */
final class TrackMonitor implements AutoCloseable, Links.Listener {

  private final VrrpInstance cfg;
  private final Consumer<Input> inputs;
  private final Consumer<Event> sink;
  private final String source;
  private final Notifier.Clocked clock;
  private final BiPredicate<String, Duration> runner;
  private final Map<String, ScriptHealth> health = new LinkedHashMap<>();
  private final Links links;
  /** The tracked links that exist (keepalived drops a track of a missing interface). */
  private final Set<String> tracked = new HashSet<>();
  private final Set<String> down = new HashSet<>();

  /** The tracked links' state: name to up, only those that exist. */
  private Map<String, Boolean> linkStates() {
    Map<String, Boolean> m = new HashMap<>();
    tracked.forEach(n -> m.put(n, !down.contains(n)));
    return m;
  }
  /** Before {@link #start}, changes are kept but not published (see {@link #start}). */
  private boolean started;
  private final ScheduledExecutorService pool;
  private int lastPriority;
  private boolean lastFaulted;
  private boolean closed;

  /** With every link up and never changing (no link tracking at work). */
  TrackMonitor(VrrpInstance cfg, Consumer<Input> inputs, Consumer<Event> sink, String source,
      Notifier.Clocked clock, BiPredicate<String, Duration> runner) {
    this(cfg, inputs, sink, source, clock, runner, Links.ALL_UP);
  }

  /**
   * {@code runner} runs one check (script line, timeout) and says whether it succeeded; {@code
   * links} gives the tracked links' state now and each change after.
   */
  TrackMonitor(VrrpInstance cfg, Consumer<Input> inputs, Consumer<Event> sink, String source,
      Notifier.Clocked clock, BiPredicate<String, Duration> runner, Links links) {
    this.cfg = cfg;
    this.links = links;
    this.inputs = inputs;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
    this.runner = runner;
    for (TrackedScript t : cfg.trackScripts()) {
      VrrpScript s = t.script();
      health.put(s.name(), new ScriptHealth(s.fall(), s.rise(), !s.initFail()));
    }
    Set<String> names = new HashSet<>();
    cfg.linkTracks().forEach(t -> names.add(t.name()));
    // Under this object's lock from the subscription on: a change the watcher tells meanwhile
    // waits until the snapshot is in place (the watcher tells it outside its own lock).
    synchronized (this) {
      Map<String, Boolean> now = links.subscribe(names, this);
      for (String n : names) {
        Boolean up = now.get(n);
        if (up == null) {
          log("tracked interface " + n + " doesn't exist, not tracked (as keepalived 2.2.7)");
        } else {
          tracked.add(n);
          if (!up) {
            down.add(n);
          }
        }
      }
      Set<String> failing = failing();
      this.lastPriority = cfg.effectivePriority(failing, linkStates());
    }
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
    lastPriority = cfg.effectivePriority(failing, linkStates());
    lastFaulted = cfg.faulted(failing, linkStates());
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

  /** Whether a weight-0 script or link was failing as last published (or carried). */
  synchronized boolean faulted() {
    return lastFaulted;
  }

  /** The inputs that bring a fresh machine in line with the initial script states. */
  synchronized void initial() {
    publish(true);
  }

  /**
   * Starts the scripts, and publishes whatever the links did since construction (or since
   * {@link #carry}): the inputs before it were the initial ones or the reload's.
   */
  void start() {
    synchronized (this) {
      started = true;
      publish(false);
    }
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
      log("track script " + name + (ok ? " succeeded" : " failed") + ", now "
          + (h.ok() ? "OK" : "FAILED"));
      publish(false);
    }
  }

  /** A tracked link went up or down (keepalived: "Netlink reports eth0 down"). */
  @Override
  public synchronized void linkChanged(String name, boolean up) {
    if (!tracked.contains(name) || up != down.contains(name)) {
      return; // not ours, or no change
    }
    if (up) {
      down.remove(name);
    } else {
      down.add(name);
    }
    log("Netlink reports " + name + (up ? " up" : " down"));
    if (started) {
      publish(false);
    }
  }

  /** The tracked links that are down now. */
  synchronized Set<String> linksDown() {
    return Set.copyOf(down);
  }

  private void log(String line) {
    sink.accept(new LogLine(clock.nowMicros(), source, "(" + cfg.name() + ") " + line));
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
    int p = cfg.effectivePriority(failing, linkStates());
    boolean faulted = cfg.faulted(failing, linkStates());
    if (always || p != lastPriority) {
      inputs.accept(new Input.PriorityChanged(p));
    }
    if (faulted && (always || !lastFaulted)) {
      inputs.accept(new Input.TrackFault(faultReason(failing)));
    } else if (!faulted && lastFaulted) {
      inputs.accept(new Input.TrackOk());
    }
    lastPriority = p;
    lastFaulted = faulted;
  }

  /** What is failing that puts the instance in FAULT, for the state change's reason. */
  private String faultReason(Set<String> failing) {
    List<String> why = new ArrayList<>();
    List<String> scripts = failing.stream().sorted().toList();
    if (!scripts.isEmpty()) {
      why.add("track script failed: " + String.join(",", scripts));
    }
    for (TrackedInterface t : cfg.linkTracks()) {
      if (t.weight() == 0 && down.contains(t.name()) != t.reverse()) {
        why.add("interface " + t.name() + (t.reverse() ? " up" : " down"));
      }
    }
    return String.join(", ", why);
  }

  @Override
  public void close() {
    links.unsubscribe(this);
    synchronized (this) {
      closed = true;
    }
    pool.shutdownNow();
  }
}
