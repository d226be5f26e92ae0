package lbchaos.event;

/** A gratuitous ARP: {@code ip} now answers at {@code mac}. */
public record GarpSeen(long at, String source, String ip, String mac) implements Event {}
