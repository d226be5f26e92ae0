package lbchaos.vrrp.config;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

/** One virtual_ipaddress entry: {@code addr[/prefix] [dev X] [label Y]}; prefix default 32. */
public record VirtualAddress(Inet4Address address, int prefixLength, Optional<String> device,
    Optional<String> label) {

  public VirtualAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(label, "label");
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix 0..32, was " + prefixLength);
    }
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
