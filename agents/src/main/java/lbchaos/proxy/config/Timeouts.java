package lbchaos.proxy.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The "timeout" settings of a proxy; empty means not set (haproxy then waits forever, except
 * where noted).
 *
 * @param httpRequest "timeout http-request": in mode http, how long a frontend waits for a whole
 *     request's headers, counted from the connection's accept (first request) or the end of the
 *     previous answer; not reset by the bytes that trickle in, unlike "timeout client"
 * @param httpKeepAlive "timeout http-keep-alive": in mode http, how long a frontend waits for
 *     the next request after an answer when nothing of it has come yet (in its place, "timeout
 *     http-request"); counted from the end of the answer, it bounds that request's headers too
 */
public record Timeouts(Optional<Duration> connect, Optional<Duration> client,
    Optional<Duration> server, Optional<Duration> check, Optional<Duration> queue,
    Optional<Duration> httpRequest, Optional<Duration> httpKeepAlive) {

  public static final Timeouts NONE = new Timeouts(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public Timeouts {
    for (Optional<Duration> d : java.util.List.of(connect, client, server, check, queue,
        httpRequest, httpKeepAlive)) {
      d.ifPresent(v -> {
        if (v.isNegative()) {
          throw new IllegalArgumentException("negative timeout " + v);
        }
      });
    }
  }

  /** haproxy: "If unspecified, the same value as the backend's connection timeout is used". */
  public Optional<Duration> effectiveQueue() {
    return queue.isPresent() ? queue : connect;
  }

  Timeouts with(String which, Duration d) {
    Optional<Duration> v = Optional.of(d);
    return switch (which) {
      case "connect" -> new Timeouts(v, client, server, check, queue, httpRequest, httpKeepAlive);
      case "client" -> new Timeouts(connect, v, server, check, queue, httpRequest, httpKeepAlive);
      case "server" -> new Timeouts(connect, client, v, check, queue, httpRequest, httpKeepAlive);
      case "check" -> new Timeouts(connect, client, server, v, queue, httpRequest, httpKeepAlive);
      case "queue" -> new Timeouts(connect, client, server, check, v, httpRequest, httpKeepAlive);
      case "http-request" -> new Timeouts(connect, client, server, check, queue, v,
          httpKeepAlive);
      case "http-keep-alive" -> new Timeouts(connect, client, server, check, queue, httpRequest,
          v);
      default -> throw new IllegalArgumentException(which);
    };
  }
}
