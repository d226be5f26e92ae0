package lbchaos.proxy.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An address and its mask, as haproxy reads "addr[/mask]" wherever a configuration names a
 * network: an ACL's address pattern, {@code option forwardfor except}, the ipmask converter's
 * masks. An IPv4 mask is dotted (any bits, as inet_pton reads it: haproxy compares
 * {@code address & mask}, so holes in a mask are allowed) or a length (tools.c str2mask); an IPv6
 * network's mask is a length (str62net), the ipmask converter's IPv6 mask also a quadruplet
 * (str2mask6). Host names, which haproxy resolves when it reads the file, are not read here.
 *
 * @param address the address with the mask applied
 * @param mask as many bytes as the address
 */
public record Network(byte[] address, byte[] mask) {

  public Network {
    if (address.length != mask.length) {
      throw new IllegalArgumentException("an address and a mask of different families");
    }
    address = applied(address, mask);
  }

  /** "a.b.c.d", "a.b.c.d/len", "a.b.c.d/m.m.m.m", or an IPv6 address with an optional /len. */
  public static Optional<Network> parse(String s) {
    int slash = s.lastIndexOf('/');
    Optional<InetAddress> a = literal(slash < 0 ? s : s.substring(0, slash));
    if (a.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = a.get().getAddress();
    boolean v6 = bytes.length == 16;
    Optional<byte[]> mask = slash < 0 ? Optional.of(ofLength(bytes.length * 8, bytes.length))
        : v6 ? length(s.substring(slash + 1), 128).map(n -> ofLength(n, 16))
        : mask(s.substring(slash + 1), false);
    return mask.map(m -> new Network(bytes, m));
  }

  /**
   * A mask on its own: a length, or a dotted IPv4 mask (str2mask), or for IPv6 a quadruplet
   * ("ffff:ffff::", str2mask6); empty when it is neither.
   */
  public static Optional<byte[]> mask(String m, boolean v6) {
    if (m.contains(v6 ? ":" : ".")) {
      return literal(m).filter(a -> (a instanceof Inet4Address) != v6).map(InetAddress::getAddress);
    }
    return length(m, v6 ? 128 : 32).map(n -> ofLength(n, v6 ? 16 : 4));
  }

  /** A dotted-quad IPv4 or an IPv6 literal, never a name (no DNS). */
  public static Optional<InetAddress> literal(String s) {
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    if (v4) {
      for (String octet : s.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** An IPv4 address's bytes as IPv4-mapped IPv6 ones, ::ffff:a.b.c.d (RFC 4291 2.5.5.2). */
  public static byte[] v4ToV6(byte[] v4) {
    byte[] v6 = new byte[16];
    v6[10] = (byte) 0xff;
    v6[11] = (byte) 0xff;
    System.arraycopy(v4, 0, v6, 12, 4);
    return v6;
  }

  /** {@code a & mask}: the address's network (the ipmask converter's result). */
  public static byte[] applied(byte[] a, byte[] mask) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] & mask[i]);
    }
    return out;
  }

  /** Whether an address of the same family is in the network (another family never is). */
  public boolean contains(byte[] a) {
    if (a.length != address.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if ((a[i] & mask[i]) != address[i]) {
        return false;
      }
    }
    return true;
  }

  public boolean contains(InetAddress a) {
    return contains(a.getAddress());
  }

  /** A length as strtol reads it in str2mask, digits only here; at most {@code max}. */
  private static Optional<Integer> length(String m, int max) {
    if (!m.matches("\\+?\\d{1,3}")) {
      return Optional.empty();
    }
    int n = Integer.parseInt(m.startsWith("+") ? m.substring(1) : m);
    return n <= max ? Optional.of(n) : Optional.empty();
  }

  private static byte[] ofLength(int bits, int bytes) {
    byte[] m = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      m[i] = (byte) (0xff << (8 - Math.max(0, Math.min(8, bits - 8 * i))));
    }
    return m;
  }
}
