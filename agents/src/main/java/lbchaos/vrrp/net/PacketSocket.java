package lbchaos.vrrp.net;

import java.io.IOException;

/** A send-only AF_PACKET socket for Ethernet broadcast frames on one interface. */
public final class PacketSocket implements AutoCloseable {

  private final int fd;
  private final byte[] destination;

  public PacketSocket(int ifindex) throws IOException {
    // protocol 0: this socket receives nothing, it only sends
    fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW, 0);
    destination = SockAddrs.packetBroadcast(ifindex, GratuitousArp.ETH_P_ARP);
  }

  public void send(byte[] frame) throws IOException {
    Libc.sendto(fd, frame, destination);
  }

  @Override
  public void close() {
    Libc.close(fd);
  }
}
