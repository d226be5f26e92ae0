package lbchaos.proxy.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * haproxy time values: an unsigned integer with an optional unit us, ms, s, m, h or d; a bare
 * number means milliseconds (haproxy configuration manual, section 2.5 "Time format").
 */
public final class HaTime {

  private static final Pattern TIME = Pattern.compile("(\\d+)(us|ms|s|m|h|d)?");

  private HaTime() {}

  /** Parses a time value; throws IllegalArgumentException with a readable message. */
  public static Duration parse(String text) {
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid time value '" + text
          + "' (expected a number with an optional unit us, ms, s, m, h, d)");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("time value '" + text + "' is too large");
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalStateException(unit);
    };
  }
}
