package lbchaos.event;

/** A node added or removed the virtual address on its interface. */
public record VipChange(long at, String source, String vip, boolean added) implements Event {}
