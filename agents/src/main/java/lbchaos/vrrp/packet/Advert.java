package lbchaos.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement as it travels on the wire, independent of the socket it came from.
 *
 * @param version 2 (RFC 3768) or 3 (RFC 5798 / RFC 9568)
 * @param vrid virtual router id, 1..255 (RFC 5798 section 5.2.3)
 * @param priority 0 (master stops), 1..254 (backup), 255 (address owner); RFC 5798 section 5.2.4
 * @param intervalCentis advertisement interval in centiseconds; v3 carries 12 bits of centiseconds
 *     (RFC 5798 section 5.2.7), v2 carries whole seconds (RFC 3768 section 5.3.7), so a v2 value
 *     must be a multiple of 100
 * @param addresses the virtual addresses, at least one, all of one family (RFC 5798 section
 *     5.2.5): IPv4, or IPv6 with version 3 only (RFC 5798 section 5.2.9; RFC 3768 is IPv4 only)
 * @param authType v2 only: 0 none, 1 simple text password (RFC 3768 section 5.3.6); v3 always 0
 * @param password v2 simple password, at most 8 ASCII characters, "" when none
 */
public record Advert(int version, int vrid, int priority, int intervalCentis,
    List<? extends InetAddress> addresses, int authType, String password) {

  /** RFC 3768 section 5.3.6.1: simple text password auth type. */
  public static final int AUTH_NONE = 0;
  public static final int AUTH_SIMPLE = 1;
  /** RFC 3768 section 5.3.10: the authentication data field is 8 octets. */
  public static final int AUTH_DATA_LENGTH = 8;

  public Advert {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("version must be 2 or 3, was " + version);
    }
    if (vrid < 1 || vrid > 255) {
      throw new IllegalArgumentException("vrid must be 1..255, was " + vrid);
    }
    if (priority < 0 || priority > 255) {
      throw new IllegalArgumentException("priority must be 0..255, was " + priority);
    }
    if (version == 3 && (intervalCentis < 0 || intervalCentis > 0xFFF)) {
      throw new IllegalArgumentException("v3 interval must be 0..4095 cs, was " + intervalCentis);
    }
    if (version == 2 && (intervalCentis < 0 || intervalCentis > 255 * 100
        || intervalCentis % 100 != 0)) {
      throw new IllegalArgumentException("v2 interval must be whole seconds 0..255, was "
          + intervalCentis + " cs");
    }
    addresses = List.<InetAddress>copyOf(Objects.requireNonNull(addresses, "addresses"));
    if (addresses.isEmpty() || addresses.size() > 255) {
      throw new IllegalArgumentException("1..255 addresses required, was " + addresses.size());
    }
    Class<?> family = addresses.getFirst().getClass();
    if (addresses.stream().anyMatch(x -> x.getClass() != family)) {
      // one advert carries one family (RFC 5798 section 5.2.9); keepalived splits the instances
      throw new IllegalArgumentException("addresses of both families in one advert: " + addresses);
    }
    if (version == 2 && family == Inet6Address.class) {
      throw new IllegalArgumentException("VRRPv2 carries IPv4 addresses only (RFC 3768)");
    }
    Objects.requireNonNull(password, "password");
    if (version == 3 && (authType != AUTH_NONE || !password.isEmpty())) {
      throw new IllegalArgumentException("VRRPv3 has no authentication (RFC 5798 section 5.1)");
    }
    if (authType < 0 || authType > 255) {
      throw new IllegalArgumentException("auth type must be 0..255, was " + authType);
    }
    if (!password.isEmpty() && authType != AUTH_SIMPLE) {
      throw new IllegalArgumentException("a password needs auth type 1 (simple)");
    }
    if (password.getBytes(StandardCharsets.ISO_8859_1).length > AUTH_DATA_LENGTH
        || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(password)
        || password.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("password must be at most 8 Latin-1 chars without NUL");
    }
  }

  /** A v3 advert. */
  public static Advert v3(int vrid, int priority, Duration interval,
      List<? extends InetAddress> addrs) {
    return new Advert(3, vrid, priority, (int) (interval.toMillis() / 10), addrs, AUTH_NONE, "");
  }

  /** A v2 advert; {@code password} null or empty means no authentication. */
  public static Advert v2(int vrid, int priority, Duration interval, List<Inet4Address> addrs,
      String password) {
    boolean auth = password != null && !password.isEmpty();
    if (interval.toNanosPart() != 0) {
      throw new IllegalArgumentException("v2 advert interval must be whole seconds: " + interval);
    }
    return new Advert(2, vrid, priority, (int) (interval.toSeconds() * 100), addrs,
        auth ? AUTH_SIMPLE : AUTH_NONE, auth ? password : "");
  }

  /** True when the addresses are IPv6 (the advert travels in IPv6, RFC 5798 section 5.1.2). */
  public boolean ipv6() {
    return addresses.getFirst() instanceof Inet6Address;
  }

  /** Octets per address on the wire: 4 for IPv4, 16 for IPv6. */
  public int addressLength() {
    return ipv6() ? 16 : 4;
  }

  public Duration interval() {
    return Duration.ofMillis(intervalCentis * 10L);
  }

  /** Length of the VRRP message (not counting the IP header) this advert encodes to. */
  public int wireLength() {
    return 8 + addressLength() * addresses.size() + (version == 2 ? AUTH_DATA_LENGTH : 0);
  }
}
