package lbchaos.vrrp.agent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.vrrp.config.VrrpSyncGroup;
import lbchaos.vrrp.state.Action;
import lbchaos.vrrp.state.Input;
import lbchaos.vrrp.state.Snapshot;
import lbchaos.vrrp.state.State;
import lbchaos.vrrp.state.Step;
import lbchaos.vrrp.state.SyncCoordinator;
import lbchaos.vrrp.state.SyncCoordinator.Outcome;
import lbchaos.vrrp.state.Timer;

/**
 * Where a vrrp_sync_group's members meet its {@link SyncCoordinator}: each member's runner asks
 * it before an input (may a master down timer make it master, may a recovered track take it out
 * of FAULT) and tells it what the input did; the orders for the other members go to their
 * runners' queues, and the group's notifies run once those have been stepped, so that they come
 * after the members' own, as keepalived's send_group_notifies comes after the members'
 * transitions. The members run on threads of their own, so the coordinator is used under its
 * lock; an order reaches a member a moment after the move that caused it.
 */
final class SyncLink {

  /** A runner not in any group. */
  static final SyncLink NONE = new SyncLink();

  private final SyncCoordinator group;
  private final Notifier notifier;
  private final Consumer<Event> sink;
  private final String source;
  private final Map<String, InstanceRunner> members = new ConcurrentHashMap<>();

  private SyncLink() {
    this.group = null;
    this.notifier = null;
    this.sink = e -> { };
    this.source = "";
  }

  SyncLink(VrrpSyncGroup g, String source, Consumer<Event> sink, Notifier.Starter starter,
      Consumer<String> fifo) {
    this.group = new SyncCoordinator(g.name(), g.instances());
    this.sink = sink;
    this.source = source;
    this.notifier = Notifier.group(source, g.name(), g.notifyScripts(), sink,
        lbchaos.event.Events::nowMicros, starter, fifo);
  }

  /** {@code runner} runs the member of that name; before it steps any input. */
  void join(InstanceRunner runner) {
    if (group != null) {
      members.put(runner.name(), runner);
    }
  }

  /** keepalived's vrrp_init_state runs the notifies of a group starting in BACKUP or FAULT. */
  void starting() {
    if (group != null) {
      State s;
      synchronized (group) {
        s = group.starting();
      }
      notifyGroup(s);
    }
  }

  /** keepalived's notify_shutdown: the group's STOP after its members'. */
  void stopped() {
    if (group != null) {
      notifier.changed(State.INITIALIZE, 0);
    }
  }

  /** The input {@code member}'s machine steps instead of {@code in}, the member in {@code now}. */
  Input admit(String member, Input in, State now) {
    if (group == null) {
      return in;
    }
    synchronized (group) {
      return switch (in) {
        case Input.MasterDownTimerFired f when now == State.BACKUP
            && !group.masterDownFired(member) -> {
          log("(" + member + ") master down timer, but the group " + group.name()
              + " would not all become master: staying BACKUP");
          yield new Input.SyncHold();
        }
        case Input.TrackOk ok when !group.trackRecovered(member) && now == State.FAULT ->
            new Input.TrackOkHeld();
        default -> in;
      };
    }
  }

  /** What stepping {@code in} did to {@code member}; the orders and notifies that follow. */
  void stepped(String member, Input in, Snapshot before, Step step) {
    if (group == null) {
      return;
    }
    Outcome[] outcomes;
    synchronized (group) {
      if (in instanceof Input.AdvertReceived a && a.priority() > 0
          && before.state() == State.BACKUP && step.next().state() == State.BACKUP
          && step.actions().stream().anyMatch(x -> x instanceof Action.ArmTimer t
              && t.timer() == Timer.MASTER_DOWN)) {
        // The machine re-arms the master down timer in BACKUP only on accepting a master's
        // advert (or on priority 0, excluded): keepalived's wantstate BACKUP again.
        group.masterHeard(member);
      }
      List<Action.Notify> moves = step.actions().stream()
          .filter(Action.Notify.class::isInstance).map(Action.Notify.class::cast).toList();
      outcomes = new Outcome[moves.size() + 1];
      for (int i = 0; i < moves.size(); i++) {
        outcomes[i] = group.entered(member, moves.get(i).from(), moves.get(i).to());
      }
      // After its own move, as down_instance leaves master before vrrp_sync_fault.
      outcomes[moves.size()] = in instanceof Input.TrackFault
          ? group.trackFailed(member) : new Outcome(List.of(), java.util.Optional.empty());
    }
    for (Outcome o : outcomes) {
      dispatch(o);
    }
  }

  private void dispatch(Outcome o) {
    if (o.entered().isPresent()) {
      log("VRRP_Group(" + group.name() + ") Syncing instances to " + o.entered().get()
          + " state");
    }
    AtomicInteger left = new AtomicInteger(o.orders().size());
    for (SyncCoordinator.Order order : o.orders()) {
      InstanceRunner r = members.get(order.member());
      if (r == null) {
        left.decrementAndGet();
        continue;
      }
      r.submit(order.input());
      o.entered().ifPresent(s -> r.afterQueued(() -> {
        if (left.decrementAndGet() == 0) {
          notifyGroup(s);
        }
      }));
    }
    if (o.entered().isPresent() && left.get() == 0 && o.orders().stream()
        .noneMatch(x -> members.containsKey(x.member()))) {
      notifyGroup(o.entered().get());
    }
  }

  private void notifyGroup(State s) {
    notifier.changed(s, 0);
  }

  private void log(String line) {
    sink.accept(new LogLine(lbchaos.event.Events.nowMicros(), source, line));
  }
}
