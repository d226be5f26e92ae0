package lbchaos.vrrp.agent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.GarpSeen;
import lbchaos.event.LogLine;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.state.Action;
import lbchaos.vrrp.state.Input;
import lbchaos.vrrp.state.Params;
import lbchaos.vrrp.state.Snapshot;
import lbchaos.vrrp.state.State;
import lbchaos.vrrp.state.Step;
import lbchaos.vrrp.state.Timer;
import lbchaos.vrrp.state.VrrpMachine;

/**
 * Drives one instance's {@link VrrpMachine} with real timers. Every input and every timer runs on
 * one scheduler thread, so a cancelled timer can never fire after its cancellation and the
 * machine needs no locking. A reload swaps the config, the machine and the notify scripts on that
 * thread too, between two inputs.
 */
final class InstanceRunner implements AutoCloseable {

  // Written only on the scheduler thread (a reload replaces them there); cfg is read elsewhere
  // for its name.
  private volatile VrrpInstance cfg;
  private VrrpMachine machine;
  private Notifier notifier;
  /** The addresses this instance has added and not removed: what a reload keeps up. */
  private final Set<VirtualAddress> up = new LinkedHashSet<>();
  private final Effects effects;
  private final Consumer<Event> sink;
  private final String source;
  private final InstantSource clock;
  private final Notifier.Starter notify;
  private final java.util.function.Consumer<String> fifo;
  private final ScheduledExecutorService loop;
  private final Map<Timer, ScheduledFuture<?>> timers = new EnumMap<>(Timer.class);
  private volatile Snapshot snapshot;
  private volatile long advertsSent;
  /** Adverts on the socket or in the reader's hands; see {@link #readsFirst}. */
  private volatile BooleanSupplier unread = () -> false;
  /** A master down timer's step waiting for the reader (this thread only), or null. */
  private Runnable waitingFire;
  /** Whether one waits: the reader then tells this thread when it moves. */
  private volatile boolean awaitingReader;
  /** Received inputs queued on this thread and not yet stepped. */
  private final AtomicInteger queuedReceived = new AtomicInteger();
  /**
   * A takeover by the master down timer, on this thread only (issue 22 item 3): when the armed
   * timer was due, when this thread first ran it (-1: not run since it was armed) and when the
   * first advert after it left (-1: none yet). The MASTER report carries them.
   */
  private long downDueMicros;
  private long downFiredMicros = -1;
  private long downAdvertMicros = -1;
  /** The instance's vrrp_sync_group, set before its first input; NONE when in none. */
  private volatile SyncLink sync = SyncLink.NONE;

  InstanceRunner(VrrpInstance cfg, Params params, Effects effects, Consumer<Event> sink,
      String source, InstantSource clock) {
    this(cfg, params, effects, sink, source, clock, Scripts::startNotify);
  }

  /** As above; notify scripts start through {@code notify} (the root helper after a drop). */
  InstanceRunner(VrrpInstance cfg, Params params, Effects effects, Consumer<Event> sink,
      String source, InstantSource clock, Notifier.Starter notify) {
    this(cfg, params, effects, sink, source, clock, notify, line -> { });
  }

  /** As above; {@code fifo} takes the notify FIFO lines (see {@link NotifyFifos}). */
  InstanceRunner(VrrpInstance cfg, Params params, Effects effects, Consumer<Event> sink,
      String source, InstantSource clock, Notifier.Starter notify, Consumer<String> fifo) {
    this.fifo = fifo;
    this.cfg = cfg;
    this.machine = new VrrpMachine(params);
    this.effects = effects;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
    this.snapshot = machine.initial();
    this.notify = notify;
    this.notifier = notifier(cfg);
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vrrp-" + cfg.name());
      t.setDaemon(true);
      return t;
    });
  }

  private Notifier notifier(VrrpInstance c) {
    return new Notifier(source, c.name(), c.notifyScripts(), sink, this::nowMicros, notify,
        fifo);
  }

  /**
   * After every input queued before it: runs {@code next} (a reload kept this instance, see
   * {@link Input.Reload}) with the machine of {@code params}, then steps {@code in}.
   */
  void reload(VrrpInstance next, Params params, Input.Reload in) {
    loop.execute(() -> {
      cfg = next;
      machine = new VrrpMachine(params);
      notifier = notifier(next);
      effects.reconfigure(next);
      apply(in);
    });
  }

  /** Joins {@code link}'s group; before the first input is queued. */
  void joinGroup(SyncLink link) {
    sync = link;
    link.join(this);
  }

  /**
   * Tells the runner where adverts wait before they reach it: {@code unread} answers whether one
   * is on the socket or held by the reader thread (asked in that order, the way a packet moves).
   * Set before the first input.
   */
  void readsFirst(BooleanSupplier unread) {
    this.unread = unread;
  }

  /** The instance's name in the config it runs (a reload may rename it). */
  String name() {
    return cfg.name();
  }

  long nowMicros() {
    return MonotonicClock.micros(clock.instant());
  }

  /** Queues an input; it runs after every input queued before it. */
  void submit(Input in) {
    loop.execute(() -> apply(in));
  }

  /**
   * Queues an input the reader thread has just taken off its socket, stepped with the time it
   * arrived rather than the time this thread gets to it: the backup's Master_Down_Timer restarts
   * when the advert is received (RFC 5798 section 6.4.2), and under contention the hop from the
   * reader to this thread took milliseconds that were added to every takeover (issue 22). The
   * arrival is the kernel's ({@code ageNanos} before now, from the packet's receive timestamp;
   * -1 when not known: now): the reader thread itself runs late on a busy node, and keepalived,
   * which restarts the timer when it reads the advert, carries that lateness into its takeover.
   * A timer restarted from an arrival longer ago than Master_Down_Interval is due at once; it
   * still waits for adverts read after this one (see {@link #fire}).
   */
  void submitReceived(Input in, long ageNanos) {
    Instant at = ageNanos > 0 ? clock.instant().minusNanos(ageNanos) : clock.instant();
    queuedReceived.incrementAndGet();
    loop.execute(() -> {
      queuedReceived.decrementAndGet();
      apply(in, at);
    });
  }

  /** Runs {@code task} on the machine's thread after every input queued before it. */
  void afterQueued(Runnable task) {
    loop.execute(task);
  }

  /** Runs {@code task} periodically on the machine's thread (summaries). */
  void every(Duration period, Runnable task) {
    loop.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  State state() {
    return snapshot.state();
  }

  Snapshot snapshot() {
    return snapshot;
  }

  long advertsSent() {
    return advertsSent;
  }

  /**
   * Sends Shutdown (a master sends priority 0 and removes its VIPs) and waits at most
   * {@code wait} for it to be done.
   */
  void shutdown(Duration wait) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      loop.execute(() -> {
        apply(new Input.Shutdown());
        done.complete(null);
      });
      done.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      sink.accept(new LogLine(nowMicros(), source,
          "(" + cfg.name() + ") shutdown did not complete: " + e));
    }
  }

  private void apply(Input in) {
    apply(in, clock.instant());
  }

  private void apply(Input in, Instant now) {
    Snapshot before = snapshot;
    // The group may hold a master down timer or a recovered track back (see SyncLink).
    Input admitted = sync.admit(cfg.name(), in, before.state());
    Step step = machine.step(before, admitted, now);
    snapshot = step.next();
    for (Action a : step.actions()) {
      execute(a, before);
    }
    sync.stepped(cfg.name(), admitted, before, step);
  }

  private void execute(Action a, Snapshot before) {
    try {
      switch (a) {
        case Action.SendAdvert s -> {
          effects.sendAdvert(s.priority());
          advertsSent++;
          if (downFiredMicros >= 0 && downAdvertMicros < 0) {
            downAdvertMicros = nowMicros();
          }
        }
        case Action.AddVips x -> add(cfg.virtualAddresses().stream()
            .filter(v -> !up.contains(v)).toList(), before);
        case Action.RemoveVips x -> remove(List.copyOf(up), before);
        case Action.RemoveDroppedVips x -> remove(up.stream()
            .filter(v -> !cfg.virtualAddresses().contains(v)).toList(), before);
        case Action.SendGarp x -> {
          effects.sendGarp(x.repeat());
          // One event per GARP sent, as the observer records one per GARP on the wire.
          long at = nowMicros();
          for (int r = 0; r < x.repeat(); r++) {
            for (VirtualAddress v : cfg.virtualAddresses()) {
              sink.accept(new GarpSeen(at, source, lbchaos.event.Events.address(v.address()),
                  effects.mac()));
            }
          }
        }
        case Action.ArmTimer t -> arm(t.timer(), t.at());
        case Action.CancelTimer t -> cancel(t.timer());
        case Action.Notify n -> {
          sink.accept(new VrrpStateChange(nowMicros(), source, cfg.name(),
              n.from() == State.INITIALIZE ? VrrpRole.INIT : role(n.from()), role(n.to()),
              n.reason(), takeover(n.to())));
          notifier.changed(n.to(), snapshot.priority());
        }
        case Action.LowerPriorityHeard x -> notifier.heardLowerPriority(snapshot.priority());
      }
    } catch (IOException | RuntimeException e) {
      failed(a.toString(), before, e);
    }
  }

  /** One address at a time, so that one that fails does not keep the others down. */
  private void add(List<VirtualAddress> vips, Snapshot before) {
    for (VirtualAddress v : vips) {
      try {
        effects.addVip(v);
        up.add(v);
        sink.accept(new VipChange(nowMicros(), source, lbchaos.event.Events.address(v.address()),
            true));
      } catch (IOException | RuntimeException e) {
        failed("adding " + v, before, e);
      }
    }
  }

  private void remove(List<VirtualAddress> vips, Snapshot before) {
    for (VirtualAddress v : vips) {
      up.remove(v); // tried: a later removal must not try again, a later add must
      try {
        effects.removeVip(v);
        sink.accept(new VipChange(nowMicros(), source, lbchaos.event.Events.address(v.address()),
            false));
      } catch (IOException | RuntimeException e) {
        failed("removing " + v, before, e);
      }
    }
  }

  private void failed(String what, Snapshot before, Exception e) {
    sink.accept(new LogLine(nowMicros(), source,
        "(" + cfg.name() + ") " + what + " failed in " + before.state() + ": " + e));
  }

  /** The timings of a takeover by the master down timer now reported; null for any other. */
  private VrrpStateChange.Takeover takeover(State to) {
    return to == State.MASTER && downFiredMicros >= 0 && downAdvertMicros >= 0
        ? new VrrpStateChange.Takeover(downDueMicros, downFiredMicros, downAdvertMicros)
        : null;
  }

  private void arm(Timer t, Instant at) {
    cancel(t);
    if (t == Timer.MASTER_DOWN) {
      downDueMicros = MonotonicClock.micros(at);
      downFiredMicros = -1;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
    Input fire = switch (t) {
      case ADVERT -> new Input.AdvertTimerFired();
      case MASTER_DOWN -> new Input.MasterDownTimerFired();
      case GARP_REPEAT -> new Input.GarpTimerFired();
      case LOWER_PRIO_GARP -> new Input.LowerPrioGarpTimerFired();
    };
    timers.put(t, loop.schedule(() -> fire(t, fire, null), delay, TimeUnit.NANOSECONDS));
  }

  /**
   * Steps a timer's input, but a master down timer waits while an advert is unread. keepalived
   * reads a readable socket before it runs an expired timer (one thread, epoll): an advert that
   * arrived in time restarts the timer instead of a takeover. Here the reader and this thread
   * race, and on a CPU-starved node (its cgroup throttled for most of each 100 ms, then both
   * runnable at once) the timer won with the master's adverts waiting: a spurious takeover
   * (issue 22). The waiting timer looks again each time the reader hands a packet on or drops
   * it ({@link #readerMoved}), so it costs nothing while it waits; a stuck reader or packets that
   * keep coming and are all dropped delay a real takeover by {@link #readFirstCap} at most.
   * {@code waitsUntil}: the end of the wait once it began, null at the timer's time.
   */
  private void fire(Timer t, Input fire, Instant waitsUntil) {
    cancel(t);
    if (t == Timer.MASTER_DOWN) {
      if (waitsUntil == null) {
        downFiredMicros = nowMicros(); // the first look: a wait for the reader comes after it
      }
      awaitingReader = true; // before asking, so a reader that moves after it sees the flag
      // The cap counts from this thread's first look, not the timer's time: a node starved for
      // longer than the cap resumes with both threads at once, and its reader still gets its turn.
      Instant until = waitsUntil != null ? waitsUntil : clock.instant().plus(readFirstCap());
      if (advertWaiting() && clock.instant().isBefore(until)) {
        waitingFire = () -> fire(t, fire, until);
        long cap = Duration.between(clock.instant(), until).toNanos();
        timers.put(t, loop.schedule(waitingFire, Math.max(0, cap), TimeUnit.NANOSECONDS));
        return;
      }
      awaitingReader = false;
    }
    apply(fire);
    downFiredMicros = -1;
    downAdvertMicros = -1;
  }

  /**
   * The reader has handed a packet on (queued here) or dropped it: a master down timer waiting
   * for it looks again, after the packet's input if there was one.
   */
  void readerMoved() {
    if (awaitingReader) {
      loop.execute(() -> {
        Runnable w = waitingFire;
        if (w != null) {
          w.run();
        }
      });
    }
  }

  /** An advert on the socket, in the reader's hands or queued here: in the order it moves. */
  private boolean advertWaiting() {
    return unread.getAsBoolean() || queuedReceived.get() > 0;
  }

  /**
   * How long a master down timer waits for unread adverts once it looks: about one more
   * Master_Down_Interval.
   */
  private Duration readFirstCap() {
    return cfg.advertInterval().multipliedBy(3);
  }

  private void cancel(Timer t) {
    if (t == Timer.MASTER_DOWN) {
      waitingFire = null;
      awaitingReader = false;
    }
    ScheduledFuture<?> f = timers.remove(t);
    if (f != null) {
      f.cancel(false);
    }
  }

  /** A state as the event names it; Initialize entered again means the instance stopped. */
  static VrrpRole role(State s) {
    return switch (s) {
      case INITIALIZE -> VrrpRole.STOP;
      case BACKUP -> VrrpRole.BACKUP;
      case MASTER -> VrrpRole.MASTER;
      case FAULT -> VrrpRole.FAULT;
    };
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
