package lbchaos.report.html;

import java.util.ArrayList;
import java.util.List;
import lbchaos.report.model.RequestDot;

/**
 * Latency to y on a log scale, from a whole decade up to a 1-2-5 step. Log, because the interesting
 * latencies span four decades: a healthy answer in a millisecond, a timeout after seconds.
 */
record LatencyScale(double lowMicros, double highMicros, double top, double bottom) {

  /** Below this a latency is drawn on the floor: loopback answers need no finer resolution. */
  private static final double FLOOR_MICROS = 100;

  static LatencyScale of(List<RequestDot> requests, double top, double bottom) {
    double min = requests.stream().mapToDouble(RequestDot::latencyMicros).min().orElse(1_000);
    double max = requests.stream().mapToDouble(RequestDot::latencyMicros).max().orElse(1_000_000);
    double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, FLOOR_MICROS))));
    // The top is the next 1-2-5 step, not the next decade: a 2 s timeout should sit near the
    // top, not a fifth of the way down.
    double hi = nice(Math.max(max * 1.1, lo * 100));
    return new LatencyScale(lo, hi, top, bottom);
  }

  private static double nice(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  double y(double micros) {
    double v = Math.max(lowMicros, Math.min(highMicros, micros));
    double f = (Math.log10(v) - Math.log10(lowMicros))
        / (Math.log10(highMicros) - Math.log10(lowMicros));
    return bottom - f * (bottom - top);
  }

  List<Double> decades() {
    List<Double> out = new ArrayList<>();
    for (double d = lowMicros; d <= highMicros * 1.0001; d = Math.rint(d * 10)) {
      out.add(d);
    }
    return out;
  }
}
