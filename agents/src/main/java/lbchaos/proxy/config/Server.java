package lbchaos.proxy.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One "server" line with "default-server" and haproxy defaults applied.
 *
 * @param weight 0..256, default 1; 0 takes no new traffic from weighted algorithms
 * @param maxconn 0 means unlimited
 * @param tls present with "ssl": traffic to the server is TLS
 * @param checkTls present when its health checks run over TLS ("check-ssl", or "ssl" without
 *     a check port, as haproxy)
 */
public record Server(String name, String host, int port, ServerCheck check, int weight,
    boolean backup, boolean disabled, int maxconn, Observe observe, int line,
    Optional<ServerTls> tls, Optional<ServerTls> checkTls) {

  /** A plain server: no TLS to it. */
  public Server(String name, String host, int port, ServerCheck check, int weight,
      boolean backup, boolean disabled, int maxconn, Observe observe, int line) {
    this(name, host, port, check, weight, backup, disabled, maxconn, observe, line,
        Optional.empty(), Optional.empty());
  }

  public Server {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(checkTls, "checkTls");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("server port " + port + " out of range 1-65535");
    }
    if (weight < 0 || weight > 256) {
      throw new IllegalArgumentException("weight " + weight + " out of range 0-256");
    }
    if (maxconn < 0) {
      throw new IllegalArgumentException("maxconn must not be negative");
    }
  }

  public InetSocketAddress address() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  public int checkPort() {
    return check.port().orElse(port);
  }
}
