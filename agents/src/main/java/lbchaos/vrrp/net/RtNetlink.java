package lbchaos.vrrp.net;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * rtnetlink messages to add and remove an IPv4 address (rtnetlink(7)): nlmsghdr + ifaddrmsg +
 * IFA_LOCAL/IFA_ADDRESS (+ IFA_LABEL) attributes, in host byte order except the addresses.
 * Pure byte building and parsing; {@link NetlinkSocket} sends them.
 */
public final class RtNetlink {

  // <linux/rtnetlink.h>, <linux/netlink.h>, <linux/if_addr.h>
  static final short RTM_NEWADDR = 20;
  static final short RTM_DELADDR = 21;
  static final short NLMSG_ERROR = 2;
  static final short NLM_F_REQUEST = 0x1;
  static final short NLM_F_ACK = 0x4;
  static final short NLM_F_EXCL = 0x200;
  static final short NLM_F_CREATE = 0x400;
  static final short IFA_ADDRESS = 1;
  static final short IFA_LOCAL = 2;
  static final short IFA_LABEL = 3;
  static final int NLMSG_HDRLEN = 16;
  static final int IFADDRMSG_LEN = 8;
  /** IFNAMSIZ: a label is at most 15 characters plus NUL. */
  static final int IFNAMSIZ = 16;

  private RtNetlink() {}

  /** RTM_NEWADDR with NLM_F_CREATE|NLM_F_EXCL|NLM_F_ACK, as {@code ip addr add}. */
  public static byte[] addAddress(int seq, int ifindex, Inet4Address addr, int prefix,
      Optional<String> label) {
    return message(RTM_NEWADDR, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL),
        seq, ifindex, addr, prefix, label);
  }

  /** RTM_DELADDR with NLM_F_ACK, as {@code ip addr del}. */
  public static byte[] deleteAddress(int seq, int ifindex, Inet4Address addr, int prefix) {
    return message(RTM_DELADDR, (short) (NLM_F_REQUEST | NLM_F_ACK), seq, ifindex, addr, prefix,
        Optional.empty());
  }

  private static byte[] message(short type, short flags, int seq, int ifindex,
      Inet4Address addr, int prefix, Optional<String> label) {
    byte[] labelBytes = label.map(l -> (l + "\0").getBytes(StandardCharsets.US_ASCII))
        .orElse(new byte[0]);
    if (labelBytes.length > IFNAMSIZ) {
      throw new IllegalArgumentException("label longer than 15 characters: " + label.get());
    }
    int len = NLMSG_HDRLEN + IFADDRMSG_LEN + 2 * align(4 + 4)
        + (labelBytes.length > 0 ? align(4 + labelBytes.length) : 0);
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
    b.putInt(len).putShort(type).putShort(flags).putInt(seq).putInt(0); // nlmsghdr, pid 0
    b.put((byte) Libc.AF_INET).put((byte) prefix).put((byte) 0).put((byte) 0); // flags, scope
    b.putInt(ifindex); // ifaddrmsg
    attribute(b, IFA_LOCAL, addr.getAddress());
    attribute(b, IFA_ADDRESS, addr.getAddress());
    if (labelBytes.length > 0) {
      attribute(b, IFA_LABEL, labelBytes);
    }
    return b.array();
  }

  private static void attribute(ByteBuffer b, short type, byte[] data) {
    int start = b.position();
    b.putShort((short) (4 + data.length)).putShort(type).put(data);
    b.position(start + align(4 + data.length)); // NLA_ALIGNTO = 4, zero padded
  }

  static int align(int n) {
    return (n + 3) & ~3;
  }

  /**
   * The result of an acknowledged request: 0 for success, else the positive errno from the
   * NLMSG_ERROR reply for {@code seq}; empty when {@code reply} holds no answer for it.
   */
  public static Optional<Integer> ackError(byte[] reply, int length, int seq) {
    ByteBuffer b = ByteBuffer.wrap(reply, 0, length).order(ByteOrder.nativeOrder());
    while (b.remaining() >= NLMSG_HDRLEN) {
      int start = b.position();
      int len = b.getInt();
      short type = b.getShort();
      b.getShort();
      int s = b.getInt();
      b.getInt();
      if (len < NLMSG_HDRLEN || start + len > length) {
        return Optional.empty();
      }
      if (type == NLMSG_ERROR && s == seq && len >= NLMSG_HDRLEN + 4) {
        return Optional.of(-b.getInt());
      }
      b.position(start + align(len));
    }
    return Optional.empty();
  }
}
