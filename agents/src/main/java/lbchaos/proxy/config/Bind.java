package lbchaos.proxy.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/** One "bind" address. {@code host} is "*" or empty for all IPv4 addresses, else a literal. */
public record Bind(String host, int port) {
  public Bind {
    Objects.requireNonNull(host, "host");
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

  @Override
  public String toString() {
    return (wildcard() ? "*" : host) + ":" + port;
  }
}
