package lbchaos.harness.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lbchaos.event.AdvertSeen;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.verdict.Verdict;
import lbchaos.harness.history.FaultWindow;
import lbchaos.harness.history.History;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.console.ArticleLog;
import lbchaos.report.model.Lane;
import lbchaos.report.model.Mark;
import lbchaos.report.model.RequestDot;
import lbchaos.report.model.RunInfo;
import lbchaos.report.model.RunReport;
import lbchaos.report.model.ScenarioReport;
import lbchaos.report.model.Segment;
import lbchaos.report.model.Span;
import lbchaos.report.model.Timeline;

/** Turns what the harness recorded into the model the reports module renders. */
public final class ReportMapper {

  private ReportMapper() {}

  /** A run known only by its start (a single scenario's timeline for Allure, tests). */
  public static RunReport run(String stack, Instant started, List<ScenarioResult> results) {
    return run(stack, RunInfo.startedAt(started), results);
  }

  /** A whole run, with where it came from (see {@link RunFacts}). */
  public static RunReport run(String stack, RunInfo info, List<ScenarioResult> results) {
    return new RunReport(stack, info, results.stream().map(ReportMapper::scenario).toList(),
        List.of());
  }

  public static ScenarioReport scenario(ScenarioResult r) {
    List<Verdict> verdicts = new ArrayList<>(r.verdicts());
    if (r.error() != null) {
      verdicts.add(Verdict.unknown("scenario", Map.of(), r.error()));
    }
    Timeline t = timeline(r.history());
    return new ScenarioReport(r.name(), r.description(), r.outcome(), verdicts, t,
        ArticleLog.lines(t, ZoneId.systemDefault()), accessRows(r.history()));
  }

  /** The proxies' access log events, as the report's per-request rows, in time order. */
  public static List<lbchaos.report.model.AccessRow> accessRows(History h) {
    return h.of(lbchaos.event.AccessLog.class).stream()
        .sorted(java.util.Comparator.comparingLong(lbchaos.event.AccessLog::at))
        .map(a -> new lbchaos.report.model.AccessRow(a.at(), a.source(), a.client(),
            a.frontend(), a.backend(), a.server(), a.mode().equals("http")
                ? "TR/Tw/Tc/Tr/Ta " + a.tR() + "/" + a.tw() + "/" + a.tc() + "/" + a.tr() + "/"
                    + a.ta()
                : "Tw/Tc/Tt " + a.tw() + "/" + a.tc() + "/" + a.ta(),
            a.status(), a.bytes(), a.termination(), a.request()))
        .toList();
  }

  public static Timeline timeline(History h) {
    long start = h.startMicros().orElse(0L);
    long end = Math.max(start + 1, h.endMicros().orElse(start + 1));
    List<RequestDot> dots = new ArrayList<>();
    for (ProbeSample p : h.probes()) {
      long lat = Math.max(1, p.endAt() - p.at());
      dots.add(p.ok() ? RequestDot.ok(p.at(), lat, p.backend())
          : RequestDot.failed(p.at(), lat, p.error().name().toLowerCase()));
    }
    List<Span> faults = new ArrayList<>();
    for (FaultWindow w : h.faultWindows()) {
      faults.add(new Span(w.injectAt(), Math.max(w.injectAt(), w.healAt().orElse(end)),
          w.fault() + " " + w.target()));
    }
    List<Lane> lanes = new ArrayList<>();
    Map<String, List<VrrpStateChange>> byNode = new LinkedHashMap<>();
    for (VrrpStateChange c : h.of(VrrpStateChange.class)) {
      byNode.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c);
    }
    new TreeSet<>(byNode.keySet()).forEach(node -> lanes.add(new Lane(node,
        segments(nodeStates(byNode.get(node), downWindows(h, node)), end))));
    lanes.add(new Lane("VIP holder", segments(vipHolders(h), end)));
    List<AdvertSeen> adverts = h.of(AdvertSeen.class);
    if (!adverts.isEmpty()) {
      lanes.add(new Lane("wire master", segments(wireMasters(adverts), end)));
    }
    List<Mark> marks = new ArrayList<>();
    for (ServerState s : h.of(ServerState.class)) {
      marks.add(new Mark(s.at(), "proxy " + s.source(), s.server() + (s.up() ? " UP" : " DOWN"),
          s.up() ? Mark.Kind.UP : Mark.Kind.DOWN));
    }
    return new Timeline(start, end, dots, faults, lanes, marks);
  }

  record Change(long at, String state) {}

  static List<Segment> segments(List<Change> changes, long end) {
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      long to = i + 1 < changes.size() ? changes.get(i + 1).at() : end;
      if (to > changes.get(i).at()) {
        out.add(new Segment(changes.get(i).at(), to, changes.get(i).state()));
      }
    }
    return out;
  }

  /** Faults that take a node's daemons away: a killed or stopped container, a frozen one. */
  static final Map<String, String> DOWN = Map.of("kill", "DOWN", "stop", "DOWN", "pause",
      "PAUSED");

  /** The node's windows of {@link #DOWN} faults, in time order. */
  static List<FaultWindow> downWindows(History h, String node) {
    return h.faultWindows().stream().filter(w -> w.target().equals(node)
        && DOWN.containsKey(w.fault())).toList();
  }

  /**
   * A node's VRRP states with its outages drawn: from a kill, stop or pause the lane is DOWN (or
   * PAUSED), whatever the dying daemon last said, until the node reports again after the heal.
   * A dead node is never drawn as the master.
   */
  static List<Change> nodeStates(List<VrrpStateChange> reported, List<FaultWindow> down) {
    List<Change> out = new ArrayList<>();
    int w = 0;
    for (VrrpStateChange c : reported) {
      while (w < down.size() && down.get(w).injectAt() <= c.at()) {
        out.add(new Change(down.get(w).injectAt(), DOWN.get(down.get(w).fault())));
        w++;
      }
      FaultWindow last = w > 0 ? down.get(w - 1) : null;
      boolean silenced = last != null && c.at() < last.healAt().orElse(Long.MAX_VALUE);
      if (!silenced) {
        out.add(new Change(c.at(), c.to().name()));
      }
    }
    for (; w < down.size(); w++) {
      out.add(new Change(down.get(w).injectAt(), DOWN.get(down.get(w).fault())));
    }
    return out;
  }

  /**
   * Holder names over time: "loadbalancer-1", "none", or "a+b" during a dual master. A killed or
   * stopped node stops holding when the fault begins (a killed daemon never says it let go).
   */
  static List<Change> vipHolders(History h) {
    List<Change> out = new ArrayList<>();
    TreeSet<String> holders = new TreeSet<>();
    boolean seen = false;
    List<Hold> steps = new ArrayList<>();
    for (VipChange c : h.of(VipChange.class)) {
      steps.add(new Hold(c.at(), c.source(), c.added()));
    }
    for (FaultWindow fw : h.faultWindows()) {
      if ("DOWN".equals(DOWN.get(fw.fault()))) {
        steps.add(new Hold(fw.injectAt(), fw.target(), false));
      }
    }
    steps.sort(java.util.Comparator.comparingLong(Hold::at));
    for (Hold st : steps) {
      if (st.added()) {
        holders.add(st.node());
        seen = true;
      } else if (!holders.remove(st.node())) {
        continue;
      }
      if (seen) {
        out.add(new Change(st.at(), holders.isEmpty() ? "none" : String.join("+", holders)));
      }
    }
    return out;
  }

  private record Hold(long at, String node, boolean added) {}

  /** Who advertises on the wire: the latest advert's source per 3-advert window. */
  static List<Change> wireMasters(List<AdvertSeen> adverts) {
    List<Change> out = new ArrayList<>();
    String last = null;
    for (AdvertSeen a : adverts) {
      if (a.priority() == 0) {
        continue;
      }
      if (!a.from().equals(last)) {
        out.add(new Change(a.at(), a.from()));
        last = a.from();
      }
    }
    return out;
  }
}
