package lbchaos.verdict;

import java.time.Duration;
import java.util.Locale;

/** How numbers read in derivations and sentences: "3.5 s", "0.008 s", "2". */
public final class Num {

  private Num() {}

  /** Seconds with up to 3 decimals (6 below a millisecond), trailing zeros dropped. */
  public static String secs(Duration d) {
    double x = d.toNanos() / 1e9;
    return (x != 0 && Math.abs(x) < 0.001 ? num(x, 6) : num(x, 3)) + " s";
  }

  public static String num(double x) {
    return num(x, 3);
  }

  private static String num(double x, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", x).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
