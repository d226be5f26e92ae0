package lbchaos.harness.expect;

import java.time.Duration;

/**
 * haproxy health-check timing for one server, as the config parsers produce it.
 *
 * @param fastinter null: same as inter (haproxy's default)
 * @param downinter null: same as inter (haproxy's default)
 * @param timeoutCheck null when "timeout check" is not set
 * @param timeoutConnect null when "timeout connect" is not set
 */
public record CheckTiming(Duration inter, Duration fastinter, Duration downinter, int fall,
    int rise, Duration timeoutCheck, Duration timeoutConnect) {

  /** haproxy defaults (configuration manual, "inter", "fall", "rise"): 2 s, 3, 2. */
  public static final Duration DEFAULT_INTER = Duration.ofSeconds(2);
  public static final int DEFAULT_FALL = 3;
  public static final int DEFAULT_RISE = 2;

  public CheckTiming {
    if (inter == null) {
      inter = DEFAULT_INTER;
    }
    requirePositive("inter", inter);
    fastinter = fastinter == null ? inter : fastinter;
    downinter = downinter == null ? inter : downinter;
    requirePositive("fastinter", fastinter);
    requirePositive("downinter", downinter);
    if (fall < 1 || rise < 1) {
      throw new IllegalArgumentException("fall and rise must be >= 1, got fall " + fall
          + ", rise " + rise);
    }
    if (timeoutCheck != null) {
      requirePositive("timeout check", timeoutCheck);
    }
    if (timeoutConnect != null) {
      requirePositive("timeout connect", timeoutConnect);
    }
  }

  public static CheckTiming defaults() {
    return new CheckTiming(null, null, null, DEFAULT_FALL, DEFAULT_RISE, null, null);
  }

  private static void requirePositive(String what, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }
}
