package lbchaos.event;

/** A line a daemon wrote that no adapter turned into a typed event; kept for the timeline. */
public record LogLine(long at, String source, String line) implements Event {}
