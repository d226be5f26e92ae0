package lbchaos.vrrp.state;

import java.time.Duration;

/** The protocol's derived intervals; the harness computes its expectations from these. */
public final class Timing {

  private Timing() {}

  /**
   * Skew_Time. v3, RFC 5798 section 6.1: ((256 - Priority) * Master_Adver_Interval) / 256.
   * v2, RFC 3768 section 6.1: (256 - Priority) / 256 seconds, whatever the interval.
   */
  public static Duration skew(int version, int priority, Duration masterAdverInterval) {
    long micros = version == 2 ? 1_000_000L : masterAdverInterval.toNanos() / 1_000;
    return Duration.ofNanos((256 - priority) * micros / 256 * 1_000);
  }

  /** Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time (RFC 5798 section 6.1). */
  public static Duration masterDown(int version, int priority, Duration masterAdverInterval) {
    return masterAdverInterval.multipliedBy(3).plus(skew(version, priority, masterAdverInterval));
  }

  /** keepalived's default delay before the second gratuitous ARP burst (garp_master_delay). */
  public static final Duration GARP_REPEAT_DELAY = Duration.ofSeconds(5);

  /** keepalived's default number of gratuitous ARPs per burst (garp_master_repeat). */
  public static final int GARP_COUNT = 5;
}
