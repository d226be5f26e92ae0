package lbchaos.vrrp.agent;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.vrrp.agent.VrrpAgent.Opened;
import lbchaos.vrrp.agent.VrrpAgent.ScriptRoutes;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.AdvertSocket;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.state.Input;
import lbchaos.vrrp.state.Params;

/**
 * One instance with its sockets, threads and scripts. A reload keeps the sockets, the runner (so
 * the state and the timers) and the reader, and replaces the config, the track scripts and the
 * receive policy: {@link #reload} returns the instance as it runs after it.
 */
record Running(VrrpInstance instance, Opened opened, InstanceRunner runner, TrackMonitor track,
    Receiver rx, Thread reader, AtomicBoolean alive) {

  static Running start(Opened op, String name, Consumer<Event> sink, ScriptRoutes routes,
      Links links) {
    return start(op, name, sink, routes, links, SyncLink.NONE);
  }

  /** As above, a member of {@code group}'s vrrp_sync_group (or of none: SyncLink.NONE). */
  static Running start(Opened op, String name, Consumer<Event> sink, ScriptRoutes routes,
      Links links, SyncLink group) {
    VrrpInstance i = op.instance();
    AdvertSocket socket = op.socket();
    InstanceRunner runner = new InstanceRunner(i, params(i, op), op.effects(), sink, name,
        new MonotonicClock(), routes.notifier(), routes.fifo());
    runner.joinGroup(group);
    TrackMonitor track = new TrackMonitor(i, runner::submit, sink, name, runner::nowMicros,
        routes.check(), links);
    Receiver rx = new Receiver(policy(i, op), runner::submitReceived, sink, name,
        runner::nowMicros);
    runner.readsFirst(() -> socket.readable() || rx.holding());
    AtomicBoolean alive = new AtomicBoolean(true);
    Thread reader = Thread.ofPlatform().daemon().name("vrrp-rx-" + i.name()).start(() ->
        Receiver.loop(alive::get, socket::receive, socket::receivedAgeNanos, rx,
            runner::readerMoved, e -> sink.accept(new LogLine(
            runner.nowMicros(), name, "(" + runner.name() + ") receive failed: " + e))));
    runner.every(VrrpAgent.SUMMARY_INTERVAL, () -> rx.summary(runner.name(),
        runner.advertsSent()));
    track.initial();
    runner.submit(new Input.Startup());
    track.start();
    return new Running(i, op, runner, track, rx, reader, alive);
  }

  /** The machine's parameters: the config's, with the source address the sockets use. */
  static Params params(VrrpInstance i, Opened op) {
    return new Params(i.version(), i.priority(), i.advertInterval(), i.preempt(),
        i.preemptDelay(), op.src(), i.garp());
  }

  private static ReceivePolicy policy(VrrpInstance i, Opened op) {
    Set<InetAddress> own = new HashSet<>(List.of(op.src(), op.link().primary()));
    return ReceivePolicy.forInstance(i.vrid(), i.version(), own, i.password(),
        (int) (i.advertInterval().toMillis() / 10));
  }

  /**
   * Runs {@code next} (the reload matched it to this instance) without a state change: the old
   * scripts stop, the new ones start with the results carried over, and the machine gets one
   * Reload input with the new values.
   */
  Running reload(VrrpInstance next, String name, Consumer<Event> sink, ScriptRoutes routes,
      Links links, boolean vipsAdded, boolean vipsRemoved) {
    Opened op = opened.with(next);
    TrackMonitor t = new TrackMonitor(next, runner::submit, sink, name, runner::nowMicros,
        routes.check(), links);
    track.close(); // publishes nothing after this: its last word is already queued
    t.carry(track);
    rx.reconfigure(policy(next, op));
    runner.reload(next, params(next, op),
        new Input.Reload(t.priority(), t.faulted(), vipsAdded, vipsRemoved));
    t.start();
    return new Running(next, op, runner, t, rx, reader, alive);
  }

  /** As at shutdown: priority 0 and the VIPs removed if master; then the sockets close. */
  void stop() {
    track.close();
    runner.shutdown(Duration.ofSeconds(2));
    runner.close();
    alive.set(false);
    try {
      reader.join(VrrpAgent.RECEIVE_TIMEOUT.multipliedBy(3).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!reader.isAlive()) {
      opened.socket().close(); // only once the reader no longer touches its buffer
    }
    opened.effects().close();
  }
}
