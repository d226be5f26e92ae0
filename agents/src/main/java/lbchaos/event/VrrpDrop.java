package lbchaos.event;

/** A received VRRP packet was dropped; {@code reason} is one of the RFC 5798 section 7.1 checks. */
public record VrrpDrop(long at, String source, String reason, String from, long count)
    implements Event {}
