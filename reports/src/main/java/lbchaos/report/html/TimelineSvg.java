package lbchaos.report.html;

import static lbchaos.report.html.Markup.esc;
import static lbchaos.report.html.Markup.px;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lbchaos.report.model.Lane;
import lbchaos.report.model.Mark;
import lbchaos.report.model.RequestDot;
import lbchaos.report.model.Segment;
import lbchaos.report.model.Span;
import lbchaos.report.model.Timeline;

/**
 * One scenario's timeline as inline SVG: requests as dots (x time, y latency on a log scale),
 * fault spans shaded through every row, a row per lane, a row per group of marks, a time axis.
 * Everything is drawn here, server side; the page's script only adds tooltips and a cursor.
 */
final class TimelineSvg {

  static final double WIDTH = 1200;
  static final double LEFT = 160;
  static final double RIGHT = 24;
  private static final double TOP = 4;
  private static final double LABEL_ROW = 20;
  private static final double BAND = 150;
  private static final double BAND_GAP = 14;
  private static final double LANE = 24;
  private static final double LANE_GAP = 8;
  private static final double MARK_ROW = 40;
  private static final double AXIS = 34;
  /** Dot radius bounds: large enough to see one dot, small enough that 20/s stay apart. */
  private static final double DOT_MIN = 2.2;
  private static final double DOT_MAX = 3.6;

  private final Timeline t;
  private final Palette palette;
  private final StringBuilder out = new StringBuilder(64 * 1024);
  private final double span;
  private final double bandTop = TOP + LABEL_ROW;
  private final double bandBottom = bandTop + BAND;
  private final List<String> laneNames;
  private final List<String> markRows;
  private final double plotBottom;
  private final LatencyScale latency;
  private final double dotR;

  private TimelineSvg(Timeline t, Palette palette) {
    this.t = t;
    this.palette = palette;
    this.span = Math.max(t.endMicros() - t.startMicros(), 1);
    this.laneNames = t.lanes().stream().map(Lane::name).toList();
    Set<String> rows = new LinkedHashSet<>();
    t.marks().stream().map(Mark::lane).filter(l -> !laneNames.contains(l)).forEach(rows::add);
    this.markRows = List.copyOf(rows);
    this.plotBottom = laneTop(laneNames.size()) + markRows.size() * MARK_ROW;
    this.latency = LatencyScale.of(t.requests(), bandTop + 6, bandBottom - 6);
    double perDot = (WIDTH - LEFT - RIGHT) / Math.max(1, t.requests().size());
    this.dotR = Math.max(DOT_MIN, Math.min(DOT_MAX, perDot * 2));
  }

  static String render(Timeline t, Palette palette, String id) {
    return new TimelineSvg(t, palette).draw(id);
  }

  private String draw(String id) {
    double height = plotBottom + AXIS;
    long failed = t.requests().stream().filter(r -> !r.ok()).count();
    out.append(String.format(Locale.ROOT,
        "<svg id=\"%s\" class=\"timeline\" viewBox=\"0 0 %s %s\" width=\"100%%\" role=\"img\" "
            + "aria-label=\"timeline: %d requests, %d failed\" data-x0=\"%s\" data-x1=\"%s\" "
            + "data-span=\"%s\" data-requests=\"%d\" data-failed=\"%d\">\n",
        esc(id), px(WIDTH), px(height), t.requests().size(), failed, px(LEFT), px(WIDTH - RIGHT),
        String.format(Locale.ROOT, "%.6f", span / 1e6), t.requests().size(), failed));
    rect(LEFT, bandTop, WIDTH - RIGHT - LEFT, BAND, "band", null);
    grid();
    faults();
    latencyGrid();
    markGuides();
    dots();
    lanes();
    markRowsDraw();
    axis(height);
    out.append(String.format(Locale.ROOT,
        "<line class=\"cursor\" x1=\"0\" x2=\"0\" y1=\"%s\" y2=\"%s\" visibility=\"hidden\"/>\n",
        px(bandTop), px(plotBottom)));
    out.append("</svg>\n");
    return out.toString();
  }

  private double x(long micros) {
    double f = (double) (micros - t.startMicros()) / span;
    return LEFT + Math.max(0, Math.min(1, f)) * (WIDTH - RIGHT - LEFT);
  }

  private double laneTop(int i) {
    return bandBottom + BAND_GAP + i * (LANE + LANE_GAP);
  }

  private double markRowTop(int i) {
    return laneTop(laneNames.size()) + i * MARK_ROW;
  }

  private String at(long micros) {
    return String.format(Locale.ROOT, "%.3f s", t.offset(micros));
  }

  private void grid() {
    for (double s : TimeAxis.ticks(span / 1e6)) {
      double gx = LEFT + s * 1e6 / span * (WIDTH - RIGHT - LEFT);
      line(gx, bandTop, gx, plotBottom, "grid");
    }
  }

  private void faults() {
    for (Span f : t.faults()) {
      double x0 = x(f.fromMicros());
      double x1 = Math.max(x(f.toMicros()), x0 + 2);
      String tip = f.label() + ": " + at(f.fromMicros()) + " to " + at(f.toMicros());
      rect(x0, bandTop, x1 - x0, plotBottom - bandTop, "fault", tip);
      line(x0, TOP + 2, x0, plotBottom, "fault-edge");
      line(x1, bandTop, x1, plotBottom, "fault-edge");
      out.append(String.format(Locale.ROOT,
          "<text class=\"fault-label\" x=\"%s\" y=\"%s\" data-tip=\"%s\">⚡ %s</text>\n",
          px(x0 + 4), px(TOP + 13), esc(tip), esc(f.label())));
    }
  }

  private void latencyGrid() {
    for (double decade : latency.decades()) {
      double gy = latency.y(decade);
      line(LEFT, gy, WIDTH - RIGHT, gy, "lat-grid");
      text(LEFT - 8, gy + 4, "lat-label", Markup.decade(decade));
    }
    double mid = (bandTop + bandBottom) / 2;
    out.append(String.format(Locale.ROOT,
        "<text class=\"band-title\" x=\"%s\" y=\"%s\" transform=\"rotate(-90 %s %s)\">"
            + "request latency</text>\n", px(LEFT - 62), px(mid), px(LEFT - 62), px(mid)));
  }

  private void dots() {
    List<RequestDot> failures = new ArrayList<>();
    for (RequestDot r : t.requests()) {
      if (r.ok()) {
        dot(r, palette.backend(r.backend()), "req ok", r.backend());
      } else {
        failures.add(r);
      }
    }
    // Failures last, so that a red dot is never hidden under a successful one.
    for (RequestDot r : failures) {
      dot(r, Palette.FAILED, "req fail", "error: " + r.error());
    }
  }

  private void dot(RequestDot r, String fill, String cls, String what) {
    String tip = "+" + at(r.atMicros()) + " · " + what + " · " + Markup.latency(r.latencyMicros());
    out.append(String.format(Locale.ROOT,
        "<circle class=\"%s\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" data-tip=\"%s\"/>\n",
        cls, px(x(r.atMicros())), px(latency.y(r.latencyMicros())),
        px(r.ok() ? dotR : dotR + 1), fill, esc(tip)));
  }

  private void lanes() {
    for (int i = 0; i < t.lanes().size(); i++) {
      Lane lane = t.lanes().get(i);
      double top = laneTop(i);
      text(LEFT - 8, top + LANE / 2 + 4, "lane-label", lane.name());
      rect(LEFT, top, WIDTH - RIGHT - LEFT, LANE, "lane-bg", null);
      for (Segment s : lane.segments()) {
        segment(lane, s, top);
      }
      for (Mark m : t.marks()) {
        if (m.lane().equals(lane.name())) {
          double mx = x(m.atMicros());
          out.append(String.format(Locale.ROOT,
              "<line class=\"mark-tick\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\" stroke=\"%s\" "
                  + "data-tip=\"%s\"/>\n", px(mx), px(mx), px(top - 3), px(top + LANE + 3),
              markColour(m), esc("+" + at(m.atMicros()) + " · " + m.label())));
        }
      }
    }
  }

  private void segment(Lane lane, Segment s, double top) {
    double x0 = x(s.fromMicros());
    double w = Math.max(x(s.toMicros()) - x0, 1);
    String tip = lane.name() + ": " + s.state() + " from " + at(s.fromMicros()) + " to "
        + at(s.toMicros());
    out.append(String.format(Locale.ROOT,
        "<rect class=\"seg\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\" "
            + "data-state=\"%s\" data-tip=\"%s\"/>\n",
        px(x0), px(top), px(w), px(LANE), palette.state(s.state()), esc(s.state()), esc(tip)));
    // A label only where it fits; the tooltip and the legend cover narrow segments.
    if (w > s.state().length() * 6.6 + 10) {
      out.append(String.format(Locale.ROOT,
          "<text class=\"seg-label\" x=\"%s\" y=\"%s\" fill=\"%s\">%s</text>\n",
          px(x0 + w / 2), px(top + LANE / 2 + 4), Palette.textOn(s.state()), esc(s.state())));
    }
  }

  private void markGuides() {
    for (Mark m : t.marks()) {
      double mx = x(m.atMicros());
      line(mx, bandTop, mx, bandBottom, "mark-guide", markColour(m));
    }
  }

  private void markRowsDraw() {
    for (int i = 0; i < markRows.size(); i++) {
      String row = markRows.get(i);
      double top = markRowTop(i);
      text(LEFT - 8, top + 17, "lane-label", row);
      line(LEFT, top + MARK_ROW - 4, WIDTH - RIGHT, top + MARK_ROW - 4, "mark-base");
      // Two label levels; a label drops to the second when it would overrun the one before.
      double[] freeFrom = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
      List<Mark> marks = t.marks().stream().filter(m -> m.lane().equals(row))
          .sorted((a, b) -> Long.compare(a.atMicros(), b.atMicros())).toList();
      for (Mark m : marks) {
        double mx = x(m.atMicros());
        int level = mx >= freeFrom[0] ? 0 : mx >= freeFrom[1] ? 1 : 0;
        double width = m.label().length() * 6.4 + 10;
        freeFrom[level] = mx + width;
        double labelY = top + 13 + level * 14;
        String colour = markColour(m);
        String tip = "+" + at(m.atMicros()) + " · " + row + " · " + m.label();
        line(mx, top + 2, mx, top + MARK_ROW - 4, "mark-line", colour);
        out.append(String.format(Locale.ROOT,
            "<path class=\"mark\" d=\"M%s %sl5 -6h-10z\" fill=\"%s\" data-tip=\"%s\"/>\n",
            px(mx), px(top + MARK_ROW - 4), colour, esc(tip)));
        boolean flip = mx + width > WIDTH - RIGHT;
        out.append(String.format(Locale.ROOT,
            "<text class=\"mark-label\" x=\"%s\" y=\"%s\" fill=\"%s\" text-anchor=\"%s\" "
                + "data-tip=\"%s\">%s</text>\n",
            px(flip ? mx - 4 : mx + 4), px(labelY), colour, flip ? "end" : "start", esc(tip),
            esc(m.label())));
      }
    }
  }

  private void axis(double height) {
    double y = plotBottom + 4;
    line(LEFT, y, WIDTH - RIGHT, y, "axis");
    for (double s : TimeAxis.ticks(span / 1e6)) {
      double ax = LEFT + s * 1e6 / span * (WIDTH - RIGHT - LEFT);
      line(ax, y, ax, y + 5, "axis");
      out.append(String.format(Locale.ROOT,
          "<text class=\"axis-label\" x=\"%s\" y=\"%s\">%s</text>\n",
          px(ax), px(y + 18), Markup.seconds(s)));
    }
    text(LEFT - 22, y + 18, "axis-title", "time since start");
  }

  private static String markColour(Mark m) {
    return switch (m.kind()) {
      case UP -> Palette.MARK_UP;
      case DOWN -> Palette.MARK_DOWN;
      case INFO -> Palette.MARK_INFO;
    };
  }

  private void rect(double x, double y, double w, double h, String cls, String tip) {
    out.append(String.format(Locale.ROOT,
        "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"%s/>\n",
        cls, px(x), px(y), px(w), px(h), tip == null ? "" : " data-tip=\"" + esc(tip) + "\""));
  }

  private void line(double x1, double y1, double x2, double y2, String cls) {
    line(x1, y1, x2, y2, cls, null);
  }

  private void line(double x1, double y1, double x2, double y2, String cls, String stroke) {
    out.append(String.format(Locale.ROOT,
        "<line class=\"%s\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"%s/>\n",
        cls, px(x1), px(y1), px(x2), px(y2), stroke == null ? "" : " stroke=\"" + stroke + "\""));
  }

  private void text(double x, double y, String cls, String s) {
    out.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%s\" y=\"%s\">%s</text>\n",
        cls, px(x), px(y), esc(s)));
  }
}
