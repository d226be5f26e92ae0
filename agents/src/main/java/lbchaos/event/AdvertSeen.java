package lbchaos.event;

/**
 * A VRRP advertisement as a capture saw it: the wire observer on the bridge, a capture inside an
 * LB's network namespace (unicast adverts never reach the bridge port), or an agent's own
 * receiver.
 *
 * @param intervalCentis advertisement interval in centiseconds (v2 seconds are converted)
 * @param frame the captured IP packet's CRC-32 (8 hex digits), the same at every vantage point
 *     of one L2 segment, so copies of one advert can be told from the next advert; empty when the
 *     event was not read off the wire (an agent's receiver reports a decoded advert)
 */
public record AdvertSeen(long at, String source, String from, int vrid, int priority, int version,
    int intervalCentis, boolean checksumOk, int ttl, String frame) implements Event {

  public AdvertSeen {
    frame = frame == null ? "" : frame;
  }

  /** Not a capture of the frame (an agent's receiver, a history written before captures had it). */
  public AdvertSeen(long at, String source, String from, int vrid, int priority, int version,
      int intervalCentis, boolean checksumOk, int ttl) {
    this(at, source, from, vrid, priority, version, intervalCentis, checksumOk, ttl, "");
  }
}
