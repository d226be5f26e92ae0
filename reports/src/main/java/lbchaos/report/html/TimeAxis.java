package lbchaos.report.html;

import java.util.ArrayList;
import java.util.List;

/** Tick positions in seconds: a 1-2-5 step that gives at most about a dozen labels. */
final class TimeAxis {

  private static final double[] STEPS =
      {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};

  private TimeAxis() {}

  static double step(double spanSeconds) {
    for (double s : STEPS) {
      if (spanSeconds / s <= 12) {
        return s;
      }
    }
    return Math.ceil(spanSeconds / 12 / 3600) * 3600;
  }

  static List<Double> ticks(double spanSeconds) {
    double step = step(spanSeconds);
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; i * step <= spanSeconds + 1e-9; i++) {
      ticks.add(i * step);
    }
    return ticks;
  }
}
