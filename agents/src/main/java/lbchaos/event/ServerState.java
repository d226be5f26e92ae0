package lbchaos.event;

/** A proxy marked a backend server up or down (haproxy's "Server x/y is DOWN" line). */
public record ServerState(long at, String source, String backend, String server, boolean up,
    String reason, long checkMillis) implements Event {}
