package lbchaos.report.html;

import static lbchaos.report.html.Markup.esc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lbchaos.report.model.Lane;
import lbchaos.report.model.Mark;
import lbchaos.report.model.RequestDot;
import lbchaos.report.model.ScenarioReport;
import lbchaos.report.model.Segment;
import lbchaos.report.model.Timeline;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/** One scenario's section: heading, legend, timeline, verdicts, the article-style log. */
final class ScenarioHtml {

  private ScenarioHtml() {}

  static String render(ScenarioReport s, Palette palette, String id) {
    StringBuilder out = new StringBuilder();
    out.append("<section class=\"scenario ").append(cssClass(s.outcome()))
        .append("\" id=\"").append(esc(id)).append("\">\n<h2>").append(pill(s.outcome()))
        .append(' ').append(esc(s.name())).append("</h2>\n");
    if (!s.description().isBlank()) {
      out.append("<p class=\"description\">").append(esc(s.description())).append("</p>\n");
    }
    out.append(legend(s.timeline(), palette));
    out.append("<div class=\"timeline-box\">\n")
        .append(TimelineSvg.render(s.timeline(), palette, id + "-timeline"))
        .append("</div>\n");
    out.append(verdicts(s.verdicts()));
    out.append(log(s.articleLog()));
    out.append(accessLog(s.accessLog(), s.timeline()));
    return out.append("</section>\n").toString();
  }

  static String pill(boolean passed) {
    return pill(passed ? Outcome.PASS : Outcome.FAIL);
  }

  static String pill(Outcome o) {
    return "<span class=\"pill " + cssClass(o) + "\">" + (o == Outcome.UNKNOWN ? "UNKNOWN"
        : o.name()) + "</span>";
  }

  static String cssClass(Outcome o) {
    return o.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String legend(Timeline t, Palette palette) {
    Map<String, Integer> perBackend = new TreeMap<>(Palette.NATURAL);
    int failed = 0;
    for (RequestDot r : t.requests()) {
      if (r.ok()) {
        perBackend.merge(r.backend(), 1, Integer::sum);
      } else {
        failed++;
      }
    }
    StringBuilder out = new StringBuilder("<div class=\"legend\">");
    out.append("<span class=\"legend-title\">requests</span>");
    perBackend.forEach((b, n) -> out.append(key("dot", palette.backend(b), b + " (" + n + ")")));
    out.append(key("dot", Palette.FAILED, "failed (" + failed + ")"));
    if (!t.faults().isEmpty()) {
      out.append("<span class=\"legend-title\">fault</span>")
          .append("<span class=\"key\"><i class=\"swatch fault\"></i>injected → healed</span>");
    }
    Set<String> vrrp = new LinkedHashSet<>();
    Set<String> other = new LinkedHashSet<>();
    for (Lane lane : t.lanes()) {
      for (Segment seg : lane.segments()) {
        (Palette.vrrp(seg.state()) ? vrrp : other).add(seg.state());
      }
    }
    if (!vrrp.isEmpty()) {
      out.append("<span class=\"legend-title\">VRRP state</span>");
      Palette.VRRP_ORDER.stream().filter(vrrp::contains)
          .forEach(st -> out.append(key("swatch", palette.state(st), st)));
    }
    if (!other.isEmpty()) {
      out.append("<span class=\"legend-title\">VIP holder</span>");
      for (String st : other) {
        String label = Palette.NOBODY.contains(st) ? "nobody (outage)"
            : Palette.splitBrain(st) ? st + " (split brain)" : st;
        out.append(Palette.NOBODY.contains(st)
            ? "<span class=\"key\"><i class=\"swatch hatch\"></i>" + esc(label) + "</span>"
            : key("swatch", palette.state(st), label));
      }
    }
    Set<Mark.Kind> kinds = new LinkedHashSet<>();
    t.marks().forEach(m -> kinds.add(m.kind()));
    if (!kinds.isEmpty()) {
      out.append("<span class=\"legend-title\">marks</span>");
      if (kinds.contains(Mark.Kind.DOWN)) {
        out.append(key("tri", Palette.MARK_DOWN, "server DOWN"));
      }
      if (kinds.contains(Mark.Kind.UP)) {
        out.append(key("tri", Palette.MARK_UP, "server UP"));
      }
      if (kinds.contains(Mark.Kind.INFO)) {
        out.append(key("tri", Palette.MARK_INFO, "other event"));
      }
    }
    return out.append("</div>\n").toString();
  }

  private static String key(String shape, String colour, String label) {
    String style = shape.equals("tri") ? "border-bottom-color:" + colour : "background:" + colour;
    return "<span class=\"key\"><i class=\"swatch " + shape + "\" style=\"" + style + "\"></i>"
        + esc(label) + "</span>";
  }

  private static String verdicts(List<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return "<p class=\"muted\">No checks recorded.</p>\n";
    }
    StringBuilder out = new StringBuilder(
        "<table class=\"verdicts\"><thead><tr><th></th><th>check</th><th>what was seen</th>"
            + "<th>figures (bound)</th></tr></thead><tbody>\n");
    for (Verdict v : verdicts) {
      out.append("<tr class=\"").append(cssClass(v.outcome())).append("\"><td>")
          .append(pill(v.outcome())).append("</td><td class=\"check\">").append(esc(v.name()))
          .append("</td><td>").append(esc(v.sentence())).append("</td><td><div class=\"figures\">")
          .append(figures(v)).append("</div></td></tr>\n");
    }
    return out.append("</tbody></table>\n").toString();
  }

  /**
   * The verdict's figures in the checker's order; the one its bound applies to carries the bound
   * (its derivation as a tooltip) and is marked when the check failed. A figure that only repeats
   * that bound is not shown twice.
   */
  private static String figures(Verdict v) {
    StringBuilder out = new StringBuilder();
    Bound b = v.bound();
    v.figures().forEach((name, value) -> {
      if (b != null && name.endsWith("bound_s") && value == b.seconds()) {
        return;
      }
      boolean bounded = b != null && name.equals(v.figure());
      boolean outside = bounded && v.outcome() == Outcome.FAIL;
      out.append("<span class=\"fig").append(outside ? " outside" : "").append("\"><b>")
          .append(esc(name)).append("</b> ").append(Markup.figure(name, value));
      if (bounded) {
        out.append(" <span class=\"bound\" title=\"").append(esc(b.derivation()))
            .append("\">bound ").append(Markup.figure(name, b.seconds())).append("</span>");
      }
      out.append("</span>");
    });
    return out.toString();
  }

  /**
   * The proxies' access logs, one row per request: the server each chose and its timers, next
   * to what the client saw in the timeline above.
   */
  private static String accessLog(List<lbchaos.report.model.AccessRow> rows, Timeline t) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<details class=\"access-log\"><summary>Access log · ")
        .append(rows.size()).append(" requests</summary><table class=\"verdicts\"><thead><tr>"
            + "<th>t (s)</th><th>proxy</th><th>client</th><th>frontend</th>"
            + "<th>backend/server</th><th>timers (ms)</th><th>status</th><th>bytes</th>"
            + "<th>state</th><th>request</th></tr></thead><tbody>\n");
    for (var r : rows) {
      out.append("<tr><td>").append(String.format(java.util.Locale.ROOT, "%.3f",
              t.offset(r.atMicros()))).append("</td><td>").append(esc(r.proxy()))
          .append("</td><td>").append(esc(r.client())).append("</td><td>")
          .append(esc(r.frontend())).append("</td><td>").append(esc(r.backend())).append('/')
          .append(esc(r.server())).append("</td><td>").append(esc(r.timers()))
          .append("</td><td>").append(r.status() < 0 ? "" : Integer.toString(r.status()))
          .append("</td><td>").append(r.bytes()).append("</td><td>").append(esc(r.termination()))
          .append("</td><td>").append(esc(r.request())).append("</td></tr>\n");
    }
    return out.append("</tbody></table></details>\n").toString();
  }

  private static String log(List<String> lines) {
    if (lines.isEmpty()) {
      return "";
    }
    long errors = lines.stream().filter(l -> l.contains("error")).count();
    StringBuilder out = new StringBuilder("<details class=\"article-log\"><summary>Article-style log · ")
        .append(lines.size()).append(" lines · ").append(errors).append(" errors</summary><pre>");
    for (String l : lines) {
      out.append(l.contains("error") ? "<span class=\"err\">" + esc(l) + "</span>" : esc(l))
          .append('\n');
    }
    return out.append("</pre></details>\n").toString();
  }
}
