package lbchaos.report.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the model records' compact constructors. */
final class Checks {

  private Checks() {}

  static String text(String value, String what) {
    Objects.requireNonNull(value, what + " must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  static <T> List<T> list(List<T> values, String what) {
    Objects.requireNonNull(values, what + " must not be null");
    return List.copyOf(values);
  }

  /** Keeps insertion order: figures are shown in the order the checker produced them. */
  static Map<String, Double> figures(Map<String, Double> values, String what) {
    Objects.requireNonNull(values, what + " must not be null");
    Map<String, Double> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      text(k, what + " key");
      Objects.requireNonNull(v, what + "[" + k + "] must not be null");
      copy.put(k, v);
    });
    return Collections.unmodifiableMap(copy);
  }

  static void order(long from, long to, String what) {
    if (to < from) {
      throw new IllegalArgumentException(what + ": end " + to + " is before start " + from);
    }
  }
}
