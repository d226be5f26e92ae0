package lbchaos.harness.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.Events;

/**
 * Collects events from many threads while a test runs (container log followers, the harness's
 * fault actions); {@link #snapshot()} gives the History so far. Thread-safe.
 *
 * <p>Events are kept in arrival order; the snapshot sorts by time, and events with equal
 * timestamps keep arrival order. The snapshot holds each advert once, however many captures saw
 * it ({@link WireCopies}).
 */
public final class HistoryRecorder implements Consumer<Event> {

  private final List<Event> arrived = new ArrayList<>();

  public void record(Event e) {
    java.util.Objects.requireNonNull(e, "event");
    synchronized (arrived) {
      arrived.add(e);
    }
  }

  @Override
  public void accept(Event e) {
    record(e);
  }

  public void recordAll(List<? extends Event> events) {
    synchronized (arrived) {
      events.forEach(e -> arrived.add(java.util.Objects.requireNonNull(e, "event")));
    }
  }

  /**
   * Records one line of an agent's stdout when it is a JSON event; false for any other output
   * (daemons and the JVM interleave other lines; a log adapter handles those).
   */
  public boolean recordJsonLine(String line) {
    Optional<Event> e = Events.parse(line);
    e.ifPresent(this::record);
    return e.isPresent();
  }

  public int size() {
    synchronized (arrived) {
      return arrived.size();
    }
  }

  public History snapshot() {
    List<Event> copy;
    synchronized (arrived) {
      copy = List.copyOf(arrived);
    }
    return WireCopies.once(History.of(copy));
  }
}
