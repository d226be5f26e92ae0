package lbchaos.proxy.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One "bind" address. {@code host} is "*" or empty for all IPv4 addresses, else a literal.
 *
 * @param tls present when the line has "ssl": clients speak TLS on it
 */
public record Bind(String host, int port, Optional<BindTls> tls) {

  /** A plain (no TLS) address. */
  public Bind(String host, int port) {
    this(host, port, Optional.empty());
  }

  public Bind {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " out of range 1-65535");
    }
  }

  public boolean wildcard() {
    return host.isEmpty() || host.equals("*") || host.equals("0.0.0.0");
  }

  /** The address to bind; unresolved hostnames are resolved here (edge), literals never block. */
  public InetSocketAddress socketAddress() {
    return wildcard() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** The address alone, as the listener key and in messages ("*:443"). */
  @Override
  public String toString() {
    return (wildcard() ? "*" : host) + ":" + port;
  }
}
