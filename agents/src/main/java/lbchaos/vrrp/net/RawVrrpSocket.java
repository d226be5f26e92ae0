package lbchaos.vrrp.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.time.Duration;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * {@code socket(AF_INET, SOCK_RAW, 112)} bound to one interface: sends VRRP messages (the kernel
 * writes the IP header) and receives whole IP packets (header included, so TTL can be checked).
 * For multicast it joins 224.0.0.18 and sets the multicast TTL to 255 (RFC 5798 section
 * 5.1.1.3); unicast sets the unicast TTL to 255.
 */
public final class RawVrrpSocket implements AutoCloseable {

  private final int fd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment rxBuf;
  private final MemorySegment rxCapture;
  private final Inet4Address local;
  private final int ifindex;
  private final boolean multicast;
  private volatile boolean closed;

  private RawVrrpSocket(int fd, Inet4Address local, int ifindex, boolean multicast) {
    this.fd = fd;
    this.local = local;
    this.ifindex = ifindex;
    this.multicast = multicast;
    this.rxBuf = arena.allocate(65_536);
    this.rxCapture = Libc.allocateCapture(arena);
  }

  /**
   * Opens the socket on {@code iface} with source address {@code local}. {@code multicast} joins
   * the VRRP group; otherwise adverts go to unicast peers. {@code receiveTimeout} bounds each
   * {@link #receive} so a reader thread can notice {@link #close}.
   */
  public static RawVrrpSocket open(String iface, int ifindex, Inet4Address local,
      boolean multicast, Duration receiveTimeout) throws IOException {
    int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW, VrrpCodec.IP_PROTOCOL);
    try {
      Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE,
          (iface + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      Libc.bind(fd, SockAddrs.in(local));
      Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO,
          SockAddrs.timeval(receiveTimeout.toNanos() / 1_000));
      Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_TTL, SockAddrs.intValue(VrrpCodec.TTL));
      if (multicast) {
        Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_TTL,
            SockAddrs.intValue(VrrpCodec.TTL));
        Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_LOOP, SockAddrs.intValue(0));
        Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_MULTICAST_IF,
            SockAddrs.mreqn(VrrpCodec.MULTICAST_GROUP, local, ifindex));
        Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_ADD_MEMBERSHIP,
            SockAddrs.mreqn(VrrpCodec.MULTICAST_GROUP, local, ifindex));
      }
      return new RawVrrpSocket(fd, local, ifindex, multicast);
    } catch (IOException | RuntimeException e) {
      Libc.close(fd);
      throw e;
    }
  }

  /** Sends one VRRP message (from {@link VrrpCodec#encode}) to {@code destination}. */
  public void send(byte[] vrrpMessage, Inet4Address destination) throws IOException {
    Libc.sendto(fd, vrrpMessage, SockAddrs.in(destination));
  }

  /** One whole IP packet, or null when the receive timeout expired. Single reader only. */
  public byte[] receive() throws IOException {
    if (closed) {
      return null;
    }
    int n = Libc.recv(fd, rxBuf, rxCapture);
    return n < 0 ? null : rxBuf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
  }

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
        Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_DROP_MEMBERSHIP,
            SockAddrs.mreqn(VrrpCodec.MULTICAST_GROUP, local, ifindex));
      } catch (IOException e) {
        // closing the socket drops the membership anyway
      }
    }
    Libc.close(fd);
    arena.close();
  }
}
