package lbchaos.vrrp.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * rtnetlink messages (rtnetlink(7)) to add and remove an IPv4 address: nlmsghdr + ifaddrmsg +
 * IFA_LOCAL/IFA_ADDRESS (+ IFA_LABEL) attributes, in host byte order except the addresses; and
 * to learn the links' state: the RTM_GETLINK dump and the RTM_NEWLINK/RTM_DELLINK messages the
 * kernel sends for it and to the RTMGRP_LINK group. Pure byte building and parsing; {@link
 * NetlinkSocket} and {@link LinkSocket} send and receive them.
 */
public final class RtNetlink {

  // <linux/rtnetlink.h>, <linux/netlink.h>, <linux/if_addr.h>
  static final short RTM_NEWADDR = 20;
  static final short RTM_DELADDR = 21;
  static final short NLMSG_ERROR = 2;
  static final short NLMSG_DONE = 3;
  static final short RTM_NEWLINK = 16;
  static final short RTM_DELLINK = 17;
  static final short RTM_GETLINK = 18;
  static final short NLM_F_DUMP = 0x300;
  static final short IFLA_IFNAME = 3;
  static final int IFINFOMSG_LEN = 16;
  /** The multicast group of link changes (RTMGRP_LINK, a bit mask for sockaddr_nl). */
  static final int RTMGRP_LINK = 1;
  // <net/if.h>
  static final int IFF_UP = 0x1;
  static final int IFF_RUNNING = 0x40;
  static final short NLM_F_REQUEST = 0x1;
  static final short NLM_F_ACK = 0x4;
  static final short NLM_F_EXCL = 0x200;
  static final short NLM_F_CREATE = 0x400;
  static final short IFA_ADDRESS = 1;
  static final short IFA_LOCAL = 2;
  static final short IFA_LABEL = 3;
  static final short IFA_FLAGS = 8;
  /** &lt;linux/if_addr.h&gt;: no duplicate address detection, the address is usable at once. */
  static final int IFA_F_NODAD = 0x02;
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

  /**
   * RTM_NEWADDR for an IPv6 VIP as keepalived 2.2.7 adds one (vrrp_ipaddress.c netlink_ipaddress):
   * IFA_LOCAL and IFA_FLAGS with IFA_F_NODAD, so the VIP skips duplicate address detection (a
   * new master's VIP is usable at once, and a brief split brain cannot leave it dadfailed).
   */
  public static byte[] addAddress6(int seq, int ifindex, Inet6Address addr, int prefix) {
    return message6(RTM_NEWADDR, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL),
        seq, ifindex, addr, prefix, true);
  }

  /** RTM_DELADDR for an IPv6 VIP: IFA_LOCAL alone, as keepalived deletes one. */
  public static byte[] deleteAddress6(int seq, int ifindex, Inet6Address addr, int prefix) {
    return message6(RTM_DELADDR, (short) (NLM_F_REQUEST | NLM_F_ACK), seq, ifindex, addr, prefix,
        false);
  }

  private static byte[] message6(short type, short flags, int seq, int ifindex,
      Inet6Address addr, int prefix, boolean nodad) {
    int len = NLMSG_HDRLEN + IFADDRMSG_LEN + align(4 + 16) + (nodad ? align(4 + 4) : 0);
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
    b.putInt(len).putShort(type).putShort(flags).putInt(seq).putInt(0); // nlmsghdr, pid 0
    b.put((byte) Libc.AF_INET6).put((byte) prefix).put((byte) 0).put((byte) 0);
    b.putInt(ifindex); // ifaddrmsg
    attribute(b, IFA_LOCAL, addr.getAddress());
    if (nodad) {
      attribute(b, IFA_FLAGS, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder())
          .putInt(IFA_F_NODAD).array());
    }
    return b.array();
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

  /**
   * RTM_GETLINK with NLM_F_DUMP, as {@code ip link show}: the kernel answers one RTM_NEWLINK per
   * interface, then NLMSG_DONE.
   */
  public static byte[] dumpLinks(int seq) {
    int len = NLMSG_HDRLEN + IFINFOMSG_LEN;
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
    b.putInt(len).putShort(RTM_GETLINK).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
        .putInt(seq).putInt(0);
    // ifinfomsg: AF_UNSPEC, every type, index and flags left zero: all links.
    return b.array();
  }

  /**
   * One interface's state from an RTM_NEWLINK or RTM_DELLINK message.
   *
   * @param flags the ifi_flags (IFF_UP, IFF_RUNNING, ...); 0 for a deleted link
   * @param deleted from RTM_DELLINK: the interface is gone
   */
  public record Link(int index, String name, int flags, boolean deleted) {
    /**
     * Up as keepalived 2.2.7 decides it (vrrp_if.h FLAGS_UP): both IFF_UP (set by the
     * administrator) and IFF_RUNNING (the carrier, operationally up).
     */
    public boolean up() {
      return (flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
    }
  }

  /** What a buffer held: the links' states in order; {@code done} when it ended a dump. */
  public record Links(List<Link> links, boolean done) {}

  /**
   * The links' states in a buffer of netlink messages, in order; a deleted link comes as down
   * (keepalived treats RTM_DELLINK as flags 0). Messages of other types, or without a name, are
   * skipped; NLMSG_DONE marks the end of a dump.
   */
  public static Links links(byte[] buf, int length) {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, length).order(ByteOrder.nativeOrder());
    List<Link> out = new ArrayList<>();
    boolean done = false;
    while (b.remaining() >= NLMSG_HDRLEN) {
      int start = b.position();
      int len = b.getInt();
      short type = b.getShort();
      if (len < NLMSG_HDRLEN || start + len > length) {
        break; // truncated: nothing more to trust in this buffer
      }
      if (type == NLMSG_DONE) {
        done = true;
      } else if ((type == RTM_NEWLINK || type == RTM_DELLINK)
          && len >= NLMSG_HDRLEN + IFINFOMSG_LEN) {
        int index = b.getInt(start + NLMSG_HDRLEN + 4);
        int flags = b.getInt(start + NLMSG_HDRLEN + 8);
        String name = ifname(b, start + NLMSG_HDRLEN + IFINFOMSG_LEN, start + len);
        if (name != null) {
          out.add(new Link(index, name, type == RTM_DELLINK ? 0 : flags, type == RTM_DELLINK));
        }
      }
      b.position(Math.min(length, start + align(len)));
    }
    return new Links(List.copyOf(out), done);
  }

  /** The IFLA_IFNAME attribute between {@code from} and {@code to}, without its NUL; or null. */
  private static String ifname(ByteBuffer b, int from, int to) {
    int at = from;
    while (at + 4 <= to) {
      int len = Short.toUnsignedInt(b.getShort(at));
      int type = b.getShort(at + 2) & 0x3FFF; // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
      if (len < 4 || at + len > to) {
        return null;
      }
      if (type == IFLA_IFNAME) {
        byte[] raw = new byte[len - 4];
        b.get(at + 4, raw);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
          end++;
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
      }
      at += align(len);
    }
    return null;
  }
}
