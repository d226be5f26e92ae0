package lbchaos.probe;

import java.net.InetSocketAddress;

/** Where the probe connects: {@code HOST:PORT}, the VIP and the proxy's bound port. */
public record Target(String host, int port) {

  public Target {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("target host is empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("target port " + port + " is not in 1..65535");
    }
  }

  /** Parses {@code HOST:PORT} (an IPv6 literal goes in brackets: {@code [::1]:80}). */
  public static Target parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("target '" + text + "' is not HOST:PORT");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new Target(host, Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("target '" + text + "' has no numeric port");
    }
  }

  /** Resolved once at start-up: the probe measures the network, not the resolver. */
  public InetSocketAddress resolve() {
    InetSocketAddress a = new InetSocketAddress(host, port);
    if (a.isUnresolved()) {
      throw new IllegalArgumentException("cannot resolve target host '" + host + "'");
    }
    return a;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
