package lbchaos.verdict;

import java.time.Duration;

/**
 * Slack added to a computed bound, with why it is needed (probe resolution, scheduling on a
 * shared 2-core machine, ARP propagation). A tolerance without a reason is not accepted.
 */
public record Tolerance(Duration value, String reason) {

  /** No slack: a bound exactly as the config gives it. */
  public static final Tolerance NONE = new Tolerance(Duration.ZERO, "none");

  public Tolerance {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + value);
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a tolerance needs a stated reason");
    }
  }

  public static Tolerance of(Duration value, String reason) {
    return new Tolerance(value, reason);
  }

  /** One probe interval: a probe-based figure cannot resolve finer than that. */
  public static Tolerance probeInterval(double requestsPerSecond) {
    if (requestsPerSecond <= 0) {
      throw new IllegalArgumentException("probe rate must be positive");
    }
    return new Tolerance(Duration.ofNanos(Math.round(1e9 / requestsPerSecond)),
        "one probe interval at " + Num.num(requestsPerSecond) + " req/s");
  }

  public boolean isNone() {
    return value.isZero();
  }

  public Tolerance plus(Tolerance other) {
    if (isNone()) {
      return other;
    }
    return other.isNone() ? this : new Tolerance(value.plus(other.value),
        reason + "; " + other.reason);
  }

  /** {@code b} widened by this tolerance: "... + 0.5 s tolerance", the slack kept apart. */
  public Bound applyTo(Bound b) {
    return b.plus(new Bound(value, Num.secs(value) + " tolerance", this));
  }

  public double seconds() {
    return value.toNanos() / 1e9;
  }
}
