package lbchaos.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes VRRP adverts: v3 (RFC 5798 section 5.1, as updated by RFC 9568) over IPv4
 * and IPv6, and v2 (RFC 3768 section 5.1, IPv4 only). Decoding never throws: every packet is either {@link Decoded.Received}
 * or a {@link Decoded.Drop} with a reason.
 */
public final class VrrpCodec {

  /** RFC 5798 section 5.1.1.3: IP protocol number assigned to VRRP. */
  public static final int IP_PROTOCOL = 112;
  /** RFC 5798 section 5.1.1.3: adverts are sent with TTL 255 and checked on receipt. */
  public static final int TTL = 255;
  /** RFC 5798 section 5.1.1.2: the IPv4 multicast group for adverts. */
  public static final Inet4Address MULTICAST_GROUP = ipv4(new byte[] {(byte) 224, 0, 0, 18});
  /** RFC 5798 section 5.1.2.2: the IPv6 multicast group for adverts, ff02::12. */
  public static final Inet6Address MULTICAST_GROUP_V6 = ipv6(new byte[] {
      (byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});
  /** RFC 8200 section 3: the fixed IPv6 header length. */
  public static final int IPV6_HEADER = 40;
  /** RFC 5798 section 5.2.2: the only packet type, ADVERTISEMENT. */
  public static final int TYPE_ADVERTISEMENT = 1;

  private VrrpCodec() {}

  /**
   * The VRRP message (what follows the IP header) for {@code a}, checksum filled in. v3 sums the
   * IPv4 or IPv6 pseudo-header of {@code source} and {@code destination} (RFC 5798 section 5.2.8,
   * RFC 8200 section 8.1), which must be of the advert's family; v2 sums the message alone
   * (RFC 3768 section 5.3.8) and ignores both addresses.
   */
  public static byte[] encode(Advert a, InetAddress source, InetAddress destination) {
    if (a.version() == 3 && (a.ipv6() != source instanceof Inet6Address
        || a.ipv6() != destination instanceof Inet6Address)) {
      throw new IllegalArgumentException("advert of " + (a.ipv6() ? "IPv6" : "IPv4")
          + " addresses sent from " + source + " to " + destination);
    }
    byte[] b = new byte[a.wireLength()];
    b[0] = (byte) ((a.version() << 4) | TYPE_ADVERTISEMENT);
    b[1] = (byte) a.vrid();
    b[2] = (byte) a.priority();
    b[3] = (byte) a.addresses().size();
    if (a.version() == 3) {
      // 4 reserved bits are zero, then 12 bits of centiseconds (RFC 5798 section 5.2.6-5.2.7).
      b[4] = (byte) ((a.intervalCentis() >>> 8) & 0x0F);
      b[5] = (byte) a.intervalCentis();
    } else {
      b[4] = (byte) a.authType();
      b[5] = (byte) (a.intervalCentis() / 100);
    }
    int p = 8;
    for (InetAddress addr : a.addresses()) {
      System.arraycopy(addr.getAddress(), 0, b, p, a.addressLength());
      p += a.addressLength();
    }
    if (a.version() == 2) {
      byte[] pw = a.password().getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(pw, 0, b, p, pw.length); // zero padded (RFC 3768 section 5.3.10)
    }
    int sum = checksum(a.version(), b, 0, b.length, source, destination);
    b[6] = (byte) (sum >>> 8);
    b[7] = (byte) sum;
    return b;
  }

  /**
   * An IPv4 packet as the kernel would send it: 20-byte header (TTL {@code ttl}, protocol 112,
   * header checksum) followed by {@link #encode}. For tests and tools; the agent's raw socket lets
   * the kernel write the header.
   */
  public static byte[] encodeIp(Advert a, Inet4Address src, Inet4Address dst, int ttl) {
    byte[] vrrp = encode(a, src, dst);
    byte[] ip = new byte[20 + vrrp.length];
    ip[0] = 0x45;
    ip[2] = (byte) (ip.length >>> 8);
    ip[3] = (byte) ip.length;
    ip[8] = (byte) ttl;
    ip[9] = (byte) IP_PROTOCOL;
    System.arraycopy(src.getAddress(), 0, ip, 12, 4);
    System.arraycopy(dst.getAddress(), 0, ip, 16, 4);
    int hsum = InternetChecksum.of(ip, 0, 20);
    ip[10] = (byte) (hsum >>> 8);
    ip[11] = (byte) hsum;
    System.arraycopy(vrrp, 0, ip, 20, vrrp.length);
    return ip;
  }

  /**
   * An IPv6 packet as it leaves the host: 40-byte header (hop limit {@code hopLimit}, next header
   * 112, no extension headers) followed by {@link #encode}. For tests and tools; the agent's raw
   * socket lets the kernel write the header.
   */
  public static byte[] encodeIp6(Advert a, Inet6Address src, Inet6Address dst, int hopLimit) {
    byte[] vrrp = encode(a, src, dst);
    byte[] ip = new byte[IPV6_HEADER + vrrp.length];
    ip[0] = 0x60; // version 6, traffic class and flow label 0
    ip[4] = (byte) (vrrp.length >>> 8);
    ip[5] = (byte) vrrp.length;
    ip[6] = (byte) IP_PROTOCOL;
    ip[7] = (byte) hopLimit;
    System.arraycopy(src.getAddress(), 0, ip, 8, 16);
    System.arraycopy(dst.getAddress(), 0, ip, 24, 16);
    System.arraycopy(vrrp, 0, ip, IPV6_HEADER, vrrp.length);
    return ip;
  }

  public static Decoded decodeIp(byte[] packet, ReceivePolicy policy) {
    return decodeIp(packet, 0, packet == null ? 0 : packet.length, policy);
  }

  /**
   * Decodes a whole IPv4 packet as a raw socket delivers it on Linux (header included, total
   * length in network order), checking TTL 255 from the header; or a whole IPv6 packet as a
   * capture shows it (an IPv6 raw socket delivers the payload alone: see {@link #decodePayload}).
   */
  public static Decoded decodeIp(byte[] packet, int off, int len, ReceivePolicy policy) {
    if (packet != null && off >= 0 && len >= 1 && off + len <= packet.length
        && (packet[off] & 0xF0) == 0x60) {
      return decodeIp6(packet, off, len, policy);
    }
    if (packet == null || off < 0 || len < 20 || off + len > packet.length) {
      return new Decoded.Drop(DropReason.NOT_VRRP, null, "shorter than an IPv4 header");
    }
    int vihl = packet[off] & 0xFF;
    int ihl = (vihl & 0x0F) * 4;
    if ((vihl >>> 4) != 4 || ihl < 20 || ihl > len) {
      return new Decoded.Drop(DropReason.NOT_VRRP, null, "not an IPv4 header");
    }
    Inet4Address src = ipv4(packet, off + 12);
    Inet4Address dst = ipv4(packet, off + 16);
    int total = ((packet[off + 2] & 0xFF) << 8) | (packet[off + 3] & 0xFF);
    if (total < ihl || total > len) {
      return new Decoded.Drop(DropReason.LENGTH, src,
          "IP total length " + total + " but " + len + " bytes received");
    }
    if ((packet[off + 9] & 0xFF) != IP_PROTOCOL) {
      return new Decoded.Drop(DropReason.NOT_VRRP, src, "IP protocol " + (packet[off + 9] & 0xFF));
    }
    int ttl = packet[off + 8] & 0xFF;
    return decodePayload(packet, off + ihl, total - ihl, src, dst, ttl, policy);
  }

  /** An IPv6 packet whose next header is VRRP; extension headers are not followed. */
  private static Decoded decodeIp6(byte[] packet, int off, int len, ReceivePolicy policy) {
    if (len < IPV6_HEADER) {
      return new Decoded.Drop(DropReason.NOT_VRRP, null, "shorter than an IPv6 header");
    }
    Inet6Address src = ipv6(java.util.Arrays.copyOfRange(packet, off + 8, off + 24));
    Inet6Address dst = ipv6(java.util.Arrays.copyOfRange(packet, off + 24, off + 40));
    int payload = ((packet[off + 4] & 0xFF) << 8) | (packet[off + 5] & 0xFF);
    if (payload > len - IPV6_HEADER) {
      return new Decoded.Drop(DropReason.LENGTH, src,
          "IPv6 payload length " + payload + " but " + (len - IPV6_HEADER) + " bytes follow");
    }
    if ((packet[off + 6] & 0xFF) != IP_PROTOCOL) {
      return new Decoded.Drop(DropReason.NOT_VRRP, src, "next header " + (packet[off + 6] & 0xFF));
    }
    int hopLimit = packet[off + 7] & 0xFF;
    return decodePayload(packet, off + IPV6_HEADER, payload, src, dst, hopLimit, policy);
  }

  public static Decoded decodePayload(byte[] vrrp, InetAddress src, InetAddress dst, int ttl,
      ReceivePolicy policy) {
    return decodePayload(vrrp, 0, vrrp == null ? 0 : vrrp.length, src, dst, ttl, policy);
  }

  /**
   * Decodes the VRRP message alone, the IP header fields given separately ({@code ttl} is the
   * IPv6 hop limit for IPv6). The family of {@code src} is the family of the addresses expected.
   * The checks run in the order of RFC 5798 section 7.1 / RFC 3768 section 7.1, the first failing
   * one names the drop.
   */
  public static Decoded decodePayload(byte[] b, int off, int len, InetAddress src,
      InetAddress dst, int ttl, ReceivePolicy policy) {
    if (b == null || off < 0 || len < 0 || off + len > b.length || src == null || dst == null) {
      return new Decoded.Drop(DropReason.LENGTH, src, "no packet");
    }
    boolean v6 = src instanceof Inet6Address;
    if (v6 != dst instanceof Inet6Address) {
      return new Decoded.Drop(DropReason.NOT_VRRP, src, "source and destination of two families");
    }
    int addrLen = v6 ? 16 : 4;
    if (ttl != TTL) {
      return new Decoded.Drop(DropReason.TTL, src, "TTL " + ttl);
    }
    if (len < 8) {
      return new Decoded.Drop(DropReason.LENGTH, src, len + " bytes, a VRRP header is 8");
    }
    int version = (b[off] & 0xFF) >>> 4;
    int type = b[off] & 0x0F;
    boolean versionOk = policy.version() == 0 ? version == 2 || version == 3
        : version == policy.version();
    if (!versionOk || (v6 && version != 3)) { // RFC 3768 defines no IPv6 adverts
      return new Decoded.Drop(DropReason.VERSION, src, "version " + version);
    }
    if (type != TYPE_ADVERTISEMENT) {
      return new Decoded.Drop(DropReason.TYPE, src, "type " + type);
    }
    int count = b[off + 3] & 0xFF;
    int expected = 8 + addrLen * count + (version == 2 ? Advert.AUTH_DATA_LENGTH : 0);
    if (count == 0 || len != expected) {
      return new Decoded.Drop(DropReason.LENGTH, src,
          len + " bytes for " + count + " addresses, expected " + expected);
    }
    if (checksum(version, b, off, len, src, dst) != 0) {
      return new Decoded.Drop(DropReason.CHECKSUM, src,
          String.format("checksum 0x%02x%02x", b[off + 6] & 0xFF, b[off + 7] & 0xFF));
    }
    if (policy.ownAddresses().contains(src)) {
      return new Decoded.Drop(DropReason.OWN, src, "our own advert");
    }
    int vrid = b[off + 1] & 0xFF;
    if (vrid == 0 || (policy.vrid() != 0 && vrid != policy.vrid())) {
      return new Decoded.Drop(DropReason.OTHER_VRID, src, "vrid " + vrid);
    }
    int priority = b[off + 2] & 0xFF;
    List<InetAddress> addrs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = off + 8 + addrLen * i;
      addrs.add(v6 ? ipv6(java.util.Arrays.copyOfRange(b, at, at + 16)) : ipv4(b, at));
    }
    if (version == 3) {
      int centis = ((b[off + 4] & 0x0F) << 8) | (b[off + 5] & 0xFF);
      return new Decoded.Received(new Advert(3, vrid, priority, centis, addrs, 0, ""), src, dst,
          ttl);
    }
    int authType = b[off + 4] & 0xFF;
    int seconds = b[off + 5] & 0xFF;
    String password = authPassword(b, off + 8 + 4 * count);
    if (policy.authType() >= 0 && (authType != policy.authType()
        || (authType == Advert.AUTH_SIMPLE && !password.equals(policy.password())))) {
      return new Decoded.Drop(DropReason.AUTH, src, "auth type " + authType);
    }
    if (policy.intervalCentis() != 0 && seconds * 100 != policy.intervalCentis()) {
      return new Decoded.Drop(DropReason.INTERVAL, src,
          "advert interval " + seconds + " s, configured " + policy.intervalCentis() / 100 + " s");
    }
    if (authType != Advert.AUTH_SIMPLE) {
      password = ""; // only simple auth carries a password; other data is not ours to read
    }
    return new Decoded.Received(
        new Advert(2, vrid, priority, seconds * 100, addrs, authType, password), src, dst, ttl);
  }

  /**
   * The checksum over {@code len} bytes (v3 with its IPv4 or IPv6 pseudo-header); 0 when a
   * received message verifies. The observer checks the wire's adverts with it too.
   */
  public static int checksum(int version, byte[] b, int off, int len, InetAddress src,
      InetAddress dst) {
    long sum = 0;
    if (version == 3 && src instanceof Inet6Address) {
      byte[] pseudo = new byte[40]; // RFC 8200 section 8.1: src, dst, 32-bit length, 0, 0, 0, nh
      System.arraycopy(src.getAddress(), 0, pseudo, 0, 16);
      System.arraycopy(dst.getAddress(), 0, pseudo, 16, 16);
      pseudo[34] = (byte) (len >>> 8);
      pseudo[35] = (byte) len;
      pseudo[39] = (byte) IP_PROTOCOL;
      sum = InternetChecksum.add(sum, pseudo, 0, pseudo.length);
    } else if (version == 3) {
      byte[] pseudo = new byte[12]; // RFC 5798 section 5.2.8 / RFC 768 pseudo-header
      System.arraycopy(src.getAddress(), 0, pseudo, 0, 4);
      System.arraycopy(dst.getAddress(), 0, pseudo, 4, 4);
      pseudo[9] = (byte) IP_PROTOCOL;
      pseudo[10] = (byte) (len >>> 8);
      pseudo[11] = (byte) len;
      sum = InternetChecksum.add(sum, pseudo, 0, pseudo.length);
    }
    return InternetChecksum.finish(InternetChecksum.add(sum, b, off, len));
  }

  /** The password up to its first NUL; Latin-1 so any byte maps to one char. */
  private static String authPassword(byte[] b, int off) {
    int n = 0;
    while (n < Advert.AUTH_DATA_LENGTH && b[off + n] != 0) {
      n++;
    }
    return new String(b, off, n, StandardCharsets.ISO_8859_1);
  }

  static Inet4Address ipv4(byte[] b, int off) {
    return ipv4(new byte[] {b[off], b[off + 1], b[off + 2], b[off + 3]});
  }

  static Inet6Address ipv6(byte[] sixteen) {
    try {
      // no scope: a link-local source is compared and printed as the bytes on the wire
      return Inet6Address.getByAddress(null, sixteen, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }

  static Inet4Address ipv4(byte[] four) {
    try {
      return (Inet4Address) InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }
}
