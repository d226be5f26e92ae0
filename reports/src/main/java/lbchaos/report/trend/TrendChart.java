package lbchaos.report.trend;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The nightly trend as an HTML fragment: per scenario, one small line chart per figure, one line
 * per stack, runs evenly spaced (nightly runs are, and a gap in the nights is not a trend). A
 * run whose scenario failed has a hollow red point.
 */
public final class TrendChart {

  private static final double W = 360;
  private static final double H = 170;
  private static final double L = 52;
  private static final double R = 14;
  private static final double T = 12;
  private static final double B = 30;
  private static final String FAILED = "#d62728";
  private static final Map<String, String> STACKS =
      Map.of("java", "#3b6ea8", "reference", "#e07b39", "mixed", "#5f9e4f");
  private static final String[] OTHER = {"#8e5ea2", "#4d8f8b", "#a0785a", "#777777"};
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private TrendChart() {}

  /** The trend section's content; a sentence instead when there is nothing to compare yet. */
  public static String html(Trend trend) {
    StringBuilder out = new StringBuilder();
    List<Instant> times = trend.times();
    out.append("<p class=\"trend-note\">").append(times.size()).append(times.size() == 1
        ? " run so far; the trend starts with the next one." : " runs, oldest on the left (UTC).")
        .append(" Hollow red points: the scenario failed that run.</p>\n");
    for (String w : trend.warnings()) {
      out.append("<p class=\"trend-warning\">skipped: ").append(esc(w)).append("</p>\n");
    }
    List<String> stacks = stacks(trend);
    out.append("<div class=\"legend\">");
    for (String s : stacks) {
      out.append("<span class=\"key\"><i class=\"swatch line\" style=\"background:")
          .append(colour(s, stacks)).append("\"></i>").append(esc(s)).append("</span>");
    }
    out.append("</div>\n");
    for (String scenario : trend.scenarios()) {
      out.append("<div class=\"trend-scenario\"><h3>").append(esc(scenario))
          .append("</h3><div class=\"trend-grid\">\n");
      for (String figure : trend.figures(scenario)) {
        out.append("<figure class=\"trend-chart\"><figcaption>").append(esc(figure))
            .append("</figcaption>\n")
            .append(chart(scenario, figure, trend.series(scenario, figure), times, stacks))
            .append("</figure>\n");
      }
      out.append("</div></div>\n");
    }
    return out.toString();
  }

  static String chart(String scenario, String figure, Map<String, List<Trend.Point>> series,
      List<Instant> times, List<String> stacks) {
    double max = series.values().stream().flatMap(List::stream)
        .mapToDouble(Trend.Point::value).max().orElse(1);
    double min = Math.min(0, series.values().stream().flatMap(List::stream)
        .mapToDouble(Trend.Point::value).min().orElse(0));
    // A flat zero (no outage, every night) still needs a scale to sit on.
    double top = max > min ? nice(max) : min + 1;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg class=\"trend\" viewBox=\"0 0 %.0f %.0f\" width=\"100%%\" data-scenario=\"%s\" "
            + "data-figure=\"%s\">\n", W, H, esc(scenario), esc(figure)));
    for (int i = 0; i <= 2; i++) {
      double v = min + (top - min) * i / 2;
      double y = y(v, min, top);
      svg.append(String.format(Locale.ROOT,
          "<line class=\"trend-grid-line\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
              + "<text class=\"trend-y\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
          L, W - R, y, y, L - 6, y + 4, value(figure, v)));
    }
    for (int i : labelIndexes(times.size())) {
      // The outermost labels align to their point's side so that they stay inside the chart.
      String anchor = times.size() == 1 ? "middle" : i == 0 ? "start" : i == times.size() - 1
          ? "end" : "middle";
      svg.append(String.format(Locale.ROOT,
          "<text class=\"trend-x\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
          x(i, times.size()), H - 10, anchor, DAY.format(times.get(i))));
    }
    for (Map.Entry<String, List<Trend.Point>> e : series.entrySet()) {
      String colour = colour(e.getKey(), stacks);
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (Trend.Point p : e.getValue()) {
        double px = x(times.indexOf(p.at()), times.size());
        double py = y(p.value(), min, top);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        String tip = DAY.format(p.at()) + " UTC · " + e.getKey() + " · " + figure + " = "
            + value(figure, p.value()) + (p.passed() ? "" : " · FAILED");
        dots.append(String.format(Locale.ROOT,
            "<circle class=\"trend-pt%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" "
                + "stroke=\"%s\" data-tip=\"%s\"/>\n", p.passed() ? "" : " fail", px, py,
            p.passed() ? "3" : "4", p.passed() ? colour : "#ffffff",
            p.passed() ? colour : FAILED, esc(tip)));
      }
      svg.append("<polyline class=\"trend-line\" fill=\"none\" stroke=\"").append(colour)
          .append("\" points=\"").append(points.toString().strip()).append("\"/>\n")
          .append(dots);
    }
    return svg.append("</svg>\n").toString();
  }

  private static double x(int i, int n) {
    return n <= 1 ? (L + W - R) / 2 : L + 8 + (W - R - L - 16) * i / (n - 1.0);
  }

  private static double y(double v, double min, double top) {
    return H - B - (v - min) / (top - min) * (H - B - T);
  }

  /** First, last and middle labels only: dates are wide and the chart is small. */
  private static Set<Integer> labelIndexes(int n) {
    Set<Integer> out = new LinkedHashSet<>();
    if (n > 0) {
      out.add(0);
      out.add(n - 1);
    }
    if (n >= 5) {
      out.add((n - 1) / 2);
    }
    return out;
  }

  /** The next 1, 2 or 5 times a power of ten at or above v. */
  static double nice(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v - 1e-12) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String value(String figure, double v) {
    if (figure.endsWith("_s")) {
      return String.format(Locale.ROOT, v < 10 ? "%.2f s" : "%.1f s", v);
    }
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static List<String> stacks(Trend trend) {
    Set<String> out = new LinkedHashSet<>();
    trend.runs().forEach(r -> out.add(r.summary().stack()));
    return List.copyOf(out);
  }

  private static String colour(String stack, List<String> stacks) {
    String known = STACKS.get(stack);
    if (known != null) {
      return known;
    }
    List<String> others = stacks.stream().filter(s -> !STACKS.containsKey(s)).toList();
    return OTHER[Math.max(0, others.indexOf(stack)) % OTHER.length];
  }

  /** The HTML escaping of lbchaos.report.html, repeated so that trend does not depend on it. */
  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
