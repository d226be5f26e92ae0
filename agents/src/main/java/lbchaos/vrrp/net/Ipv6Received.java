package lbchaos.vrrp.net;

import java.net.Inet6Address;
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

  private Ipv6Received() {}

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
