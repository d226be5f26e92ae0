package lbchaos.vrrp.net;

import java.io.IOException;
import java.net.Inet4Address;

/**
 * {@code socket(AF_INET, SOCK_RAW, 112)} with {@code IP_HDRINCL}: sends whole IPv4 packets as
 * given, so a test can choose the TTL and every byte after it. The kernel still fills in the IP
 * total length and header checksum (raw(7)), so a bad length has to be made inside the VRRP
 * message. Needs CAP_NET_RAW; for conformance tests, never for the agent's own adverts.
 */
public final class RawIpSender implements AutoCloseable {

  private final int fd;

  private RawIpSender(int fd) {
    this.fd = fd;
  }

  /** Opens the socket bound to {@code iface}, so multicast leaves by that interface. */
  public static RawIpSender open(String iface) throws IOException {
    int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW, lbchaos.vrrp.packet.VrrpCodec.IP_PROTOCOL);
    try {
      Libc.setsockopt(fd, Libc.IPPROTO_IP, Libc.IP_HDRINCL, SockAddrs.intValue(1));
      Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE,
          (iface + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new RawIpSender(fd);
    } catch (IOException | RuntimeException e) {
      Libc.close(fd);
      throw e;
    }
  }

  /** Sends one IPv4 packet (header included) to {@code destination}. */
  public void send(byte[] ipPacket, Inet4Address destination) throws IOException {
    Libc.sendto(fd, ipPacket, SockAddrs.in(destination));
  }

  @Override
  public void close() {
    Libc.close(fd);
  }
}
