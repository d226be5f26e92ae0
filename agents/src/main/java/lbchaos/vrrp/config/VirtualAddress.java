package lbchaos.vrrp.config;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual_ipaddress entry: {@code addr[/prefix] [dev X] [label Y] [no_track]}; prefix
 * default 32.
 *
 * @param noTrack keepalived's {@code no_track}: a master stays master when the address is deleted
 *     under it (without it keepalived goes BACKUP, keepalived_netlink.c), and the link of the
 *     address's interface is not tracked (without it that link going down is FAULT, see {@link
 *     VrrpInstance#linkTracks}). The Java agent never watches the VIPs themselves, so for a
 *     deleted address it behaves as no_track whether or not it is written.
 */
public record VirtualAddress(Inet4Address address, int prefixLength, Optional<String> device,
    Optional<String> label, boolean noTrack) {

  public VirtualAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(label, "label");
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix 0..32, was " + prefixLength);
    }
  }

  /** An address without no_track. */
  public VirtualAddress(Inet4Address address, int prefixLength, Optional<String> device,
      Optional<String> label) {
    this(address, prefixLength, device, label, false);
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
