package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.FaultWindow;
import lbchaos.harness.history.History;

/** Checks on who holds the virtual address, as the nodes report it. */
final class VipChecks {

  private VipChecks() {}

  static Checker singleVipHolder(Bound maxDual, Bound maxGap) {
    return new SingleVipHolder(maxDual, maxGap);
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("single-vip-holder")
  record SingleVipHolder(Bound maxDual, Bound maxGap) implements Checker {
    @Override
    public Verdict check(History h) {
      Map<String, VipTimeline> all = VipTimeline.of(h);
      long worstDual = 0;
      long worstGap = 0;
      int dualPeriods = 0;
      int gapPeriods = 0;
      List<String> notes = new ArrayList<>();
      for (VipTimeline t : all.values()) {
        worstDual = Math.max(worstDual, t.maxDual());
        worstGap = Math.max(worstGap, t.maxGap());
        dualPeriods += t.dual().size();
        gapPeriods += t.gaps().size();
        t.dual().stream().filter(p -> p.micros() > maxDual.micros()).findFirst().ifPresent(p ->
            notes.add(t.vip() + " held by " + p.holders() + " at once for " + s(p.micros())
                + " from " + p.from()));
        t.gaps().stream().filter(p -> p.micros() > maxGap.micros()).findFirst().ifPresent(p ->
            notes.add(t.vip() + " held by nobody for " + s(p.micros()) + " from " + p.from()));
      }
      Figures f = Figures.of().put("max_dual_master_s", seconds(worstDual))
          .put("max_dual_master_bound_s", maxDual.seconds())
          .put("max_no_holder_s", seconds(worstGap)).put("max_no_holder_bound_s", maxGap.seconds())
          .put("dual_master_periods", dualPeriods).put("no_holder_periods", gapPeriods);
      if (h.of(lbchaos.event.VipChange.class).stream().noneMatch(v -> v.added())) {
        // Removals alone (e.g. the harness noting a killed node lost its addresses) show no
        // holder at all: the check cannot see its subject, so it must not pass.
        return new Verdict("single-vip-holder", false, f.map(), "no VIP was ever added in the"
            + " history: nobody was seen holding the address");
      }
      String summary = "longest dual master " + s(worstDual) + " (bound " + maxDual.describe()
          + "), longest time without a holder " + s(worstGap) + " (bound " + maxGap.describe()
          + ")";
      return notes.isEmpty()
          ? new Verdict("single-vip-holder", true, f.map(), "one VIP holder at a time: " + summary)
              .judgedBy("max_dual_master_s", maxDual)
          : new Verdict("single-vip-holder", false, f.map(), String.join("; ", notes) + "; "
              + summary).judgedBy("max_dual_master_s", maxDual);
    }
  }

  /**
   * The node holding the VIP at the end of the history (from VipChange; from VRRP states when
   * no node reported VIP changes) is {@code node}, and it is the only one. With a bound, it must
   * also have taken the VIP within the bound of the last heal (preemption, preempt_delay).
   */
  static Checker expectedMaster(String node, Optional<Bound> withinAfterHeal) {
    return new ExpectedMaster(node, withinAfterHeal.orElse(null));
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("expected-master")
  record ExpectedMaster(String node, Bound withinAfterHeal) implements Checker {
    @Override
    public Verdict check(History h) {
      List<String> holders = holdersAtEnd(h);
      Figures f = Figures.of().put("holders_at_end", holders.size());
      boolean ok = holders.equals(List.of(node));
      StringBuilder sentence = new StringBuilder(ok ? node + " is the only master at the end"
          : "expected " + node + " as the only master at the end, found "
              + (holders.isEmpty() ? "none" : holders));
      if (withinAfterHeal != null) {
        Bound b = withinAfterHeal;
        Optional<Long> heal = h.faultWindows().stream().map(FaultWindow::healAt)
            .flatMap(Optional::stream).reduce((a, c) -> c);
        Optional<Long> took = heal.flatMap(t -> becameMaster(h, node, t));
        f.put("bound_s", b.seconds());
        if (heal.isEmpty()) {
          ok = false;
          sentence.append("; no heal in the history to time the takeover from");
        } else if (took.isEmpty()) {
          ok = false;
          sentence.append("; it did not take over after the heal");
        } else {
          long d = took.get() - heal.get();
          f.put("takeover_s", seconds(d));
          boolean in = d <= b.micros();
          ok &= in;
          sentence.append("; took over ").append(s(d)).append(" after the heal, ")
              .append(in ? "within" : "beyond").append(" bound ").append(b.describe());
        }
      }
      return new Verdict("expected-master", ok, f.map(), sentence.toString());
    }
  }

  private static List<String> holdersAtEnd(History h) {
    Map<String, VipTimeline> vips = VipTimeline.of(h);
    if (!vips.isEmpty()) {
      return vips.values().stream().flatMap(t -> t.holdersAtEnd().stream()).distinct().sorted()
          .toList();
    }
    Map<String, VrrpRole> last = new java.util.TreeMap<>();
    for (VrrpStateChange c : h.of(VrrpStateChange.class)) {
      last.put(c.source(), c.to());
    }
    return last.entrySet().stream().filter(e -> e.getValue() == VrrpRole.MASTER)
        .map(Map.Entry::getKey).toList();
  }

  private static Optional<Long> becameMaster(History h, String node, long after) {
    Optional<Long> vip = h.of(VipChange.class).stream()
        .filter(c -> c.added() && c.source().equals(node) && c.at() >= after)
        .map(VipChange::at).findFirst();
    if (vip.isPresent()) {
      return vip;
    }
    return h.of(VrrpStateChange.class).stream()
        .filter(c -> c.to() == VrrpRole.MASTER && c.source().equals(node) && c.at() >= after)
        .map(VrrpStateChange::at).findFirst();
  }
}
