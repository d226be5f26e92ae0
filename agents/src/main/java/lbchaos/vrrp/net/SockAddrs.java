package lbchaos.vrrp.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The socket address structs, as bytes (testable without a socket). */
final class SockAddrs {

  private SockAddrs() {}

  /** struct sockaddr_in (16 bytes): family in host order, port and address in network order. */
  static byte[] in(Inet4Address addr) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    b.putShort((short) Libc.AF_INET);
    b.putShort((short) 0);
    b.put(addr.getAddress());
    return b.array();
  }

  /**
   * struct sockaddr_in6 (28 bytes): family in host order, port 0, flow info 0, the address, and
   * the scope (interface index, host order) a link-local or link-scope multicast address needs.
   */
  static byte[] in6(Inet6Address addr, int scopeId) {
    ByteBuffer b = ByteBuffer.allocate(SOCKADDR_IN6).order(ByteOrder.nativeOrder());
    b.putShort((short) Libc.AF_INET6).putShort((short) 0).putInt(0);
    b.put(addr.getAddress());
    b.putInt(scopeId);
    return b.array();
  }

  static final int SOCKADDR_IN6 = 28;

  /** The address of a struct sockaddr_in6, without its scope (as the codec compares them). */
  static Inet6Address in6Address(byte[] sockaddr) {
    if (sockaddr.length < 24) {
      throw new IllegalArgumentException("a sockaddr_in6 is 28 bytes, got " + sockaddr.length);
    }
    return ipv6(java.util.Arrays.copyOfRange(sockaddr, 8, 24));
  }

  static Inet6Address ipv6(byte[] sixteen) {
    try {
      return Inet6Address.getByAddress(null, sixteen, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }

  /** struct ipv6_mreq (20 bytes): the group, then the interface index (host order). */
  static byte[] mreq6(InetAddress group, int ifindex) {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    b.put(group.getAddress());
    b.putInt(ifindex);
    return b.array();
  }

  /** struct ip_mreqn (12 bytes): group, local address, interface index (host order). */
  static byte[] mreqn(Inet4Address group, Inet4Address local, int ifindex) {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
    b.put(group.getAddress());
    b.put(local.getAddress());
    b.putInt(ifindex);
    return b.array();
  }

  /**
   * struct sockaddr_nl (12 bytes) to bind to: the kernel assigns the port id; {@code groups} are
   * the multicast groups to join (a bit mask of RTMGRP_*).
   */
  static byte[] netlinkGroups(int groups) {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
    b.putShort((short) Libc.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups);
    return b.array();
  }

  /** struct sockaddr_nl (12 bytes) addressing the kernel. */
  static byte[] netlinkKernel() {
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
    b.putShort((short) Libc.AF_NETLINK);
    return b.array();
  }

  /** struct sockaddr_ll (20 bytes) for sending an Ethernet broadcast on {@code ifindex}. */
  static byte[] packetBroadcast(int ifindex, int ethertype) {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    b.putShort((short) Libc.AF_PACKET);
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) ethertype).order(ByteOrder.nativeOrder());
    b.putInt(ifindex);
    b.putShort((short) 1); // ARPHRD_ETHER
    b.put((byte) 0); // pkttype
    b.put((byte) 6); // halen
    for (int i = 0; i < 6; i++) {
      b.put((byte) 0xFF);
    }
    return b.array();
  }

  /** struct timeval (16 bytes on 64-bit Linux). */
  static byte[] timeval(long micros) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    b.putLong(micros / 1_000_000);
    b.putLong(micros % 1_000_000);
    return b.array();
  }

  static byte[] intValue(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }
}
