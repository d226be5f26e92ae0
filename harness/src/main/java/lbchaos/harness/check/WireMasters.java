package lbchaos.harness.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lbchaos.event.AdvertSeen;
import lbchaos.harness.history.History;
import lbchaos.harness.history.Wire;

/**
 * Who claims mastership on the wire, per VRID, from the captures' adverts ({@link Wire}: the
 * observer on the bridge and the taps in the LBs' namespaces, one event per advert). A source counts as
 * advertising at time t when its last advert with priority above 0 came at most one and a half
 * of its own advert intervals before t (RFC 5798 section 6.4.3: a master sends one advert per
 * interval; priority 0 is a resignation, section 6.4.3 too). The half interval absorbs timer
 * jitter: with a window of exactly one interval, two masters whose adverts drift a millisecond
 * apart look like one at every other advert, and a split brain falls apart into short overlaps.
 * An overlap is a run of adverts during which two or more sources advertise; a handover
 * produces a short one, split brain a long one.
 */
record WireMasters(int vrid, List<String> masterOrder /* by first advert */, List<Overlap> overlaps, int adverts) {

  /** Default interval when an advert carries none (VRRP's default 1 s, RFC 5798 section 5.2.7). */
  private static final long DEFAULT_INTERVAL_MICROS = 1_000_000;

  record Overlap(long from, long to, Set<String> sources) {
    long micros() {
      return to - from;
    }
  }

  static Map<Integer, WireMasters> of(History h) {
    Map<Integer, List<AdvertSeen>> byVrid = new TreeMap<>();
    for (AdvertSeen a : Wire.adverts(h)) {
      if (a.priority() > 0) {
        byVrid.computeIfAbsent(a.vrid(), k -> new ArrayList<>()).add(a);
      }
    }
    Map<Integer, WireMasters> out = new TreeMap<>();
    byVrid.forEach((vrid, ads) -> out.put(vrid, build(vrid, ads)));
    return out;
  }

  private static WireMasters build(int vrid, List<AdvertSeen> ads) {
    Map<String, long[]> last = new HashMap<>(); // source -> {at, interval}
    List<String> order = new ArrayList<>();
    List<Overlap> overlaps = new ArrayList<>();
    long from = -1;
    long to = -1;
    Set<String> in = new LinkedHashSet<>();
    for (AdvertSeen a : ads) {
      long interval = a.intervalCentis() > 0 ? a.intervalCentis() * 10_000L
          : DEFAULT_INTERVAL_MICROS;
      last.put(a.from(), new long[] {a.at(), interval});
      if (!order.contains(a.from())) {
        order.add(a.from());
      }
      Set<String> active = new LinkedHashSet<>();
      last.forEach((src, v) -> {
        if (a.at() - v[0] <= v[1] * 3 / 2) {
          active.add(src);
        }
      });
      if (active.size() >= 2) {
        if (from < 0) {
          from = a.at();
        }
        to = a.at();
        in.addAll(active);
      } else if (from >= 0) {
        overlaps.add(new Overlap(from, to, Set.copyOf(in)));
        from = -1;
        in.clear();
      }
    }
    if (from >= 0) {
      overlaps.add(new Overlap(from, to, Set.copyOf(in)));
    }
    return new WireMasters(vrid, List.copyOf(order), List.copyOf(overlaps), ads.size());
  }

  long longestOverlap() {
    return overlaps.stream().mapToLong(Overlap::micros).max().orElse(0);
  }
}
