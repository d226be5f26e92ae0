package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.history.FaultWindow;
import lbchaos.harness.history.History;

/**
 * The VIP invariants of a soak, where faults come and go: two holders at once only while a fault
 * is active and for at most {@code settle} after its heal (a partition heals, the lower priority
 * gives way within an advert or so); never nobody holding it for longer than {@code maxGap}.
 */
@com.fasterxml.jackson.annotation.JsonTypeName("soak-vip")
record SoakVipCheck(Bound settle, Bound maxGap) implements Checker {

  @Override
  public Verdict check(History h) {
    long end = h.endMicros().orElse(0L);
    List<FaultWindow> windows = h.faultWindows();
    List<String> bad = new ArrayList<>();
    long worstDualOutside = 0;
    long worstGap = 0;
    int duals = 0;
    for (VipTimeline t : VipTimeline.of(h).values()) {
      for (VipTimeline.Period p : t.dual()) {
        duals++;
        boolean explained = windows.stream().anyMatch(w -> w.injectAt() <= p.to()
            && p.from() <= w.healAt().orElse(end) + settle.micros()
            && p.to() <= w.healAt().orElse(end) + settle.micros());
        if (!explained) {
          worstDualOutside = Math.max(worstDualOutside, p.micros());
          if (p.micros() > settle.micros()) {
            bad.add(t.vip() + " held by " + p.holders() + " for " + s(p.micros())
                + ", not explained by a fault + " + settle.describe());
          }
        }
      }
      for (VipTimeline.Period p : t.gaps()) {
        worstGap = Math.max(worstGap, p.micros());
        if (p.micros() > maxGap.micros()) {
          bad.add(t.vip() + " held by nobody for " + s(p.micros()) + " (bound "
              + maxGap.describe() + ")");
        }
      }
    }
    Figures f = Figures.of().put("dual_master_periods", duals)
        .put("max_unexplained_dual_s", seconds(worstDualOutside))
        .put("max_no_holder_s", seconds(worstGap)).put("max_no_holder_bound_s", maxGap.seconds());
    if (h.of(lbchaos.event.VipChange.class).stream().noneMatch(v -> v.added())) {
      return new Verdict("soak-vip", false, f.map(), "nobody was ever seen holding the VIP");
    }
    return bad.isEmpty()
        ? new Verdict("soak-vip", true, f.map(), duals + " dual-master periods, each inside a"
            + " fault and settled within " + settle.describe() + "; longest time without a"
            + " holder " + s(worstGap) + " (bound " + maxGap.describe() + ")")
        : new Verdict("soak-vip", false, f.map(), String.join("; ", bad));
  }
}
