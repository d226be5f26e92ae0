package lbchaos.harness.expect;

import java.time.Duration;
import java.util.List;

/**
 * The timing-relevant part of one vrrp_instance, as the config parsers produce it.
 *
 * @param advertInterval as written (keepalived rounds fractional values under VRRPv2; see
 *     {@link Expectations#effectiveAdvert})
 * @param preemptDelay zero when not set
 */
public record VrrpTiming(int version, Duration advertInterval, int priority, boolean preempt,
    Duration preemptDelay, List<TrackWeight> tracks) {

  public VrrpTiming {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("VRRP version must be 2 or 3, got " + version);
    }
    if (advertInterval == null || advertInterval.isNegative() || advertInterval.isZero()) {
      throw new IllegalArgumentException("advert interval must be positive, got "
          + advertInterval);
    }
    // RFC 5798 section 5.2.4: priority 1..254 for backups, 255 for the address owner
    if (priority < 1 || priority > 255) {
      throw new IllegalArgumentException("priority must be 1..255, got " + priority);
    }
    preemptDelay = preemptDelay == null ? Duration.ZERO : preemptDelay;
    if (preemptDelay.isNegative()) {
      throw new IllegalArgumentException("preempt delay must be >= 0, got " + preemptDelay);
    }
    tracks = tracks == null ? List.of() : List.copyOf(tracks);
  }

  /** The article's shape: v2, no tracks, preempt on. */
  public static VrrpTiming v2(Duration advert, int priority) {
    return new VrrpTiming(2, advert, priority, true, Duration.ZERO, List.of());
  }

  public static VrrpTiming v3(Duration advert, int priority) {
    return new VrrpTiming(3, advert, priority, true, Duration.ZERO, List.of());
  }
}
