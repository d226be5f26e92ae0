package lbchaos.proxy.config;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers as haproxy reads them in its configuration, beside {@link HaTime}'s times. */
public final class HaNumbers {

  private static final Pattern SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");
  private static final Pattern LEADING = Pattern.compile("^\\s*([+-]?\\d+)");

  private HaNumbers() {}

  /** A size (tools.c parse_size_err): digits, then k, m or g (powers of 1024); else empty. */
  public static OptionalLong size(String v) {
    Matcher m = SIZE.matcher(v);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long n = Long.parseLong(m.group(1));
    return OptionalLong.of(switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    });
  }

  /** A number as C's atol reads it: the leading digits after blanks and a sign, else 0. */
  public static long atol(String v) {
    Matcher m = LEADING.matcher(v);
    if (!m.find()) {
      return 0;
    }
    try {
      return Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return m.group(1).startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
