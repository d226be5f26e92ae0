package lbchaos.harness.check;

import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.event.GarpSeen;
import lbchaos.harness.history.History;
import lbchaos.harness.history.Wire;
import lbchaos.verdict.Verdict;

/**
 * The gratuitous ARPs a new master sent, as the wire observer saw them, against the config:
 * keepalived 2.2.7's schedule (vrrp.c vrrp_state_master_tx, vrrp_state_become_master), which the
 * java agent follows too. Pure: no I/O.
 */
public final class GarpChecks {

  /** GARPs of one burst leave together (keepalived sends a burst in one loop); gaps are less. */
  static final long BURST_GAP_MICROS = 250_000;

  private GarpChecks() {}

  /**
   * What the GARP keywords of the new master's config ask for.
   *
   * @param repeat garp_master_repeat: GARPs per VIP in the first and second burst
   * @param delayMillis garp_master_delay: the second burst after the first; 0 for none
   * @param refreshMillis garp_master_refresh: 0 for none
   * @param refreshRepeat garp_master_refresh_repeat
   * @param advertMillis advert_int: keepalived 2.2.7 sends a refresh with the first advert
   *     after the refresh interval has passed, so a refresh comes up to one advert late
   * @param refreshTimer keepalived 2.3's schedule instead: refreshes on a timer of their own,
   *     first at delay + refresh after becoming master, then every refresh
   */
  public record GarpConfig(int repeat, long delayMillis, long refreshMillis, int refreshRepeat,
      long advertMillis, boolean refreshTimer) {

    String describe() {
      return repeat + " GARPs, again " + (delayMillis == 0 ? "never" : delayMillis / 1e3
          + " s later") + (refreshMillis == 0 || refreshRepeat == 0 ? ", no refresh"
          : ", " + refreshRepeat + " every " + refreshMillis / 1e3 + " s"
              + (refreshTimer ? " (keepalived 2.3 timer)" : " (at the next advert)"));
    }
  }

  /**
   * Valid when the GARPs for {@code vip} from the new master (the MAC of the first GARP for it at
   * or after {@code takeover}; its GARPs are taken from the tolerance before it) come in bursts as {@code expected} says, each
   * within {@code toleranceMillis} of its time, from {@code takeover} until {@code end}.
   */
  public static Checker timing(String node, String vip, Moment takeover, Moment end,
      GarpConfig expected, long toleranceMillis, String toleranceWhy) {
    return new GarpTiming(node, vip, takeover, end, expected, toleranceMillis, toleranceWhy);
  }

  /** A burst on the wire: its first GARP's time and how many GARPs. */
  record Burst(long at, int count) {}

  static List<Burst> bursts(List<GarpSeen> garps) {
    List<Burst> out = new ArrayList<>();
    long start = -1;
    long last = -1;
    int n = 0;
    for (GarpSeen g : garps) {
      if (start >= 0 && g.at() - last > BURST_GAP_MICROS) {
        out.add(new Burst(start, n));
        start = -1;
      }
      if (start < 0) {
        start = g.at();
        n = 0;
      }
      n++;
      last = g.at();
    }
    if (start >= 0) {
      out.add(new Burst(start, n));
    }
    return out;
  }

  @JsonTypeName("garp-timing")
  public record GarpTiming(String node, String vip, Moment takeover, Moment end,
      GarpConfig expected, long toleranceMillis, String toleranceWhy) implements Checker {

    private static final String NAME = "garp-timing";

    @Override
    public Verdict check(History h) {
      Optional<Long> t0 = takeover.in(h);
      Optional<Long> t1 = end.in(h);
      if (t0.isEmpty() || t1.isEmpty()) {
        return Verdict.unknown(NAME, Figures.of().map(), "the history does not show "
            + (t0.isEmpty() ? takeover : end).describe());
      }
      long tol = toleranceMillis * 1_000;
      List<GarpSeen> all = h.of(GarpSeen.class).stream()
          // Broadcast: the observer on the bridge sees every GARP (the taps capture VRRP only).
          .filter(g -> g.source().equals(Wire.OBSERVER) && g.ip().equals(vip)
              && g.at() >= t0.get() - tol && g.at() <= t1.get())
          .toList();
      Figures f = Figures.of().put("tolerance_s", toleranceMillis / 1e3);
      if (all.isEmpty()) {
        return new Verdict(NAME, false, f.put("bursts", 0).map(), "no gratuitous ARP for " + vip
            + " on the wire between " + takeover.describe() + " and " + end.describe()
            + "; expected " + expected.describe());
      }
      // The new master's MAC: its first GARP at or after the takeover (the old master may have
      // sent one just before), else the first in the tolerance before it.
      String mac = all.stream().filter(g -> g.at() >= t0.get()).findFirst()
          .orElse(all.getFirst()).mac();
      List<GarpSeen> mine = all.stream().filter(g -> g.mac().equals(mac)).toList();
      long others = all.size() - mine.size();
      List<Burst> bursts = bursts(mine);
      f.put("bursts", bursts.size()).put("other_mac_garps", others);
      List<String> bad = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      Burst first = bursts.getFirst();
      long b0 = first.at();
      f.put("first_burst_s", seconds(b0 - t0.get()));
      seen.add(describe(first, b0, "first"));
      if (Math.abs(b0 - t0.get()) > tol) {
        bad.add("the first burst came " + s(b0 - t0.get()) + " after " + takeover.describe());
      }
      if (first.count() != expected.repeat()) {
        bad.add("the first burst had " + first.count() + " GARPs, garp_master_repeat "
            + expected.repeat());
      }
      long delay = expected.delayMillis() * 1_000;
      boolean refresh = expected.refreshMillis() > 0 && expected.refreshRepeat() > 0;
      long every = expected.refreshMillis() * 1_000;
      long late = expected.refreshTimer() ? 0 : expected.advertMillis() * 1_000;
      boolean secondPending = delay > 0;
      // 2.2.7: the deadline runs from becoming master; 2.3: its first timer from delay + refresh.
      long prev = expected.refreshTimer() ? b0 + delay : b0;
      int refreshes = 0;
      long minGap = Long.MAX_VALUE;
      long maxGap = 0;
      for (Burst b : bursts.subList(1, bursts.size())) {
        if (secondPending && Math.abs(b.at() - (b0 + delay)) <= tol) {
          secondPending = false;
          f.put("second_burst_s", seconds(b.at() - b0));
          seen.add(describe(b, b0, "second"));
          if (b.count() != expected.repeat()) {
            bad.add("the second burst had " + b.count() + " GARPs, garp_master_repeat "
                + expected.repeat());
          }
          continue;
        }
        long gap = b.at() - prev;
        if (refresh && gap >= every - tol && gap <= every + late + tol) {
          refreshes++;
          minGap = Math.min(minGap, gap);
          maxGap = Math.max(maxGap, gap);
          seen.add(describe(b, b0, "refresh"));
          if (b.count() != expected.refreshRepeat()) {
            bad.add("a refresh at +" + s(b.at() - b0) + " had " + b.count() + " GARPs,"
                + " garp_master_refresh_repeat " + expected.refreshRepeat());
          }
          prev = b.at();
          continue;
        }
        seen.add(describe(b, b0, "unexpected"));
        bad.add("a burst of " + b.count() + " at +" + s(b.at() - b0) + " that is neither the"
            + " second burst nor a refresh");
      }
      if (secondPending && b0 + delay + tol <= t1.get()) {
        bad.add("no second burst " + s(delay) + " after the first");
      }
      if (refresh) {
        f.put("refreshes", refreshes);
        if (refreshes > 0) {
          f.put("refresh_gap_min_s", seconds(minGap)).put("refresh_gap_max_s", seconds(maxGap));
        }
        if (t1.get() - prev > every + late + tol) {
          bad.add("no refresh " + s(every) + (late > 0 ? " (+ up to " + s(late) + ")" : "")
              + " after the one at +" + s(prev - b0) + " (the window ends at +"
              + s(t1.get() - b0) + ")");
        }
      }
      String tail = node + "'s GARPs for " + vip + " (" + mac + "): " + String.join(", ", seen)
          + "; expected " + expected.describe() + ", tolerance " + toleranceMillis + " ms ("
          + toleranceWhy + ")" + (others > 0 ? "; " + others + " GARPs from other MACs" : "");
      return bad.isEmpty() ? new Verdict(NAME, true, f.map(), tail)
          : new Verdict(NAME, false, f.map(), String.join("; ", bad) + ". " + tail);
    }

    private static String describe(Burst b, long b0, String what) {
      return what + " " + b.count() + " at +" + s(b.at() - b0);
    }
  }
}
