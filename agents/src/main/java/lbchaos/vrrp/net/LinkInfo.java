package lbchaos.vrrp.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collection;
import java.util.Objects;

/**
 * What the agent needs to know of its interface: index, MAC and the primary address of the
 * instance's family: the first IPv4 address, or for an IPv6 instance the link-local address
 * (RFC 5798 section 5.1.2.1, the source of IPv6 adverts).
 */
public record LinkInfo(String name, int index, byte[] mac, InetAddress primary) {

  public LinkInfo {
    Objects.requireNonNull(name);
    Objects.requireNonNull(mac);
    Objects.requireNonNull(primary);
  }

  /** Looks the interface up; the primary address is its first IPv4 address not in {@code vips}. */
  public static LinkInfo of(String name, Collection<? extends InetAddress> vips)
      throws IOException {
    return of(name, vips, false);
  }

  /**
   * As above; with {@code ipv6} the primary address is the interface's first link-local IPv6
   * address not in {@code vips}.
   */
  public static LinkInfo of(String name, Collection<? extends InetAddress> vips, boolean ipv6)
      throws IOException {
    NetworkInterface nif = NetworkInterface.getByName(name);
    if (nif == null) {
      throw new IOException("no interface " + name);
    }
    byte[] mac = nif.getHardwareAddress();
    InetAddress primary = nif.inetAddresses()
        .filter(a -> ipv6 ? a instanceof Inet6Address && a.isLinkLocalAddress()
            : a instanceof Inet4Address)
        .filter(a -> !vips.contains(a))
        .map(a -> a instanceof Inet6Address v6 ? SockAddrs.ipv6(v6.getAddress()) : a)
        .reduce((first, later) -> first) // enumeration order is the kernel's: primary first
        .orElseThrow(() -> new IOException("interface " + name + " has no "
            + (ipv6 ? "link-local IPv6" : "IPv4") + " address"));
    return new LinkInfo(name, nif.getIndex(), mac == null ? new byte[6] : mac, primary);
  }

  public String macString() {
    StringBuilder s = new StringBuilder();
    for (byte b : mac) {
      s.append(s.isEmpty() ? "" : ":").append(String.format("%02x", b & 0xFF));
    }
    return s.toString();
  }
}
