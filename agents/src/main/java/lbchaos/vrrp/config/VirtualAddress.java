package lbchaos.vrrp.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual_ipaddress entry: {@code addr[/prefix] [dev X] [label Y] [no_track]}; an IPv4 or
 * IPv6 address, prefix default 32 or 128 (keepalived 2.2.7 vrrp_ipaddress.c parse_ipaddress).
 *
 * @param noTrack keepalived's {@code no_track}: a master stays master when the address is deleted
 *     under it (without it keepalived goes BACKUP, keepalived_netlink.c), and the link of the
 *     address's interface is not tracked (without it that link going down is FAULT, see {@link
 *     VrrpInstance#linkTracks}). The Java agent never watches the VIPs themselves, so for a
 *     deleted address it behaves as no_track whether or not it is written.
 */
public record VirtualAddress(InetAddress address, int prefixLength, Optional<String> device,
    Optional<String> label, boolean noTrack) {

  public VirtualAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(label, "label");
    if (prefixLength < 0 || prefixLength > maxPrefix(address)) {
      throw new IllegalArgumentException("prefix 0.." + maxPrefix(address) + ", was "
          + prefixLength);
    }
  }

  /** An address without no_track. */
  public VirtualAddress(InetAddress address, int prefixLength, Optional<String> device,
      Optional<String> label) {
    this(address, prefixLength, device, label, false);
  }

  /** The longest prefix of the address's family, also keepalived's default: 32 or 128. */
  public static int maxPrefix(InetAddress a) {
    return a instanceof Inet6Address ? 128 : 32;
  }

  public boolean ipv6() {
    return address instanceof Inet6Address;
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
