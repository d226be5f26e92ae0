package lbchaos.vrrp.net;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * A gratuitous ARP frame (RFC 826 layout, RFC 5227 section 3 announcement): an Ethernet
 * broadcast ARP request whose sender and target protocol addresses are both the VIP, so every
 * neighbour updates its cache to our MAC.
 */
public final class GratuitousArp {

  static final int ETH_P_ARP = 0x0806;
  static final int ETH_P_IP = 0x0800;
  /** Ethernet minimum frame size without FCS; short frames are zero padded. */
  static final int MIN_FRAME = 60;

  private GratuitousArp() {}

  public static byte[] frame(byte[] mac, Inet4Address vip) {
    if (mac.length != 6) {
      throw new IllegalArgumentException("MAC must be 6 bytes");
    }
    byte[] broadcast = {-1, -1, -1, -1, -1, -1};
    ByteBuffer b = ByteBuffer.allocate(MIN_FRAME); // network order
    b.put(broadcast).put(mac).putShort((short) ETH_P_ARP); // Ethernet header
    b.putShort((short) 1).putShort((short) ETH_P_IP); // htype Ethernet, ptype IPv4
    b.put((byte) 6).put((byte) 4).putShort((short) 1); // hlen, plen, op request
    b.put(mac).put(vip.getAddress()); // sender
    b.put(broadcast).put(vip.getAddress()); // target: the VIP again
    return b.array();
  }
}
