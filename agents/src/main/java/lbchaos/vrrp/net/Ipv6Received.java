package lbchaos.vrrp.net;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * What recvmsg(2) reports of one packet on an IPv6 raw socket, turned back into the packet. An
 * IPv6 raw socket delivers the payload alone (RFC 3542 section 3): the source comes in the
 * socket address, the hop limit and the destination in ancillary data (IPV6_HOPLIMIT,
 * IPV6_PKTINFO), which is how keepalived 2.2.7 reads them too (vrrp_scheduler.c
 * vrrp_dispatcher_read). Rebuilding the header lets the one codec ({@link VrrpCodec#decodeIp})
 * check hop limit, length and the pseudo-header checksum for both families. Pure: bytes in,
 * bytes out.
 */
final class Ipv6Received {

  /** CMSG_ALIGN on 64-bit Linux: control messages are aligned to sizeof(size_t). */
  static final int CMSG_ALIGN = 8;
  /** struct cmsghdr: size_t cmsg_len, int cmsg_level, int cmsg_type. */
  static final int CMSG_HDR = 16;

  private Ipv6Received() {}

  /**
   * The hop limit and destination from a control buffer of {@code len} bytes; hop limit 0 and
   * destination null when absent (then the codec drops the packet: TTL, or no destination).
   */
  record Ancillary(int hopLimit, Inet6Address destination) {}

  static Ancillary ancillary(byte[] control, int len) {
    ByteBuffer b = ByteBuffer.wrap(control, 0, Math.min(len, control.length))
        .order(ByteOrder.nativeOrder());
    int hop = 0;
    Inet6Address dst = null;
    int at = 0;
    while (at + CMSG_HDR <= b.limit()) {
      long cmsgLen = b.getLong(at);
      int level = b.getInt(at + 8);
      int type = b.getInt(at + 12);
      if (cmsgLen < CMSG_HDR || at + cmsgLen > b.limit()) {
        break;
      }
      int data = at + CMSG_HDR;
      if (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_HOPLIMIT && cmsgLen >= CMSG_HDR + 4) {
        hop = b.getInt(data);
      } else if (level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_PKTINFO
          && cmsgLen >= CMSG_HDR + 20) {
        dst = SockAddrs.ipv6(java.util.Arrays.copyOfRange(control, data, data + 16));
      }
      at += (int) ((cmsgLen + CMSG_ALIGN - 1) & -CMSG_ALIGN);
    }
    return new Ancillary(hop, dst);
  }

  /**
   * The IPv6 packet as it was on the wire (no extension headers: a raw socket for protocol 112
   * only sees packets whose last next header is 112): a 40-octet header with {@code src},
   * {@code dst} and {@code hopLimit}, then the {@code len} payload octets.
   */
  static byte[] packet(Inet6Address src, Inet6Address dst, int hopLimit, byte[] payload,
      int len) {
    byte[] ip = new byte[VrrpCodec.IPV6_HEADER + len];
    ip[0] = 0x60;
    ip[4] = (byte) (len >>> 8);
    ip[5] = (byte) len;
    ip[6] = (byte) VrrpCodec.IP_PROTOCOL;
    ip[7] = (byte) hopLimit;
    System.arraycopy(src.getAddress(), 0, ip, 8, 16);
    System.arraycopy(dst.getAddress(), 0, ip, 24, 16);
    System.arraycopy(payload, 0, ip, VrrpCodec.IPV6_HEADER, len);
    return ip;
  }
}
