package lbchaos.observer;

import java.util.HexFormat;
import java.util.Optional;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.GarpSeen;

/**
 * Decodes one captured frame: link layer, then IPv4 or IPv6 carrying VRRP, or ARP. Pure: bytes in, an
 * event or the reason it was skipped out.
 */
public final class Frames {

  // Link types, from the tcpdump.org LINKTYPE_ registry.
  public static final int LINKTYPE_ETHERNET = 1;
  public static final int LINKTYPE_RAW = 101;
  public static final int LINKTYPE_LINUX_SLL = 113;
  public static final int LINKTYPE_IPV4 = 228;
  public static final int LINKTYPE_LINUX_SLL2 = 276;

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_ARP = 0x0806;
  static final int ETHERTYPE_IPV6 = 0x86DD;
  static final int ETHERTYPE_VLAN = 0x8100;
  static final int ETHERTYPE_QINQ = 0x88A8;

  private Frames() {}

  /** What one frame was: an event, or skipped for a reason (counted by the observer). */
  public sealed interface Decoded {
    record Seen(Event event) implements Decoded {}

    record Skipped(String reason) implements Decoded {}
  }

  public static Decoded decode(int linkType, long atMicros, byte[] f, String source) {
    int ethertype;
    int off;
    switch (linkType) {
      case LINKTYPE_ETHERNET -> {
        if (f.length < 14) {
          return skip("short ethernet");
        }
        off = 14;
        ethertype = u16(f, 12);
        while ((ethertype == ETHERTYPE_VLAN || ethertype == ETHERTYPE_QINQ) && f.length >= off + 4) {
          ethertype = u16(f, off + 2);
          off += 4;
        }
      }
      case LINKTYPE_LINUX_SLL -> {
        if (f.length < 16) {
          return skip("short sll");
        }
        off = 16;
        ethertype = u16(f, 14);
      }
      case LINKTYPE_LINUX_SLL2 -> {
        if (f.length < 20) {
          return skip("short sll2");
        }
        off = 20;
        ethertype = u16(f, 0);
      }
      case LINKTYPE_RAW, LINKTYPE_IPV4 -> {
        off = 0;
        int version = f.length > 0 ? (f[0] & 0xF0) >>> 4 : -1;
        ethertype = version == 4 ? ETHERTYPE_IPV4 : version == 6 ? ETHERTYPE_IPV6 : -1;
      }
      default -> {
        return skip("link type " + linkType);
      }
    }
    return switch (ethertype) {
      case ETHERTYPE_IPV4 -> ipv4(atMicros, f, off, source);
      case ETHERTYPE_IPV6 -> ipv6(atMicros, f, off, source);
      case ETHERTYPE_ARP -> arp(atMicros, f, off, source);
      default -> skip("not ipv4, ipv6 or arp");
    };
  }

  private static Decoded ipv4(long at, byte[] f, int off, String source) {
    if (f.length < off + 20 || (f[off] & 0xF0) != 0x40) {
      return skip("bad ipv4 header");
    }
    int ihl = (f[off] & 0x0F) * 4;
    int total = u16(f, off + 2);
    if (ihl < 20 || total < ihl) {
      return skip("bad ipv4 header");
    }
    if ((u16(f, off + 6) & 0x3FFF) != 0) {
      return skip("ipv4 fragment"); // MF set or an offset: not a whole advert
    }
    int protocol = f[off + 9] & 0xFF;
    if (protocol != VrrpHeader.IP_PROTOCOL) {
      return skip("not vrrp");
    }
    // The IP length, not the frame, bounds the message: Ethernet pads short frames to 60 octets.
    int len = total - ihl;
    if (f.length < off + total) {
      return skip("truncated vrrp");
    }
    byte[] src = java.util.Arrays.copyOfRange(f, off + 12, off + 16);
    byte[] dst = java.util.Arrays.copyOfRange(f, off + 16, off + 20);
    int ttl = f[off + 8] & 0xFF;
    String frame = digest(f, off, total);
    return VrrpHeader.parse(f, off + ihl, len, src, dst)
        .<Decoded>map(v -> new Decoded.Seen(new AdvertSeen(at, source, ipv4(src, 0), v.vrid(),
            v.priority(), v.version(), v.intervalCentis(), v.checksumValid(), ttl, frame)))
        .orElseGet(() -> skip("not a vrrp advertisement"));
  }

  /**
   * RFC 8200 section 3: a fixed 40-octet header whose next header is VRRP (RFC 5798 section
   * 5.1.2); extension headers are not followed (keepalived sends none). The hop limit is the
   * advert's TTL.
   */
  private static Decoded ipv6(long at, byte[] f, int off, String source) {
    if (f.length < off + 40 || (f[off] & 0xF0) != 0x60) {
      return skip("bad ipv6 header");
    }
    if ((f[off + 6] & 0xFF) != VrrpHeader.IP_PROTOCOL) {
      return skip("not vrrp");
    }
    int len = u16(f, off + 4);
    if (f.length < off + 40 + len) {
      return skip("truncated vrrp");
    }
    byte[] src = java.util.Arrays.copyOfRange(f, off + 8, off + 24);
    byte[] dst = java.util.Arrays.copyOfRange(f, off + 24, off + 40);
    int hopLimit = f[off + 7] & 0xFF;
    String frame = digest(f, off, 40 + len);
    return VrrpHeader.parse(f, off + 40, len, src, dst)
        .<Decoded>map(v -> new Decoded.Seen(new AdvertSeen(at, source, address(src), v.vrid(),
            v.priority(), v.version(), v.intervalCentis(), v.checksumValid(), hopLimit, frame)))
        .orElseGet(() -> skip("not a vrrp advertisement"));
  }

  /**
   * Dotted quad for 4 octets, RFC 5952 text for 16 (Events.address: as the agents' own events
   * and ip(8) write it, so the same advert's source reads the same from every vantage point).
   */
  static String address(byte[] a) {
    try {
      return lbchaos.event.Events.address(java.net.InetAddress.getByAddress(a));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("an address is 4 or 16 octets, was " + a.length, e);
    }
  }

  /**
   * The IP packet's CRC-32: the identity of one advert across vantage points. A bridge forwards
   * the packet untouched (no TTL decrement, no rewrite), so the sender's namespace, the bridge
   * port and the peer's namespace capture the same octets; the link header is left out, since
   * a cooked (SLL) capture has none of Ethernet's.
   */
  static String digest(byte[] f, int off, int len) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(f, off, len);
    return String.format("%08x", crc.getValue());
  }

  /** RFC 826 over Ethernet/IPv4; gratuitous when the sender announces its own address (RFC 5227 3). */
  private static Decoded arp(long at, byte[] f, int off, String source) {
    if (f.length < off + 28) {
      return skip("short arp");
    }
    if (u16(f, off) != 1 || u16(f, off + 2) != ETHERTYPE_IPV4 || f[off + 4] != 6
        || f[off + 5] != 4) {
      return skip("arp not ethernet/ipv4");
    }
    int op = u16(f, off + 6);
    String senderIp = ipv4(f, off + 14);
    String targetIp = ipv4(f, off + 24);
    if ((op != 1 && op != 2) || !senderIp.equals(targetIp) || senderIp.equals("0.0.0.0")) {
      return skip("arp not gratuitous");
    }
    String mac = HexFormat.ofDelimiter(":").formatHex(f, off + 8, off + 14);
    return new Decoded.Seen(new GarpSeen(at, source, senderIp, mac));
  }

  static String ipv4(byte[] b, int off) {
    return (b[off] & 0xFF) + "." + (b[off + 1] & 0xFF) + "." + (b[off + 2] & 0xFF) + "."
        + (b[off + 3] & 0xFF);
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  private static Decoded skip(String reason) {
    return new Decoded.Skipped(reason);
  }

  /** Convenience for callers that only want the event. */
  public static Optional<Event> event(Decoded d) {
    return d instanceof Decoded.Seen(Event e) ? Optional.of(e) : Optional.empty();
  }
}
