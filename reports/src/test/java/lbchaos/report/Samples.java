package lbchaos.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.report.console.ArticleLog;
import lbchaos.report.model.Lane;
import lbchaos.report.model.LintFinding;
import lbchaos.report.model.Mark;
import lbchaos.report.model.RequestDot;
import lbchaos.report.model.RunReport;
import lbchaos.report.model.ScenarioReport;
import lbchaos.report.model.Segment;
import lbchaos.report.model.Span;
import lbchaos.report.model.Timeline;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * Runs shaped like the article's measurements: 20 requests a second, round robin over two
 * webservers, a 2 s client timeout. Deterministic, so tests can count what is drawn.
 */
public final class Samples {

  public static final Instant START = Instant.parse("2026-11-28T01:59:00Z");
  public static final long T0 = START.getEpochSecond() * 1_000_000L;
  static final long SEC = 1_000_000L;
  static final int RATE = 20;

  private Samples() {}

  public static RunReport run() {
    return new RunReport("java", START, List.of(webserverKill(), masterKill()), List.of(
        new LintFinding("keepalived-lb1.conf", 12, LintFinding.Severity.WARNING,
            "priority 255 makes this node the address owner: track_script weights are ignored"),
        new LintFinding("haproxy.cfg", 31, LintFinding.Severity.INFO,
            "unknown keyword 'option redispatch2' ignored")));
  }

  /** webserver-1 killed at 10 s, restarted at 25 s; the proxy notices after 6 failures. */
  public static ScenarioReport webserverKill() {
    List<RequestDot> requests = new ArrayList<>();
    int failedBefore = 0;
    for (int i = 0; i < 40 * RATE; i++) {
      long at = T0 + i * SEC / RATE;
      double t = i / (double) RATE;
      String backend = i % 2 == 0 ? "webserver-1" : "webserver-2";
      boolean dead = t >= 10 && t < 25;
      boolean proxyKnows = t >= 20 && t < 28;
      if (dead && !proxyKnows && backend.equals("webserver-1") && i % 6 == 0 && failedBefore < 6) {
        requests.add(RequestDot.failed(at, 2 * SEC, "timeout"));
        failedBefore++;
      } else {
        String b = proxyKnows || dead ? "webserver-2" : backend;
        requests.add(RequestDot.ok(at, latency(i), b));
      }
    }
    List<Lane> lanes = List.of(
        new Lane("loadbalancer-1", List.of(seg(0, 40, "MASTER"))),
        new Lane("loadbalancer-2", List.of(seg(0, 40, "BACKUP"))),
        new Lane("VIP holder (wire)", List.of(seg(0, 40, "loadbalancer-1"))));
    List<Mark> marks = List.of(
        new Mark(T0 + 20 * SEC, "proxy loadbalancer-1", "webserver-1 DOWN", Mark.Kind.DOWN),
        new Mark(T0 + 28 * SEC, "proxy loadbalancer-1", "webserver-1 UP", Mark.Kind.UP));
    Timeline timeline = new Timeline(T0, T0 + 40 * SEC, requests,
        List.of(new Span(T0 + 10 * SEC, T0 + 25 * SEC, "kill webserver-1")), lanes, marks);
    return new ScenarioReport("webserver killed",
        "Kill webserver-1 under load, restart it after 15 s; the proxy must take it out of and "
            + "back into rotation.", Outcome.PASS,
        List.of(
            verdict("outage", true, "at most 0.00 s without a successful answer",
                figures("outage_s", 0.0, "failed_requests", 6.0), bounds("outage_s", 1.0)),
            verdict("detection", true, "the proxy marked webserver-1 DOWN 10.00 s after the kill",
                figures("detection_s", 10.0), bounds("detection_s", 12.0)),
            verdict("rejoin", true, "webserver-1 answered again 3.00 s after restart",
                figures("rejoin_s", 3.0), bounds("rejoin_s", 5.0)),
            verdict("round robin", true, "strict alternation outside the fault",
                figures("share_min", 0.5, "failed_requests", 6.0), bounds())),
        timeline, ArticleLog.lines(timeline, ZoneOffset.UTC));
  }

  /** The master LB killed at 10 s; the VIP moves after ~2.2 s; it comes back at 30 s. */
  public static ScenarioReport masterKill() {
    List<RequestDot> requests = new ArrayList<>();
    for (int i = 0; i < 40 * RATE; i++) {
      long at = T0 + i * SEC / RATE;
      double t = i / (double) RATE;
      if (t >= 10 && t < 12.2 && i % 15 == 0) {
        requests.add(RequestDot.failed(at, 2 * SEC, "timeout"));
      } else if (t >= 10 && t < 12.2) {
        continue; // the client waits on the hanging request; none sent meanwhile
      } else {
        requests.add(RequestDot.ok(at, latency(i), i % 2 == 0 ? "webserver-1" : "webserver-2"));
      }
    }
    List<Lane> lanes = List.of(
        new Lane("loadbalancer-1", List.of(seg(0, 10, "MASTER"), seg(10, 30, "STOP"),
            seg(30, 30.4, "INIT"), seg(30.4, 33, "BACKUP"), seg(33, 40, "MASTER"))),
        new Lane("loadbalancer-2", List.of(seg(0, 12.1, "BACKUP"), seg(12.1, 33, "MASTER"),
            seg(33, 40, "BACKUP"))),
        new Lane("VIP holder (wire)", List.of(seg(0, 10, "loadbalancer-1"), seg(10, 12.2, "none"),
            seg(12.2, 33, "loadbalancer-2"), seg(33, 40, "loadbalancer-1"))));
    Timeline timeline = new Timeline(T0, T0 + 40 * SEC, requests,
        List.of(new Span(T0 + 10 * SEC, T0 + 30 * SEC, "kill loadbalancer-1")), lanes, List.of(
            new Mark(T0 + 12_100_000L, "loadbalancer-2", "GARP 10.0.0.211", Mark.Kind.INFO)));
    return new ScenarioReport("master LB killed",
        "Kill the VRRP master under load; the backup must take the VIP within the bound.",
        Outcome.FAIL,
        List.of(
            verdict("outage", false, "the client saw no answer for 2.20 s, more than 1.50 s",
                figures("outage_s", 2.2, "failed_requests", 3.0), bounds("outage_s", 1.5)),
            verdict("single master", true, "never two masters at once", figures(), bounds()),
            verdict("detection", true, "the backup became master 2.10 s after the kill",
                figures("detection_s", 2.1), bounds("detection_s", 3.6))),
        timeline, ArticleLog.lines(timeline, ZoneOffset.UTC));
  }

  private static long latency(int i) {
    return 800 + (i * 7919L % 2400);
  }

  private static Segment seg(double from, double to, String state) {
    return new Segment(T0 + Math.round(from * SEC), T0 + Math.round(to * SEC), state);
  }

  /** A verdict; {@code bound} is empty or one figure name and its bound in seconds. */
  private static Verdict verdict(String name, boolean passed, String sentence,
      Map<String, Double> figures, Map<String, Double> bound) {
    Verdict v = new Verdict(name, passed, figures, sentence);
    return bound.isEmpty() ? v : bound.entrySet().stream().findFirst()
        .map(b -> v.judgedBy(b.getKey(), new Bound(Duration.ofNanos(Math.round(b.getValue() * 1e9)),
            "sample derivation of " + b.getKey()))).orElseThrow();
  }

  static Map<String, Double> figures(Object... kv) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], (Double) kv[i + 1]);
    }
    return out;
  }

  static Map<String, Double> bounds(Object... kv) {
    return figures(kv);
  }
}
