package lbchaos.proxy.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The "timeout" settings of a proxy; empty means not set (haproxy then waits forever, except
 * where noted).
 */
public record Timeouts(Optional<Duration> connect, Optional<Duration> client,
    Optional<Duration> server, Optional<Duration> check, Optional<Duration> queue) {

  public static final Timeouts NONE = new Timeouts(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  public Timeouts {
    for (Optional<Duration> d : java.util.List.of(connect, client, server, check, queue)) {
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
      case "connect" -> new Timeouts(v, client, server, check, queue);
      case "client" -> new Timeouts(connect, v, server, check, queue);
      case "server" -> new Timeouts(connect, client, v, check, queue);
      case "check" -> new Timeouts(connect, client, server, v, queue);
      case "queue" -> new Timeouts(connect, client, server, check, v);
      default -> throw new IllegalArgumentException(which);
    };
  }
}
