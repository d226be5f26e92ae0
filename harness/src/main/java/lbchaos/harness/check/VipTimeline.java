package lbchaos.harness.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lbchaos.event.VipChange;
import lbchaos.harness.history.History;

/**
 * Who held each VIP when, from VipChange events: the periods with two or more holders (dual
 * master) and with none (after the first holder appeared; start-up is not a gap). An open period
 * at the end of the history runs to the history's last event.
 */
record VipTimeline(String vip, List<Period> dual, List<Period> gaps, Set<String> holdersAtEnd) {

  record Period(long from, long to, Set<String> holders) {
    long micros() {
      return to - from;
    }
  }

  static Map<String, VipTimeline> of(History h) {
    Map<String, List<VipChange>> byVip = new LinkedHashMap<>();
    for (VipChange c : h.of(VipChange.class)) {
      byVip.computeIfAbsent(c.vip(), k -> new ArrayList<>()).add(c);
    }
    long end = h.endMicros().orElse(0L);
    Map<String, VipTimeline> out = new LinkedHashMap<>();
    byVip.forEach((vip, changes) -> out.put(vip, build(vip, changes, end)));
    return out;
  }

  private static VipTimeline build(String vip, List<VipChange> changes, long end) {
    Set<String> holders = new LinkedHashSet<>();
    List<Period> dual = new ArrayList<>();
    List<Period> gaps = new ArrayList<>();
    boolean everHeld = false;
    long dualFrom = -1;
    long gapFrom = -1;
    Set<String> dualHolders = new LinkedHashSet<>();
    for (VipChange c : changes) {
      if (c.added()) {
        holders.add(c.source());
        everHeld = true;
      } else {
        holders.remove(c.source());
      }
      if (holders.size() >= 2) {
        dualHolders.addAll(holders);
        if (dualFrom < 0) {
          dualFrom = c.at();
        }
      } else if (dualFrom >= 0) {
        dual.add(new Period(dualFrom, c.at(), Set.copyOf(dualHolders)));
        dualFrom = -1;
        dualHolders.clear();
      }
      if (holders.isEmpty() && everHeld) {
        if (gapFrom < 0) {
          gapFrom = c.at();
        }
      } else if (gapFrom >= 0) {
        gaps.add(new Period(gapFrom, c.at(), Set.of()));
        gapFrom = -1;
      }
    }
    if (dualFrom >= 0) {
      dual.add(new Period(dualFrom, Math.max(dualFrom, end), Set.copyOf(dualHolders)));
    }
    if (gapFrom >= 0) {
      gaps.add(new Period(gapFrom, Math.max(gapFrom, end), Set.of()));
    }
    return new VipTimeline(vip, List.copyOf(dual), List.copyOf(gaps), Set.copyOf(holders));
  }

  long maxDual() {
    return dual.stream().mapToLong(Period::micros).max().orElse(0);
  }

  long maxGap() {
    return gaps.stream().mapToLong(Period::micros).max().orElse(0);
  }
}
