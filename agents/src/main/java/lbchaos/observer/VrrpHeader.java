package lbchaos.observer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * The fields of one VRRP advertisement (over IPv4, or v3 over IPv6) the observer reports, read
 * whatever they hold: the agents' codec ({@link VrrpCodec}) drops what its receive checks refuse,
 * while the observer reports a bad checksum or TTL as a fact of the wire. The checksum is the
 * codec's.
 *
 * <pre>
 *  v2 (RFC 3768 5.1): version|type, VRID, priority, count, auth type, adver int (s), checksum,
 *                     addresses, 8 octets of authentication data
 *  v3 (RFC 5798 5.1): version|type, VRID, priority, count, rsvd(4)|max adver int (12, cs),
 *                     checksum, addresses
 * </pre>
 *
 * @param intervalCentis advertisement interval in centiseconds (v2's seconds x 100)
 * @param checksumValid v3: over the IPv4 pseudo-header and the message (RFC 5798 5.2.8);
 *     v2: over the message alone (RFC 3768 5.3.8)
 */
public record VrrpHeader(int version, int type, int vrid, int priority, int intervalCentis,
    int checksum, boolean checksumValid, List<String> addresses) {

  /** RFC 5798 5.2.2 / RFC 3768 5.3.2: the only type defined. */
  public static final int TYPE_ADVERTISEMENT = 1;
  /** IANA protocol number, RFC 5798 5.1.1.4. */
  public static final int IP_PROTOCOL = VrrpCodec.IP_PROTOCOL;
  private static final int FIXED = 8;
  /** RFC 3768 5.3.10: v2 carries 8 octets of authentication data after the addresses. */
  private static final int V2_AUTH_DATA = 8;

  public VrrpHeader {
    addresses = List.copyOf(addresses);
  }

  /**
   * Parses the VRRP message {@code b[off, off+len)} carried in an IP packet from {@code src} to
   * {@code dst} (4 bytes each for IPv4, 16 for IPv6, needed for the v3 pseudo-header). Empty when
   * it is not a VRRP v2/v3 advertisement (v3 only over IPv6), or is shorter than its own address
   * count says.
   */
  public static Optional<VrrpHeader> parse(byte[] b, int off, int len, byte[] src, byte[] dst) {
    if (len < FIXED || off + len > b.length) {
      return Optional.empty();
    }
    int version = (b[off] & 0xF0) >>> 4;
    int type = b[off] & 0x0F;
    int addrLen = src.length; // 4 or 16: addresses in the advert are of the packet's family
    if ((version != 2 && version != 3) || type != TYPE_ADVERTISEMENT
        || (addrLen == 16 && version != 3)) {
      return Optional.empty();
    }
    int count = b[off + 3] & 0xFF;
    int needed = FIXED + addrLen * count + (version == 2 ? V2_AUTH_DATA : 0);
    if (len < needed) {
      return Optional.empty();
    }
    int interval = version == 3
        ? ((b[off + 4] & 0x0F) << 8) | (b[off + 5] & 0xFF)
        : (b[off + 5] & 0xFF) * 100;
    int checksum = ((b[off + 6] & 0xFF) << 8) | (b[off + 7] & 0xFF);
    List<String> addresses = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = off + FIXED + addrLen * i;
      addresses.add(Frames.address(java.util.Arrays.copyOfRange(b, at, at + addrLen)));
    }
    return Optional.of(new VrrpHeader(version, type, b[off + 1] & 0xFF, b[off + 2] & 0xFF,
        interval, checksum, checksumOk(version, b, off, len, src, dst), addresses));
  }

  /** Whether the checksum verifies: the agents' codec's sum, pseudo-header and all. */
  static boolean checksumOk(int version, byte[] b, int off, int len, byte[] src, byte[] dst) {
    try {
      return VrrpCodec.checksum(version, b, off, len, InetAddress.getByAddress(src),
          InetAddress.getByAddress(dst)) == 0;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an address of 4 or 16 octets", e);
    }
  }
}
