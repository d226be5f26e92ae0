package lbchaos.event;

/**
 * A VRRP advertisement as the wire observer saw it on the bridge.
 *
 * @param intervalCentis advertisement interval in centiseconds (v2 seconds are converted)
 */
public record AdvertSeen(long at, String source, String from, int vrid, int priority, int version,
    int intervalCentis, boolean checksumOk, int ttl) implements Event {}
