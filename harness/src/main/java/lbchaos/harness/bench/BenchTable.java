package lbchaos.harness.bench;

import java.util.List;
import java.util.Locale;

/** The table people read: one line per figure and stack, with which stack is better. */
public final class BenchTable {

  private BenchTable() {}

  public static String render(List<Measurement> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "| %-40s | %-9s | %-5s | %9s | %9s | %9s | %3s | %-28s |%n",
        "measurement", "stack", "unit", "p50", "p95", "max", "n", "java/reference"));
    b.append("|").append("-".repeat(42)).append("|").append("-".repeat(11)).append("|")
        .append("-".repeat(7)).append("|").append("-".repeat(11)).append("|")
        .append("-".repeat(11)).append("|").append("-".repeat(11)).append("|")
        .append("-".repeat(5)).append("|").append("-".repeat(30)).append("|\n");
    for (Measurement m : rows) {
      b.append(String.format(Locale.ROOT, "| %-40s | %-9s | %-5s | %9s | %9s | %9s | %3d | %-28s |%n",
          m.name(), m.stack(), m.unit(), num(m.p50()), num(m.p95()), num(m.max()), m.n(),
          verdict(m)));
    }
    return b.toString();
  }

  static String verdict(Measurement m) {
    if (m.ratio() == null) {
      return "";
    }
    double r = m.ratio();
    boolean javaBetter = m.lowerIsBetter() ? r < 1 : r > 1;
    double by = m.lowerIsBetter() ? (r < 1 ? 1 / r : r) : (r > 1 ? r : 1 / r);
    if (Math.abs(r - 1) < 0.05) {
      return String.format(Locale.ROOT, "%.2f (about equal)", r);
    }
    return String.format(Locale.ROOT, "%.2f (%s %.2fx better)", r, javaBetter ? "java" : "ref", by);
  }

  static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.3f", v);
  }
}
