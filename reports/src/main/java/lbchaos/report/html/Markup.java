package lbchaos.report.html;

import java.util.Locale;

/** Escaping and number formatting for the HTML and SVG the report writes. */
final class Markup {

  private Markup() {}

  /** Escapes text for element content and double-quoted attributes alike. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A coordinate: one decimal is finer than a pixel and keeps the file small. */
  static String px(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A figure as a person reads it: seconds with unit, counts without decimals. */
  static String figure(String name, double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (name.endsWith("_s")) {
      return String.format(Locale.ROOT, "%.2f s", v);
    }
    if (name.endsWith("_ms")) {
      return String.format(Locale.ROOT, "%.1f ms", v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** A latency in the unit that suits it. */
  static String latency(double micros) {
    if (micros < 1_000) {
      return String.format(Locale.ROOT, "%.0f µs", micros);
    }
    if (micros < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
    }
    return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
  }

  /** A power of ten of microseconds as an axis label: "100 µs", "1 ms", "10 s". */
  static String decade(double micros) {
    if (micros < 1_000) {
      return String.format(Locale.ROOT, "%.0f µs", micros);
    }
    if (micros < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f s", micros / 1e6);
  }

  /** Seconds on the time axis: whole numbers bare, fractions with what the step needs. */
  static String seconds(double s) {
    if (Math.abs(s - Math.rint(s)) < 1e-9) {
      return String.format(Locale.ROOT, "%d s", (long) Math.rint(s));
    }
    return String.format(Locale.ROOT, "%.1f s", s);
  }
}
