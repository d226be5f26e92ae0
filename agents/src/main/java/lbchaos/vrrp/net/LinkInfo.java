package lbchaos.vrrp.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.util.Collection;
import java.util.Objects;

/** What the agent needs to know of its interface: index, MAC and primary IPv4 address. */
public record LinkInfo(String name, int index, byte[] mac, Inet4Address primary) {

  public LinkInfo {
    Objects.requireNonNull(name);
    Objects.requireNonNull(mac);
    Objects.requireNonNull(primary);
  }

  /** Looks the interface up; the primary address is its first IPv4 address not in {@code vips}. */
  public static LinkInfo of(String name, Collection<Inet4Address> vips) throws IOException {
    NetworkInterface nif = NetworkInterface.getByName(name);
    if (nif == null) {
      throw new IOException("no interface " + name);
    }
    byte[] mac = nif.getHardwareAddress();
    Inet4Address primary = nif.inetAddresses()
        .filter(a -> a instanceof Inet4Address && !vips.contains(a))
        .map(a -> (Inet4Address) a)
        .reduce((first, later) -> first) // enumeration order is the kernel's: primary first
        .orElseThrow(() -> new IOException("interface " + name + " has no IPv4 address"));
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
