package lbchaos.vrrp.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet4Address;
import java.time.Duration;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * Two {@code socket(AF_INET, SOCK_RAW, 112)} on one interface. The sending one is bound to our
 * source address (the kernel writes the IP header, TTL 255 per RFC 5798 section 5.1.1.3, own
 * multicast not looped back). The receiving one is not bound to an address, since a raw socket
 * bound to a local address only sees packets addressed to it, not those to 224.0.0.18; it is
 * bound to the device, joins the group, and receives whole IP packets (header included, so TTL
 * can be checked), each stamped with the kernel's receive time.
 */
public final class RawVrrpSocket implements AdvertSocket {

  /** IP TOS byte of adverts: IPTOS_PREC_INTERNETCONTROL of netinet/ip.h. */
  static final int IPTOS_INTERNETCONTROL = 0xc0;

  private final int tx;
  private final int rx;
  private final Arena arena = Arena.ofShared();
  private final RecvMsg received;
  private final Inet4Address local;
  private final int ifindex;
  private final boolean multicast;
  private volatile boolean closed;

  private RawVrrpSocket(int tx, int rx, Inet4Address local, int ifindex, boolean multicast) {
    this.tx = tx;
    this.rx = rx;
    this.local = local;
    this.ifindex = ifindex;
    this.multicast = multicast;
    this.received = new RecvMsg(arena, 0);
  }

  /**
   * Opens both sockets on {@code iface} with source address {@code local}. {@code multicast}
   * joins the VRRP group; otherwise adverts go to unicast peers. {@code receiveTimeout} bounds
   * each {@link #receive} so a reader thread can notice it should stop.
   */
  public static RawVrrpSocket open(String iface, int ifindex, Inet4Address local,
      boolean multicast, Duration receiveTimeout) throws IOException {
    byte[] device = (iface + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int tx = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW, VrrpCodec.IP_PROTOCOL);
    int rx = -1;
    try {
      Libc.setsockopt(tx, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, device);
      Libc.bind(tx, SockAddrs.in(local));
      Libc.setsockopt(tx, Libc.SOL_SOCKET, Libc.SO_RCVBUF, SockAddrs.intValue(1024));
      Libc.setsockopt(tx, Libc.IPPROTO_IP, Libc.IP_TTL, SockAddrs.intValue(VrrpCodec.TTL));
      // Precedence "internetwork control" (0xc0), as keepalived writes into its adverts' IP header
      // (seen in its captured adverts, vrrp-golden/keepalived-*): same wire, same queueing.
      Libc.setsockopt(tx, Libc.IPPROTO_IP, Libc.IP_TOS, SockAddrs.intValue(IPTOS_INTERNETCONTROL));
      Libc.setsockopt(tx, Libc.IPPROTO_IP, Libc.IP_MULTICAST_TTL,
          SockAddrs.intValue(VrrpCodec.TTL));
      Libc.setsockopt(tx, Libc.IPPROTO_IP, Libc.IP_MULTICAST_LOOP, SockAddrs.intValue(0));
      Libc.setsockopt(tx, Libc.IPPROTO_IP, Libc.IP_MULTICAST_IF,
          SockAddrs.mreqn(VrrpCodec.MULTICAST_GROUP, local, ifindex));
      rx = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW, VrrpCodec.IP_PROTOCOL);
      Libc.setsockopt(rx, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, device);
      Libc.setsockopt(rx, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO,
          SockAddrs.timeval(receiveTimeout.toNanos() / 1_000));
      RecvMsg.stampArrivals(rx);
      if (multicast) {
        Libc.setsockopt(rx, Libc.IPPROTO_IP, Libc.IP_ADD_MEMBERSHIP,
            SockAddrs.mreqn(VrrpCodec.MULTICAST_GROUP, local, ifindex));
      }
      return new RawVrrpSocket(tx, rx, local, ifindex, multicast);
    } catch (IOException | RuntimeException e) {
      Libc.close(tx);
      if (rx >= 0) {
        Libc.close(rx);
      }
      throw e;
    }
  }

  @Override
  public void send(byte[] vrrpMessage, java.net.InetAddress destination) throws IOException {
    if (!(destination instanceof Inet4Address v4)) {
      throw new IllegalArgumentException("an IPv4 socket sends to IPv4 addresses: " + destination);
    }
    Libc.sendto(tx, vrrpMessage, SockAddrs.in(v4));
  }

  @Override
  public java.net.InetAddress group() {
    return VrrpCodec.MULTICAST_GROUP;
  }

  @Override
  public boolean readable() {
    return !closed && Libc.readable(rx);
  }

  @Override
  public byte[] receive() throws IOException {
    if (closed) {
      return null;
    }
    int n = received.receive(rx);
    return n < 0 ? null : received.payload(n);
  }

  @Override
  public long receivedAgeNanos() {
    return received.ageNanos();
  }

  @Override
  public Inet4Address local() {
    return local;
  }

  /**
   * Leaves the group, closes the descriptor and frees the receive buffer. Call only after the
   * reader thread has stopped (it returns from {@link #receive} within the receive timeout):
   * closing a descriptor under a blocked reader does not wake it on Linux.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (multicast) {
      try {
        Libc.setsockopt(rx, Libc.IPPROTO_IP, Libc.IP_DROP_MEMBERSHIP,
            SockAddrs.mreqn(VrrpCodec.MULTICAST_GROUP, local, ifindex));
      } catch (IOException e) {
        // closing the socket drops the membership anyway
      }
    }
    Libc.close(tx);
    Libc.close(rx);
    arena.close();
  }
}
