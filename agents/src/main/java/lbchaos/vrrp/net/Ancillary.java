package lbchaos.vrrp.net;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the ancillary data of one recvmsg(2) says of its packet: the IPv6 hop limit and
 * destination (IPV6_HOPLIMIT, IPV6_PKTINFO; RFC 3542) and, on either family, the kernel's receive
 * time (SO_TIMESTAMPNS: a struct timespec of CLOCK_REALTIME, taken when the packet reached the
 * socket, not when the agent read it). Pure: bytes in, a record out.
 *
 * @param hopLimit the IPv6 hop limit; 0 when absent (then the codec drops the packet: TTL)
 * @param destination the IPv6 destination; null when absent
 * @param arrivedNanos the kernel's receive time, nanoseconds since the epoch; -1 when absent
 */
record Ancillary(int hopLimit, Inet6Address destination, long arrivedNanos) {

  /** CMSG_ALIGN on 64-bit Linux: control messages are aligned to sizeof(size_t). */
  static final int CMSG_ALIGN = 8;
  /** struct cmsghdr: size_t cmsg_len, int cmsg_level, int cmsg_type. */
  static final int CMSG_HDR = 16;

  /** The ancillary data in the first {@code len} bytes of {@code control}. */
  static Ancillary parse(byte[] control, int len) {
    ByteBuffer b = ByteBuffer.wrap(control, 0, Math.min(len, control.length))
        .order(ByteOrder.nativeOrder());
    int hop = 0;
    Inet6Address dst = null;
    long arrived = -1;
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
      } else if (level == Libc.SOL_SOCKET && type == Libc.SCM_TIMESTAMPNS
          && cmsgLen >= CMSG_HDR + 16) {
        arrived = b.getLong(data) * 1_000_000_000L + b.getLong(data + 8);
      }
      at += (int) ((cmsgLen + CMSG_ALIGN - 1) & -CMSG_ALIGN);
    }
    return new Ancillary(hop, dst, arrived);
  }
}
