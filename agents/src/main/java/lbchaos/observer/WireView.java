package lbchaos.observer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import lbchaos.event.AdvertSeen;

/**
 * Who is master per VRID as the wire sees it, derived from adverts alone (whatever stack sent
 * them). An advert with priority &gt; 0 says "I am master" (only a master advertises, RFC 5798
 * 6.4.3); it holds for {@code hold} of its own intervals; priority 0 says "I am leaving" (RFC 5798
 * 6.4.3, shutdown) and ends the sender's claim at once.
 *
 * <p>{@link #masters} follows the latest claim: the master is the source of the latest advert
 * while it holds, and there is a gap (master null) once nobody has advertised for {@code hold}
 * intervals. {@link #dualMasters} lists the times when two or more sources' claims hold at once:
 * split brain. With hold 3 (the master-down rule) an ordinary hand-over also overlaps for up to 3
 * intervals, so a split-brain check wants a shorter hold (1.5 tolerates timer jitter) or a bound.
 */
public final class WireView {

  /** RFC 5798 6.1: Master_Down_Interval is 3 x the advert interval (plus skew). */
  public static final double DEFAULT_HOLD_INTERVALS = 3;

  /** One stretch of time with one master ({@code master} null: nobody was advertising). */
  public record Span(int vrid, String master, long from, long to) {
    public long micros() {
      return to - from;
    }
  }

  /** A stretch during which several sources' claims to be master held at once. */
  public record Overlap(int vrid, Set<String> sources, long from, long to) {
    public Overlap {
      sources = Set.copyOf(sources);
    }

    public long micros() {
      return to - from;
    }
  }

  private final Map<Integer, List<AdvertSeen>> byVrid = new TreeMap<>();
  private final double hold;

  private WireView(List<AdvertSeen> adverts, double hold) {
    if (!(hold > 0)) {
      throw new IllegalArgumentException("hold must be a positive number of intervals: " + hold);
    }
    this.hold = hold;
    adverts.stream().sorted(Comparator.comparingLong(AdvertSeen::at))
        .forEach(a -> byVrid.computeIfAbsent(a.vrid(), k -> new ArrayList<>()).add(a));
  }

  public static WireView of(List<AdvertSeen> adverts) {
    return new WireView(adverts, DEFAULT_HOLD_INTERVALS);
  }

  public static WireView of(List<AdvertSeen> adverts, double holdIntervals) {
    return new WireView(adverts, holdIntervals);
  }

  public Set<Integer> vrids() {
    return Set.copyOf(byVrid.keySet());
  }

  /** Until when an advert's claim holds, in micros. */
  private long holdsUntil(AdvertSeen a) {
    long intervalMicros = Math.max(1, a.intervalCentis()) * 10_000L;
    return a.at() + Math.round(hold * intervalMicros);
  }

  /** The master timeline of one VRID from its first advert to its last claim's end. */
  public List<Span> masters(int vrid) {
    List<Span> spans = new ArrayList<>();
    String master = null;
    long from = 0;
    long until = 0;
    boolean started = false;
    for (AdvertSeen a : byVrid.getOrDefault(vrid, List.of())) {
      if (started && master != null && a.at() > until) {
        add(spans, new Span(vrid, master, from, until)); // went silent: a gap follows
        master = null;
        from = until;
      }
      String claim = a.priority() > 0 ? a.from() : null;
      if (!started || !Objects.equals(claim, master)) {
        if (started && a.at() > from) {
          add(spans, new Span(vrid, master, from, a.at()));
        }
        master = claim;
        from = a.at();
        started = true;
      }
      until = claim == null ? a.at() : holdsUntil(a);
    }
    if (master != null) {
      add(spans, new Span(vrid, master, from, until));
    }
    return List.copyOf(spans);
  }

  /** Joins a span to the previous one when they have the same master and meet. */
  private static void add(List<Span> spans, Span s) {
    if (!spans.isEmpty()) {
      Span last = spans.getLast();
      if (Objects.equals(last.master(), s.master()) && last.to() == s.from()) {
        spans.set(spans.size() - 1, new Span(s.vrid(), s.master(), last.from(), s.to()));
        return;
      }
    }
    spans.add(s);
  }

  /** The master at {@code at}, if one was advertising then. */
  public Optional<String> masterAt(int vrid, long at) {
    return masters(vrid).stream()
        .filter(s -> s.from() <= at && at < s.to() && s.master() != null)
        .map(Span::master).findFirst();
  }

  /** Times when two or more sources claimed to be master of this VRID at once. */
  public List<Overlap> dualMasters(int vrid) {
    // Each source's claims, merged into intervals; then a sweep over all their ends.
    Map<String, List<long[]>> claims = new HashMap<>();
    for (AdvertSeen a : byVrid.getOrDefault(vrid, List.of())) {
      List<long[]> mine = claims.computeIfAbsent(a.from(), k -> new ArrayList<>());
      long[] last = mine.isEmpty() ? null : mine.getLast();
      if (a.priority() == 0) {
        if (last != null && last[1] > a.at()) {
          last[1] = a.at();
        }
      } else if (last != null && a.at() <= last[1]) {
        last[1] = Math.max(last[1], holdsUntil(a));
      } else {
        mine.add(new long[] {a.at(), holdsUntil(a)});
      }
    }
    TreeMap<Long, List<String[]>> edges = new TreeMap<>(); // time -> ("+"/"-", source)
    claims.forEach((source, intervals) -> intervals.stream().filter(iv -> iv[1] > iv[0])
        .forEach(iv -> {
      edges.computeIfAbsent(iv[0], k -> new ArrayList<>()).add(new String[] {"+", source});
      edges.computeIfAbsent(iv[1], k -> new ArrayList<>()).add(new String[] {"-", source});
    }));
    List<Overlap> out = new ArrayList<>();
    SortedSet<String> live = new TreeSet<>();
    SortedSet<String> involved = new TreeSet<>();
    long openedAt = 0;
    for (var e : edges.entrySet()) {
      boolean wasDual = live.size() >= 2;
      for (String[] edge : e.getValue()) { // ends before starts at the same instant
        if (edge[0].equals("-")) {
          live.remove(edge[1]);
        }
      }
      for (String[] edge : e.getValue()) {
        if (edge[0].equals("+")) {
          live.add(edge[1]);
        }
      }
      boolean dual = live.size() >= 2;
      if (!wasDual && dual) {
        openedAt = e.getKey();
        involved.clear();
      }
      if (dual) {
        involved.addAll(live);
      }
      if (wasDual && !dual) {
        out.add(new Overlap(vrid, involved, openedAt, e.getKey()));
      }
    }
    return List.copyOf(out);
  }
}
