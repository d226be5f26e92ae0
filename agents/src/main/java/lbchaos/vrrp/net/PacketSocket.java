package lbchaos.vrrp.net;

import java.io.IOException;

/** A send-only AF_PACKET socket for whole Ethernet frames (GARP, unsolicited NA) on one interface. */
public final class PacketSocket implements AutoCloseable {

  private final int fd;
  private final byte[] destination;
  private final byte[] destination6;

  public PacketSocket(int ifindex) throws IOException {
    // protocol 0: this socket receives nothing, it only sends
    fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW, 0);
    destination = SockAddrs.packetBroadcast(ifindex, GratuitousArp.ETH_P_ARP);
    // The frame carries its own Ethernet header (SOCK_RAW); the address names the interface and
    // the protocol the kernel tags the frame with.
    destination6 = SockAddrs.packetBroadcast(ifindex, UnsolicitedNeighbourAdvert.ETH_P_IPV6);
  }

  /** Sends a gratuitous ARP frame. */
  public void send(byte[] frame) throws IOException {
    Libc.sendto(fd, frame, destination);
  }

  /** Sends an IPv6 frame (an unsolicited neighbour advertisement). */
  public void send6(byte[] frame) throws IOException {
    Libc.sendto(fd, frame, destination6);
  }

  @Override
  public void close() {
    Libc.close(fd);
  }
}
