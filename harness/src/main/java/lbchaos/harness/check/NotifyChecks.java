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

  /**
   * The last notification each node got (of those from {@code script}, naming MASTER, BACKUP or
   * FAULT) names the state it ended in: the last state change it reported. A notify script that
   * ran late or a FIFO line that was lost leaves a node's user believing the wrong state
   * (keepalived issues #996, #1055). Fails when no notification at all was seen.
   */
  public static Checker lastState(String script) {
    return new LastState(script);
  }

  /**
   * Each node's notifications from {@code script} name its states in exactly the order it
   * entered them, one for one: what keepalived's notify FIFO promises (one writer, one line per
   * change, in order) and separate notify scripts do not. Lines that are events, not states
   * (MASTER_RX_LOWER_PRI), are counted, not compared.
   */
  public static Checker sameOrder(String script) {
    return new SameOrder(script);
  }

  /** A node's state changes and notifications, as the two checks above read them. */
  private record Node(List<VrrpStateChange> changes, List<NotifyRun> runs, int events) {
    List<String> entered() {
      return changes.stream().map(c -> c.to().name()).toList();
    }

    List<String> named() {
      return runs.stream().map(NotifyRun::state).toList();
    }
  }

  private static Map<String, Node> nodes(History h, String script) {
    Set<String> states = Set.of("MASTER", "BACKUP", "FAULT");
    Map<String, List<VrrpStateChange>> changes = new TreeMap<>();
    h.of(VrrpStateChange.class).stream().filter(c -> NOTIFIED.contains(c.to()))
        .forEach(c -> changes.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c));
    Map<String, List<NotifyRun>> runs = new TreeMap<>();
    Map<String, Integer> events = new TreeMap<>();
    for (NotifyRun r : h.of(NotifyRun.class)) {
      if (!r.script().equals(script)) {
        continue;
      }
      if (states.contains(r.state())) {
        runs.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r);
      } else {
        events.merge(r.source(), 1, Integer::sum);
      }
    }
    Map<String, Node> out = new TreeMap<>();
    Set<String> all = union(changes, runs);
    all.addAll(events.keySet());
    for (String n : all) {
      out.put(n, new Node(changes.getOrDefault(n, List.of()), runs.getOrDefault(n, List.of()),
          events.getOrDefault(n, 0)));
    }
    return out;
  }

  private static Figures figures(Map<String, Node> nodes, History h) {
    long masterChanges = h.of(VrrpStateChange.class).stream()
        .filter(c -> c.to() == VrrpRole.MASTER || c.from() == VrrpRole.MASTER).count();
    return Figures.of()
        .put("state_changes", nodes.values().stream().mapToInt(n -> n.changes().size()).sum())
        .put("master_changes", masterChanges)
        .put("notifications", nodes.values().stream().mapToInt(n -> n.runs().size()).sum())
        .put("event_lines", nodes.values().stream().mapToInt(Node::events).sum());
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("notify-last-state")
  public record LastState(String script) implements Checker {
    @Override
    public Verdict check(History h) {
      Map<String, Node> nodes = nodes(h, script);
      List<String> problems = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (var e : nodes.entrySet()) {
        Node n = e.getValue();
        String last = n.runs().isEmpty() ? "nothing" : n.named().getLast();
        String end = n.changes().isEmpty() ? "no state" : n.entered().getLast();
        seen.add(e.getKey() + " last told " + last + ", ended " + end);
        if (!last.equals(end)) {
          problems.add(e.getKey() + " ended " + end + " but its last notification ("
              + n.runs().size() + " of them) says " + last);
        }
      }
      Figures f = figures(nodes, h);
      if (nodes.values().stream().allMatch(n -> n.runs().isEmpty())) {
        return new Verdict("notify-last-state", false, f.map(), "no notification seen (no "
            + script + " events)");
      }
      return problems.isEmpty()
          ? new Verdict("notify-last-state", true, f.map(), "each node's last notification ("
              + script + ") names the state it ended in: " + String.join("; ", seen))
          : new Verdict("notify-last-state", false, f.map(), String.join("; ", problems));
    }
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("notify-same-order")
  public record SameOrder(String script) implements Checker {
    @Override
    public Verdict check(History h) {
      Map<String, Node> nodes = nodes(h, script);
      List<String> problems = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (var e : nodes.entrySet()) {
        List<String> want = e.getValue().entered();
        List<String> got = e.getValue().named();
        seen.add(e.getKey() + " " + got.size() + " for " + want.size() + " changes");
        if (!want.equals(got)) {
          int i = 0;
          while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) {
            i++;
          }
          problems.add(e.getKey() + " entered " + String.join(" -> ", want) + " but was told "
              + String.join(" -> ", got) + " (first difference at " + (i + 1) + ")");
        }
      }
      Figures f = figures(nodes, h);
      if (nodes.values().stream().allMatch(n -> n.runs().isEmpty())) {
        return new Verdict("notify-same-order", false, f.map(), "no notification seen (no "
            + script + " events)");
      }
      return problems.isEmpty()
          ? new Verdict("notify-same-order", true, f.map(), "each node was told its states ("
              + script + ") one for one, in the order it entered them: "
              + String.join("; ", seen))
          : new Verdict("notify-same-order", false, f.map(), String.join("; ", problems));
    }
  }

  private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    Set<String> all = new java.util.TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }
}
