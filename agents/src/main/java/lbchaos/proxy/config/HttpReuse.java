package lbchaos.proxy.config;

import java.util.Locale;
import java.util.Optional;

/**
 * haproxy's {@code http-reuse}: which requests may be sent over an idle server connection that
 * another request left behind, in mode http. {@code option http-server-close} closes the server
 * connection after each response, hence {@link #NEVER}.
 */
public enum HttpReuse {
  /** Idle connections are never shared between client sessions. */
  NEVER,
  /** haproxy's default: the first request of a client session goes over a new connection. */
  SAFE,
  /** A first request may go over a connection that has already been reused once. */
  AGGRESSIVE,
  /** Any request may go over any idle connection to the server picked. */
  ALWAYS;

  /**
   * @param firstOfSession the request is the first of its client connection
   * @param reusedBefore the idle connection has already carried a reused request
   */
  public boolean mayTake(boolean firstOfSession, boolean reusedBefore) {
    return switch (this) {
      case NEVER -> false;
      case SAFE -> !firstOfSession;
      case AGGRESSIVE -> !firstOfSession || reusedBefore;
      case ALWAYS -> true;
    };
  }

  /** Whether a finished exchange leaves its connection for others (else it is closed). */
  public boolean keepsIdle() {
    return this != NEVER;
  }

  static Optional<HttpReuse> of(String word) {
    return switch (word) {
      case "never", "safe", "aggressive", "always" ->
          Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
      default -> Optional.empty();
    };
  }
}
