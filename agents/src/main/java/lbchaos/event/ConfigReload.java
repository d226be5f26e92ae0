package lbchaos.event;

/**
 * A daemon re-read its configuration (SIGHUP). {@code applied} false means it refused the new
 * one and runs on with the old; {@code detail} says what changed or why it was refused (each
 * error of a refused file is a LogLine of its own, with file:line).
 */
public record ConfigReload(long at, String source, boolean applied, String detail)
    implements Event {}
