package lbchaos.proxy.config;

import java.util.Locale;
import java.util.Optional;

/**
 * haproxy's {@code http-reuse}: which requests may be sent over an idle server connection that
 * another request left behind, in mode http; and {@link #CLOSE}, {@code option
 * http-server-close}, which leaves none.
 */
public enum HttpReuse {
  /**
   * Idle connections are never shared between client sessions: haproxy 2.6 marks each server
   * connection private, keeps it with its client's session after the response, and that
   * session's later requests to the same server go over it (backend.c connect_server looks in
   * the session's own connections first); it closes with the session.
   */
  NEVER,
  /** haproxy's default: the first request of a client session goes over a new connection. */
  SAFE,
  /** A first request may go over a connection that has already been reused once. */
  AGGRESSIVE,
  /** Any request may go over any idle connection to the server picked. */
  ALWAYS,
  /** {@code option http-server-close} (not an http-reuse word): closed after each response. */
  CLOSE;

  /**
   * @param firstOfSession the request is the first of its client connection
   * @param reusedBefore the idle connection has already carried a reused request
   */
  public boolean mayTake(boolean firstOfSession, boolean reusedBefore) {
    return switch (this) {
      case NEVER, CLOSE -> false;
      case SAFE -> !firstOfSession;
      case AGGRESSIVE -> !firstOfSession || reusedBefore;
      case ALWAYS -> true;
    };
  }

  /** Whether a server connection stays open after its response (else it is closed). */
  public boolean keepsAlive() {
    return this != CLOSE;
  }

  /** Whether a finished exchange leaves its connection for other sessions (else its own). */
  public boolean shares() {
    return this != NEVER && this != CLOSE;
  }

  static Optional<HttpReuse> of(String word) {
    return switch (word) {
      case "never", "safe", "aggressive", "always" ->
          Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
      default -> Optional.empty();
    };
  }
}
