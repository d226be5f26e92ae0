package lbchaos.proxy.net;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Optional;
import lbchaos.proxy.config.Timeouts;

/**
 * "timeout client-fin" and "timeout server-fin" of a session that relays bytes (mode tcp, or an
 * HTTP tunnel), as haproxy 2.6.12 applies them (measured side by side, BENCHMARKS.md): once the
 * proxy has passed one side's FIN on to the other, that other side idles out at its fin timeout
 * (stconn.c: a side's read timeout becomes its hcto when its write side is shut); with
 * "timeout tunnel", the client also at client-fin from its own FIN. A server's own FIN starts
 * nothing, tunnel or not (haproxy waits out the server or tunnel timeout there).
 *
 * @param tunnel "timeout tunnel" is set
 */
record FinTimeouts(Optional<Duration> clientFin, Optional<Duration> serverFin, boolean tunnel) {

  static final FinTimeouts NONE = new FinTimeouts(Optional.empty(), Optional.empty(), false);

  /** The frontend's client-fin with what the backend's timeouts say (server-fin, tunnel). */
  static FinTimeouts of(Optional<Duration> clientFin, Timeouts backend) {
    return new FinTimeouts(clientFin, backend.serverFin(), backend.tunnel().isPresent());
  }

  /** The relay that reads the client. */
  Relay onClientSide(Relay r) {
    return r.fins(tunnel ? clientFin : Optional.empty(), serverFin);
  }

  /** The relay that reads the server. */
  Relay onServerSide(Relay r) {
    return r.fins(Optional.empty(), clientFin);
  }

  /** The client's FIN came before its relay was in place: what that relay would have done. */
  void clientFinIn(Channel client) {
    if (tunnel) {
      clientFin.ifPresent(t -> Relay.finTimeout(client, t));
    }
  }
}
