package lbchaos.event;

/**
 * A change of a neighbour (ARP) entry in a node's own table: {@code ip} now resolves to
 * {@code mac} in {@code state} (REACHABLE, STALE, DELAY, PROBE, ...), as the kernel reported it.
 * {@code mac} is null when the entry has none (INCOMPLETE, FAILED) or was deleted.
 */
public record NeighbourSeen(long at, String source, String ip, String mac, String state)
    implements Event {}
