package lbchaos.event;

/**
 * The engine saw a node's container exit: its main process ended, by a fault or on its own.
 * Recorded by the harness from the engine's event stream; {@code source} is "engine".
 */
public record NodeExit(long at, String source, String node, int exitCode) implements Event {}
