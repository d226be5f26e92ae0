package lbchaos.harness.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import lbchaos.event.Event;
import lbchaos.event.FaultEvent;
import lbchaos.event.ProbeSample;
import lbchaos.event.VipChange;

/**
 * Everything that happened during one test, from every source, in time order on the kernel clock
 * the containers share. Immutable: views return new Histories or unmodifiable lists.
 *
 * <p>Order is by {@link Event#at()}; events with equal timestamps keep the order of the streams
 * they were merged from (first stream first) and, within a stream, their original order. That
 * makes a merge deterministic, so a replayed History checks the same as the live one.
 */
public final class History {

  private static final History EMPTY = new History(List.of());

  private final List<Event> events;

  private History(List<Event> sorted) {
    this.events = List.copyOf(sorted);
  }

  public static History empty() {
    return EMPTY;
  }

  /** One stream; sorted stably by time. */
  public static History of(Collection<? extends Event> events) {
    return merge(List.of(List.copyOf(events)));
  }

  public static History of(Event... events) {
    return of(List.of(events));
  }

  /**
   * Merges streams from several sources. Ties on {@code at} keep stream order, then position
   * within the stream (List.sort is a stable merge sort).
   */
  public static History merge(List<? extends Collection<? extends Event>> streams) {
    List<Event> all = new ArrayList<>();
    for (Collection<? extends Event> s : streams) {
      for (Event e : s) {
        all.add(java.util.Objects.requireNonNull(e, "null event in stream"));
      }
    }
    all.sort(Comparator.comparingLong(Event::at));
    return new History(all);
  }

  @SafeVarargs
  public static History merge(Collection<? extends Event>... streams) {
    return merge(List.of(streams));
  }

  /** This history plus more events (they sort after existing ones with the same timestamp). */
  public History plus(Collection<? extends Event> more) {
    return merge(List.of(events, List.copyOf(more)));
  }

  public List<Event> events() {
    return events;
  }

  public int size() {
    return events.size();
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  /** Time of the first event; empty for an empty history. */
  public Optional<Long> startMicros() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.getFirst().at());
  }

  /** Time of the last event; empty for an empty history. */
  public Optional<Long> endMicros() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.getLast().at());
  }

  /** Events of one kind, in time order. */
  public <T extends Event> List<T> of(Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  public List<ProbeSample> probes() {
    return of(ProbeSample.class);
  }

  public List<FaultEvent> faults() {
    return of(FaultEvent.class);
  }

  /** Inject/heal pairs, in inject order (see {@link FaultWindow#pair}). */
  public List<FaultWindow> faultWindows() {
    return FaultWindow.pair(faults());
  }

  /** Events with {@code from <= at < to} (microseconds). */
  public History between(long fromMicros, long toMicros) {
    if (toMicros < fromMicros) {
      throw new IllegalArgumentException("window ends before it starts: " + fromMicros + " > "
          + toMicros);
    }
    return filter(e -> e.at() >= fromMicros && e.at() < toMicros);
  }

  /**
   * The events from {@code fromMicros} on, opened with the one thing a window needs of the time
   * before it: who held each VIP then, as each node's last {@link VipChange} before the window
   * says (its addition, at its own time, when the node still held the address). A later test on
   * a topology that earlier tests used (Session#nextTest) so sees the holder it began with, and
   * a check of who holds the VIP judges the gap after that holder's removal as on a fresh
   * topology; nothing else from before the window is in it.
   */
  public History opening(long fromMicros) {
    java.util.Map<java.util.List<String>, VipChange> last = new java.util.LinkedHashMap<>();
    for (Event e : events) {
      if (e.at() >= fromMicros) {
        break;
      }
      if (e instanceof VipChange v) {
        last.put(java.util.List.of(v.source(), v.vip()), v);
      }
    }
    List<Event> opened = new ArrayList<>(last.values().stream().filter(VipChange::added)
        .toList());
    events.stream().filter(e -> e.at() >= fromMicros).forEach(opened::add);
    return new History(opened);
  }

  /** Events from one source (container name, "observer", "harness"). */
  public History from(String source) {
    return filter(e -> source.equals(e.source()));
  }

  public History filter(Predicate<? super Event> keep) {
    return new History(events.stream().filter(keep).map(Event.class::cast).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History h && h.events.equals(events);
  }

  @Override
  public int hashCode() {
    return events.hashCode();
  }

  @Override
  public String toString() {
    return "History[" + events.size() + " events" + startMicros().map(s -> ", " + s + ".."
        + endMicros().orElseThrow()).orElse("") + "]";
  }
}
