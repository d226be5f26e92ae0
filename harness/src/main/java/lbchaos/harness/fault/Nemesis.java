package lbchaos.harness.fault;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent;
import lbchaos.event.VipChange;
import lbchaos.harness.topology.Lab;

/**
 * Injects faults and remembers them, so that every one is healed: explicitly, or all at once in
 * reverse order on close (which runs on test failure too). Injections and heals are recorded as
 * events next to their effects.
 */
public final class Nemesis implements FaultActions, AutoCloseable {

  private final Lab lab;
  private final Consumer<Event> history;
  private final Deque<Fault> active = new ArrayDeque<>();

  public Nemesis(Lab lab, Consumer<Event> history) {
    this.lab = lab;
    this.history = history;
  }

  /**
   * Injects {@code f}. The event carries the time the action was issued, and how long the
   * engine took to carry it out: a graceful stop takes effect (priority 0 sent, VIP handed over)
   * while `docker stop` is still waiting for the container to exit.
   */
  @Override
  public synchronized void inject(Fault f) {
    active.push(f);
    long issued = Events.nowMicros();
    f.inject(lab);
    long done = Events.nowMicros();
    history.accept(new FaultEvent(issued, "harness", f.name(), f.target(),
        FaultEvent.Phase.INJECT, f.detail() + (f.detail().isEmpty() ? "" : ", ")
            + "took " + (done - issued) / 1000 + " ms"));
    if (f instanceof Kill k && k.target().startsWith("loadbalancer")) {
      // A killed node's network namespace goes with it, and so does any VIP it held; no daemon
      // lives to log that, so the harness records it.
      history.accept(new VipChange(Events.nowMicros(), k.target(), lab.plan().vip(), false));
    }
  }

  /**
   * Heals {@code f}. Unlike an injection, the event carries the time the heal was carried out:
   * the rejoin and settle bounds (SlowBackendSemantics, PreemptSemantics, SoakVipCheck) count
   * from the moment the fault is gone, not from when `docker start` or an apache reload began.
   * So a restarted node's own lines (keepalived's MASTER) can come before its HEAL event; a
   * check that needs the restart's effect should look for that effect, as HistoryIT does.
   */
  @Override
  public synchronized void heal(Fault f) {
    if (active.remove(f)) {
      f.heal(lab);
      history.accept(new FaultEvent(Events.nowMicros(), "harness", f.name(), f.target(),
          FaultEvent.Phase.HEAL, f.detail()));
    }
  }

  public synchronized boolean anyActive() {
    return !active.isEmpty();
  }

  /** Heals whatever is still active, last injected first. */
  @Override
  public synchronized void close() {
    while (!active.isEmpty()) {
      Fault f = active.peek();
      try {
        heal(f);
      } catch (RuntimeException e) {
        active.remove(f);
        history.accept(new FaultEvent(Events.nowMicros(), "harness", f.name(), f.target(),
            FaultEvent.Phase.HEAL, "heal failed: " + e.getMessage()));
      }
    }
  }
}
