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
 * @param tunnel "timeout tunnel": in mode tcp (no analysers, so from the start), the idle
 *     timeout of both sides in place of "timeout client" and "timeout server", the backend's
 *     (haproxy 2.6 stream.c); in mode http once a connection is a tunnel (an upgrade or a
 *     CONNECT, see the proxy's Tunnel)
 * @param clientFin "timeout client-fin" (the frontend's), {@code serverFin} "timeout server-fin"
 *     (the backend's): in mode tcp and in tunnels, a side's idle timeout once the proxy has
 *     passed the other side's FIN on to it, and with "timeout tunnel" the client's also once
 *     its own FIN is in (FinTimeouts)
 */
public record Timeouts(Optional<Duration> connect, Optional<Duration> client,
    Optional<Duration> server, Optional<Duration> check, Optional<Duration> queue,
    Optional<Duration> httpRequest, Optional<Duration> httpKeepAlive, Optional<Duration> tunnel,
    Optional<Duration> clientFin, Optional<Duration> serverFin) {

  public static final Timeouts NONE = new Timeouts(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  public Timeouts {
    for (Optional<Duration> d : java.util.List.of(connect, client, server, check, queue,
        httpRequest, httpKeepAlive, tunnel, clientFin, serverFin)) {
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

  /** The timeouts the agent applies, as "timeout NAME" names them. */
  public static final java.util.Set<String> NAMES = java.util.Set.of("connect", "client",
      "server", "check", "queue", "http-request", "http-keep-alive", "tunnel", "client-fin",
      "server-fin");

  Timeouts with(String which, Duration d) {
    if (!NAMES.contains(which)) {
      throw new IllegalArgumentException(which);
    }
    Optional<Duration> v = Optional.of(d);
    return new Timeouts(which.equals("connect") ? v : connect,
        which.equals("client") ? v : client, which.equals("server") ? v : server,
        which.equals("check") ? v : check, which.equals("queue") ? v : queue,
        which.equals("http-request") ? v : httpRequest,
        which.equals("http-keep-alive") ? v : httpKeepAlive,
        which.equals("tunnel") ? v : tunnel, which.equals("client-fin") ? v : clientFin,
        which.equals("server-fin") ? v : serverFin);
  }
}
