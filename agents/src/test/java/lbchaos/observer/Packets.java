package lbchaos.observer;

import java.nio.ByteBuffer;

/**
 * Frames as keepalived and the kernel put them on the bridge, built field by field. The checksum
 * here is written independently of the code under test.
 */
final class Packets {

  static final byte[] MAC_LB1 = {0x02, 0x42, 0x0a, 0x00, 0x00, 0x30};
  static final byte[] VRRP_MCAST_MAC = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12};
  static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
  static final byte[] LB1 = {10, 0, 0, 48};
  static final byte[] VRRP_GROUP = {(byte) 224, 0, 0, 18};
  static final byte[] VIP = {10, 0, 0, (byte) 211};

  private Packets() {}

  enum Sum { GOOD, BAD, WITHOUT_PSEUDO_HEADER, WITH_PSEUDO_HEADER }

  /** VRRPv3 advert (RFC 5798 5.1) for one VIP, interval in centiseconds. */
  static byte[] v3(int vrid, int priority, int centis, Sum sum) {
    byte[] m = new byte[12];
    m[0] = 0x31;
    m[1] = (byte) vrid;
    m[2] = (byte) priority;
    m[3] = 1;
    m[4] = (byte) ((centis >> 8) & 0x0F);
    m[5] = (byte) centis;
    System.arraycopy(VIP, 0, m, 8, 4);
    boolean pseudo = sum != Sum.WITHOUT_PSEUDO_HEADER;
    setSum(m, pseudo, sum == Sum.BAD);
    return ethernetIpv4(m, 60);
  }

  /** VRRPv2 advert (RFC 3768 5.1), no authentication, interval in seconds. */
  static byte[] v2(int vrid, int priority, int seconds, Sum sum) {
    byte[] m = new byte[20];
    m[0] = 0x21;
    m[1] = (byte) vrid;
    m[2] = (byte) priority;
    m[3] = 1;
    m[4] = 0;
    m[5] = (byte) seconds;
    System.arraycopy(VIP, 0, m, 8, 4);
    setSum(m, sum == Sum.WITH_PSEUDO_HEADER, sum == Sum.BAD);
    return ethernetIpv4(m, 60);
  }

  private static void setSum(byte[] m, boolean pseudo, boolean corrupt) {
    long s = 0;
    if (pseudo) {
      s += word(LB1, 0) + word(LB1, 2) + word(VRRP_GROUP, 0) + word(VRRP_GROUP, 2) + 112 + m.length;
    }
    for (int i = 0; i < m.length; i += 2) {
      s += word(m, i);
    }
    while (s > 0xFFFF) {
      s = (s & 0xFFFF) + (s >> 16);
    }
    int c = (int) (~s & 0xFFFF);
    if (corrupt) {
      c ^= 0x0100;
    }
    m[6] = (byte) (c >> 8);
    m[7] = (byte) c;
  }

  private static int word(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  /** Ethernet + IPv4 (TTL 255, as RFC 5798 5.1.1.3 requires) + payload, padded to {@code min}. */
  static byte[] ethernetIpv4(byte[] vrrp, int min) {
    int len = 14 + 20 + vrrp.length;
    ByteBuffer b = ByteBuffer.allocate(Math.max(len, min));
    b.put(VRRP_MCAST_MAC).put(MAC_LB1).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0xC0).putShort((short) (20 + vrrp.length)).putShort((short) 0)
        .putShort((short) 0).put((byte) 255).put((byte) 112).putShort((short) 0).put(LB1)
        .put(VRRP_GROUP);
    b.put(vrrp);
    return b.array(); // the rest stays zero: Ethernet padding
  }

  /** ARP over Ethernet (RFC 826): op 1 request, 2 reply. */
  static byte[] arp(int op, byte[] senderMac, byte[] senderIp, byte[] targetIp) {
    ByteBuffer b = ByteBuffer.allocate(60);
    b.put(BROADCAST).put(senderMac).putShort((short) 0x0806);
    b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
        .putShort((short) op).put(senderMac).put(senderIp).put(new byte[6]).put(targetIp);
    return b.array();
  }
}
