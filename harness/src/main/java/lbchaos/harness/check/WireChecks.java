package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.harness.check.WireMasters.Overlap;
import lbchaos.harness.history.FaultWindow;
import lbchaos.harness.history.History;

/** Checks on mastership as the wire captures saw it, independent of what the nodes say. */
final class WireChecks {

  private WireChecks() {}

  /** At most one source advertises per VRID, apart from handovers no longer than maxOverlap. */
  static Checker wireSingleMaster(Bound maxOverlap) {
    return new WireSingleMaster(maxOverlap);
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("wire-single-master")
  record WireSingleMaster(Bound maxOverlap) implements Checker {
    @Override
    public Verdict check(History h) {
      Map<Integer, WireMasters> all = WireMasters.of(h);
      Figures f = Figures.of();
      long worst = 0;
      int splits = 0;
      List<String> notes = new ArrayList<>();
      List<String> orders = new ArrayList<>();
      for (WireMasters w : all.values()) {
        worst = Math.max(worst, w.longestOverlap());
        orders.add("VRID " + w.vrid() + " advertised by " + String.join(" -> ", w.masterOrder()));
        for (Overlap o : w.overlaps()) {
          if (o.micros() > maxOverlap.micros()) {
            splits++;
            if (notes.size() < 3) {
              notes.add("split brain on VRID " + w.vrid() + ": " + o.sources() + " advertised"
                  + " together for " + s(o.micros()));
            }
          }
        }
      }
      f.put("split_brain_s", seconds(worst)).put("overlap_bound_s", maxOverlap.seconds())
          .put("split_brain_periods", splits);
      detection(h, all, maxOverlap).ifPresent(d -> f.put("detection_s", seconds(d)));
      if (all.isEmpty()) {
        // No adverts at all means the observer saw nothing (VRRP always advertises): the
        // evidence is missing, which is not the same as nobody being master.
        return Verdict.unknown("wire-single-master", f.map(), "no VRRP adverts seen on the"
            + " wire: the captures recorded nothing to judge");
      }
      String tail = String.join("; ", orders) + "; longest overlap " + s(worst) + ", bound "
          + maxOverlap.describe();
      return splits == 0
          ? new Verdict("wire-single-master", true, f.map(), "one master on the wire: " + tail)
          : new Verdict("wire-single-master", false, f.map(), String.join("; ", notes) + "; "
              + tail);
    }
  }

  /**
   * The opposite, for faults meant to cause split brain (VRRP dropped between the LBs): the wire
   * must show two masters for longer than a handover, and the harness must see it within
   * {@code detectWithin} of the first fault inject. detection_s is the moment the overlap has
   * lasted {@code maxOverlap}, i.e. when it can no longer be a handover.
   */
  static Checker wireSplitBrain(Bound maxOverlap, Bound detectWithin) {
    return new WireSplitBrain(maxOverlap, detectWithin);
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("wire-split-brain")
  record WireSplitBrain(Bound maxOverlap, Bound detectWithin) implements Checker {
    @Override
    public Verdict check(History h) {
      Map<Integer, WireMasters> all = WireMasters.of(h);
      Optional<Long> d = detection(h, all, maxOverlap);
      Figures f = Figures.of().put("overlap_bound_s", maxOverlap.seconds())
          .put("detection_bound_s", detectWithin.seconds());
      if (all.isEmpty()) {
        // Nothing captured is no evidence either way: a split brain the captures cannot see
        // (unicast adverts pass the bridge observer by) must not read as "no split brain".
        return Verdict.unknown("wire-split-brain", f.map(), "no VRRP adverts seen on the wire:"
            + " the captures recorded nothing to judge (unicast adverts reach only the taps in"
            + " the LBs' namespaces)");
      }
      if (d.isEmpty()) {
        long longest = all.values().stream().mapToLong(WireMasters::longestOverlap).max()
            .orElse(0);
        f.put("split_brain_s", seconds(longest));
        return new Verdict("wire-split-brain", false, f.map(), "no split brain on the wire: no"
            + " two sources advertised together for more than " + maxOverlap.describe()
            + " (longest overlap " + s(longest) + ", " + all.values().stream()
                .mapToInt(WireMasters::adverts).sum() + " adverts seen)");
      }
      f.put("detection_s", seconds(d.get()));
      boolean ok = d.get() <= detectWithin.micros();
      return new Verdict("wire-split-brain", ok, f.map(), "split brain seen on the wire "
          + s(d.get()) + " after the fault, " + (ok ? "within" : "beyond") + " bound "
          + detectWithin.describe());
    }
  }

  /** From the first fault inject (or the first advert) to when an overlap outlasts maxOverlap. */
  private static Optional<Long> detection(History h, Map<Integer, WireMasters> all,
      Bound maxOverlap) {
    Optional<Long> seen = all.values().stream().flatMap(w -> w.overlaps().stream())
        .filter(o -> o.micros() > maxOverlap.micros())
        .map(o -> o.from() + maxOverlap.micros()).min(Long::compare);
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    long origin = h.faultWindows().stream().map(FaultWindow::injectAt)
        .filter(t -> t <= seen.get()).findFirst()
        .orElse(h.of(lbchaos.event.AdvertSeen.class).getFirst().at());
    return Optional.of(seen.get() - origin);
  }
}
