package lbchaos.vrrp.net;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import lbchaos.vrrp.packet.InternetChecksum;

/**
 * An unsolicited neighbour advertisement frame (RFC 4861 sections 4.4 and 7.2.6), the IPv6
 * counterpart of {@link GratuitousArp}: from the VIP to all-nodes ff02::1 (Ethernet
 * 33:33:00:00:00:01, RFC 2464 section 7), hop limit 255, override flag set, solicited clear,
 * router flag when the interface forwards, and a target link-layer address option with our MAC.
 * The layout keepalived 2.2.7 sends (vrrp_ndisc.c), checked against its captured bytes.
 */
public final class UnsolicitedNeighbourAdvert {

  static final int ETH_P_IPV6 = 0x86DD;
  /** IANA: next header ICMPv6. */
  static final int ICMPV6 = 58;
  /** RFC 4861 section 4.4: type 136, hop limit 255. */
  static final int TYPE_NA = 136;
  static final int HOP_LIMIT = 255;
  static final int FLAG_ROUTER = 0x80;
  static final int FLAG_OVERRIDE = 0x20;
  /** RFC 4861 section 4.6.1: option 2, target link-layer address, length 1 (8 octets). */
  static final int OPT_TARGET_LLADDR = 2;
  /** ICMPv6 NA (24 octets) + the option (8 octets). */
  static final int PAYLOAD = 32;

  private UnsolicitedNeighbourAdvert() {}

  /** The Ethernet frame for {@code vip}; {@code router} is the interface's forwarding sysctl. */
  public static byte[] frame(byte[] mac, Inet6Address vip, boolean router) {
    if (mac.length != 6) {
      throw new IllegalArgumentException("MAC must be 6 bytes");
    }
    byte[] ip = packet(mac, vip, router);
    ByteBuffer b = ByteBuffer.allocate(14 + ip.length);
    b.put(new byte[] {0x33, 0x33, 0, 0, 0, 1}).put(mac).putShort((short) ETH_P_IPV6);
    return b.put(ip).array();
  }

  /** The IPv6 packet alone (header and ICMPv6), as a capture without Ethernet shows it. */
  public static byte[] packet(byte[] mac, Inet6Address vip, boolean router) {
    byte[] allNodes = new byte[16];
    allNodes[0] = (byte) 0xff;
    allNodes[1] = 0x02;
    allNodes[15] = 1;
    ByteBuffer b = ByteBuffer.allocate(40 + PAYLOAD);
    b.putInt(0x60000000).putShort((short) PAYLOAD).put((byte) ICMPV6).put((byte) HOP_LIMIT);
    b.put(vip.getAddress()).put(allNodes);
    int icmp = b.position();
    b.put((byte) TYPE_NA).put((byte) 0).putShort((short) 0); // checksum below
    b.put((byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0))).put(new byte[3]);
    b.put(vip.getAddress());
    b.put((byte) OPT_TARGET_LLADDR).put((byte) 1).put(mac);
    byte[] out = b.array();
    // RFC 4443 section 2.3: the checksum covers the RFC 8200 section 8.1 pseudo-header
    byte[] pseudo = new byte[40];
    System.arraycopy(out, 8, pseudo, 0, 32);
    pseudo[35] = PAYLOAD;
    pseudo[39] = ICMPV6;
    int sum = InternetChecksum.finish(InternetChecksum.add(
        InternetChecksum.add(0, pseudo, 0, 40), out, icmp, PAYLOAD));
    out[icmp + 2] = (byte) (sum >>> 8);
    out[icmp + 3] = (byte) sum;
    return out;
  }
}
