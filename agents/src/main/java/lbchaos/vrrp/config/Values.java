package lbchaos.vrrp.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import lbchaos.config.ConfigException;

/** Argument conversions that fail with the file and line of the statement. */
final class Values {

  ConfigException error(ConfNode n, String message) {
    return new ConfigException(n.file(), n.line(), message);
  }

  String arg(ConfNode n) {
    if (n.args().isEmpty()) {
      throw error(n, n.keyword() + " needs a value");
    }
    return n.args().getFirst();
  }

  int integer(ConfNode n, int min, int max) {
    return integer(n, arg(n), min, max);
  }

  int integer(ConfNode n, String text, int min, int max) {
    int v;
    try {
      v = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw error(n, n.keyword() + " must be an integer, was '" + text + "'");
    }
    if (v < min || v > max) {
      throw error(n, n.keyword() + " must be " + min + ".." + max + ", was " + v);
    }
    return v;
  }

  /** A non-negative number of seconds, decimals allowed ("0.1", "3"). */
  Duration seconds(ConfNode n) {
    String text = arg(n);
    BigDecimal s;
    try {
      s = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw error(n, n.keyword() + " must be a number of seconds, was '" + text + "'");
    }
    if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
      throw error(n, n.keyword() + " out of range: " + text);
    }
    return Duration.ofNanos(s.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  /**
   * An IPv4 dotted quad or an IPv6 literal (no zone); never a name (no DNS lookups while
   * parsing).
   */
  InetAddress address(ConfNode n, String text) {
    if (!text.contains(":")) {
      return ipv4(n, text);
    }
    if (text.contains("%") || !text.matches("[0-9A-Fa-f:.]+")) {
      throw error(n, "not an IP address: '" + text + "'");
    }
    InetAddress a;
    try {
      a = InetAddress.ofLiteral(text); // a literal only: never resolves
    } catch (IllegalArgumentException e) {
      throw error(n, "not an IPv6 address: '" + text + "'");
    }
    if (!(a instanceof java.net.Inet6Address)) {
      // Java reads ::ffff:a.b.c.d as IPv4; keepalived's inet_pton keeps it IPv6. Say so.
      throw error(n, "IPv4-mapped IPv6 address '" + text + "' is not supported by the agent");
    }
    return a;
  }

  /** A dotted-quad IPv4 address; never a name (no DNS lookups while parsing). */
  Inet4Address ipv4(ConfNode n, String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw error(n, "not an IPv4 address: '" + text + "'");
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
        throw error(n, "not an IPv4 address: '" + text + "'");
      }
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw error(n, "not an IPv4 address: '" + text + "'");
    }
  }
}
