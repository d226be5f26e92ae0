package lbchaos.harness.check;

import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lbchaos.event.NotifyRun;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;

/**
 * Notify scripts against the states the daemons report: on every node, the scripts ran once per
 * state entered that has a notify script (MASTER, BACKUP, FAULT), with that state as argument, in
 * the same order, each soon after its state change.
 */
public final class NotifyChecks {

  private static final Set<VrrpRole> NOTIFIED = Set.of(VrrpRole.MASTER, VrrpRole.BACKUP,
      VrrpRole.FAULT);

  private NotifyChecks() {}

  /**
   * @param script only NotifyRun events whose script is this (e.g. the ones made from the
   *     script's own output line, not a daemon saying it started it)
   * @param latency how long after its state change a script may run
   */
  public static Checker followStates(String script, Bound latency) {
    return new FollowStates(script, latency);
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("notify-order")
  public record FollowStates(String script, Bound latency) implements Checker {
    @Override
    public Verdict check(History h) {
      Map<String, List<VrrpStateChange>> states = new TreeMap<>();
      h.of(VrrpStateChange.class).stream().filter(c -> NOTIFIED.contains(c.to()))
          .forEach(c -> states.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c));
      Map<String, List<NotifyRun>> runs = new TreeMap<>();
      h.of(NotifyRun.class).stream().filter(r -> r.script().equals(script))
          .forEach(r -> runs.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r));
      List<String> problems = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      long worst = 0;
      int total = 0;
      for (String node : union(states, runs)) {
        List<String> want = states.getOrDefault(node, List.of()).stream()
            .map(c -> c.to().name()).toList();
        List<NotifyRun> got = runs.getOrDefault(node, List.of());
        List<String> args = got.stream().map(NotifyRun::state).toList();
        total += got.size();
        seen.add(node + " " + String.join(" -> ", args) + " for " + String.join(" -> ", want));
        // keepalived forks each notify script and does not wait for it (its notify_fifo exists
        // to give order), so the scripts of two changes a few milliseconds apart may write their
        // lines in either order. Each state change is therefore matched to a run with its state
        // within the latency bound; changes further apart than that must still run in order.
        boolean[] used = new boolean[got.size()];
        List<VrrpStateChange> changes = states.getOrDefault(node, List.of());
        for (int k = 0; k < changes.size(); k++) {
          VrrpStateChange c = changes.get(k);
          int best = -1;
          for (int i = 0; i < got.size(); i++) {
            if (!used[i] && got.get(i).state().equals(c.to().name())
                && Math.abs(got.get(i).at() - c.at()) <= latency.micros()) {
              best = i;
              break;
            }
          }
          if (best < 0) {
            problems.add(node + " ran no " + c.to() + " script within " + latency.describe()
                + " of entering it (state change " + (k + 1) + " of " + changes.size() + ")");
            continue;
          }
          used[best] = true;
          worst = Math.max(worst, Math.abs(got.get(best).at() - c.at()));
        }
        for (int i = 0; i < got.size(); i++) {
          if (!used[i]) {
            problems.add(node + " ran " + args.get(i) + " (run " + (i + 1) + " of " + got.size()
                + ") with no matching state change");
          }
        }
      }
      Figures f = Figures.of().put("notify_runs", total).put("max_notify_delay_s", seconds(worst))
          .put("notify_delay_bound_s", latency.seconds());
      if (total == 0) {
        return new Verdict("notify-order", false, f.map(), "no notify script ran (no "
            + script + " events)");
      }
      String tail = String.join("; ", seen) + "; latest " + s(worst) + " after its state change,"
          + " bound " + latency.describe();
      return problems.isEmpty()
          ? new Verdict("notify-order", true, f.map(), "notify scripts ran with each state"
              + " entered, in order: " + tail)
          : new Verdict("notify-order", false, f.map(), String.join("; ", problems) + "; " + tail);
    }
  }

  private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    Set<String> all = new java.util.TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }
}
