package lbchaos.vrrp.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import lbchaos.posix.ErrnoException;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * Two {@code socket(AF_INET6, SOCK_RAW, 112)} on one interface, as keepalived 2.2.7 opens them
 * for an IPv6 instance (vrrp.c open_vrrp_send_socket, open_vrrp_read_socket). The sending one is
 * bound to the interface's link-local address (RFC 5798 section 5.1.2.1: the source of an IPv6
 * advert is the link-local address of the interface; keepalived names it per packet with
 * IPV6_PKTINFO, a bind gives the same source), sends to ff02::12 with hop limit 255 (section
 * 5.1.2.3), own multicast not looped back, and lets the kernel write the checksum
 * (IPV6_CHECKSUM at offset 6, as keepalived: the same value the codec computes). The receiving
 * one is bound to the device, joins ff02::12 there, and asks for the hop limit and the
 * destination of each packet (IPV6_RECVHOPLIMIT, IPV6_RECVPKTINFO), so the codec checks hop
 * limit 255 and the pseudo-header checksum itself: keepalived sets IPV6_CHECKSUM on its read
 * socket too, where the kernel drops a bad checksum unseen; the agent drops the same packets and
 * counts them (VrrpDrop "checksum").
 */
public final class RawVrrp6Socket implements AdvertSocket {

  /** RFC 5798 section 5.2.8: the checksum is octets 6-7 of the VRRP message. */
  static final int CHECKSUM_OFFSET = 6;
  private static final int EADDRNOTAVAIL = 99;

  private final int tx;
  private final int rx;
  private final Arena arena = Arena.ofShared();
  private final RecvMsg received;
  private final Inet6Address local;
  private final int ifindex;
  private volatile boolean closed;

  private RawVrrp6Socket(int tx, int rx, Inet6Address local, int ifindex) {
    this.tx = tx;
    this.rx = rx;
    this.local = local;
    this.ifindex = ifindex;
    this.received = new RecvMsg(arena, SockAddrs.SOCKADDR_IN6);
  }

  /**
   * Opens both sockets on {@code iface} with source {@code linkLocal}. A link-local address is
   * tentative for about a second after the link comes up (duplicate address detection) and
   * cannot be bound then: the bind is tried again until {@code bindWithin} has passed.
   * {@code receiveTimeout} bounds each {@link #receive}.
   */
  public static RawVrrp6Socket open(String iface, int ifindex, Inet6Address linkLocal,
      Duration receiveTimeout, Duration bindWithin) throws IOException {
    byte[] device = (iface + "\0").getBytes(StandardCharsets.US_ASCII);
    int tx = Libc.socket(Libc.AF_INET6, Libc.SOCK_RAW, VrrpCodec.IP_PROTOCOL);
    int rx = -1;
    try {
      Libc.setsockopt(tx, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, device);
      Libc.setsockopt(tx, Libc.SOL_SOCKET, Libc.SO_RCVBUF, SockAddrs.intValue(1024));
      Libc.setsockopt(tx, Libc.IPPROTO_IPV6, Libc.IPV6_CHECKSUM,
          SockAddrs.intValue(CHECKSUM_OFFSET));
      // Traffic class "internetwork control", as keepalived sets it (vrrp_if.c
      // if_setsockopt_priority; 0xc0 in its captured IPv6 adverts), like the IPv4 TOS.
      Libc.setsockopt(tx, Libc.IPPROTO_IPV6, Libc.IPV6_TCLASS,
          SockAddrs.intValue(RawVrrpSocket.IPTOS_INTERNETCONTROL));
      Libc.setsockopt(tx, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_HOPS,
          SockAddrs.intValue(VrrpCodec.TTL));
      Libc.setsockopt(tx, Libc.IPPROTO_IPV6, Libc.IPV6_UNICAST_HOPS,
          SockAddrs.intValue(VrrpCodec.TTL));
      Libc.setsockopt(tx, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_IF, SockAddrs.intValue(ifindex));
      Libc.setsockopt(tx, Libc.IPPROTO_IPV6, Libc.IPV6_MULTICAST_LOOP, SockAddrs.intValue(0));
      bind(tx, SockAddrs.in6(linkLocal, ifindex), bindWithin);
      rx = Libc.socket(Libc.AF_INET6, Libc.SOCK_RAW, VrrpCodec.IP_PROTOCOL);
      Libc.setsockopt(rx, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, device);
      Libc.setsockopt(rx, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO,
          SockAddrs.timeval(receiveTimeout.toNanos() / 1_000));
      Libc.setsockopt(rx, Libc.IPPROTO_IPV6, Libc.IPV6_RECVHOPLIMIT, SockAddrs.intValue(1));
      Libc.setsockopt(rx, Libc.IPPROTO_IPV6, Libc.IPV6_RECVPKTINFO, SockAddrs.intValue(1));
      RecvMsg.stampArrivals(rx);
      Libc.setsockopt(rx, Libc.IPPROTO_IPV6, Libc.IPV6_ADD_MEMBERSHIP,
          SockAddrs.mreq6(VrrpCodec.MULTICAST_GROUP_V6, ifindex));
      return new RawVrrp6Socket(tx, rx, linkLocal, ifindex);
    } catch (IOException | RuntimeException e) {
      Libc.close(tx);
      if (rx >= 0) {
        Libc.close(rx);
      }
      throw e;
    }
  }

  private static void bind(int fd, byte[] sockaddr, Duration within) throws IOException {
    Instant until = Instant.now().plus(within);
    while (true) {
      try {
        Libc.bind(fd, sockaddr);
        return;
      } catch (ErrnoException e) {
        if (e.errno() != EADDRNOTAVAIL || Instant.now().isAfter(until)) {
          throw e;
        }
      }
      try {
        Thread.sleep(100); // DAD's pace: one probe a second (RFC 4862 RetransTimer)
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the link-local address was tentative", ie);
      }
    }
  }

  @Override
  public void send(byte[] vrrpMessage, InetAddress destination) throws IOException {
    if (!(destination instanceof Inet6Address v6)) {
      throw new IllegalArgumentException("an IPv6 socket sends to IPv6 addresses: " + destination);
    }
    Libc.sendto(tx, vrrpMessage, SockAddrs.in6(v6, ifindex));
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
    if (n < 0) {
      return null;
    }
    Ancillary a = received.ancillary();
    Inet6Address src = SockAddrs.in6Address(received.name());
    // No IPV6_PKTINFO (never seen once it is asked for): the unspecified address, so the
    // pseudo-header checksum fails and the packet is dropped and counted.
    Inet6Address dst = a.destination() != null ? a.destination()
        : SockAddrs.ipv6(new byte[16]);
    return Ipv6Received.packet(src, dst, a.hopLimit(), received.payload(n), n);
  }

  @Override
  public long receivedAgeNanos() {
    return received.ageNanos();
  }

  @Override
  public Inet6Address local() {
    return local;
  }

  @Override
  public InetAddress group() {
    return VrrpCodec.MULTICAST_GROUP_V6;
  }

  /** As {@link RawVrrpSocket#close}: only after the reader thread has stopped. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Libc.setsockopt(rx, Libc.IPPROTO_IPV6, Libc.IPV6_DROP_MEMBERSHIP,
          SockAddrs.mreq6(VrrpCodec.MULTICAST_GROUP_V6, ifindex));
    } catch (IOException e) {
      // closing the socket drops the membership anyway
    }
    Libc.close(tx);
    Libc.close(rx);
    arena.close();
  }
}
