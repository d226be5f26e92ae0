package lbchaos.harness.check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small helpers for building verdicts: ordered figures, seconds formatting. */
final class Figures {

  private final Map<String, Double> map = new LinkedHashMap<>();

  Figures put(String key, double value) {
    map.put(key, value);
    return this;
  }

  Map<String, Double> map() {
    return map;
  }

  static double seconds(long micros) {
    return micros / 1e6;
  }

  static String s(double seconds) {
    return String.format(Locale.ROOT, "%.2f s", seconds);
  }

  static String s(long micros) {
    return s(seconds(micros));
  }

  private Figures() {}

  static Figures of() {
    return new Figures();
  }
}
