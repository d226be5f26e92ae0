package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import lbchaos.vrrp.packet.Decoded;
import lbchaos.vrrp.packet.DropReason;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.packet.VrrpCodec;
import org.junit.jupiter.api.Test;

/**
 * What an IPv6 raw socket reports (payload, sockaddr_in6, IPV6_HOPLIMIT and IPV6_PKTINFO control
 * messages) turned back into the packet and judged by the codec, without a socket: keepalived
 * 2.2.7's captured advert (vrrp-golden/keepalived-2.2.7-v3-ipv6-1s.hex) is accepted, and a hop
 * limit other than 255 or a wrong destination in the pseudo-header is dropped.
 */
class Ipv6ReceivedTest {

  static final HexFormat HEX = HexFormat.of();
  static final Inet6Address SRC = v6("fe80::42:acff:fe1e:1c02");
  /** keepalived's advert for VRID 61, priority 200, 1 s, fd00:28::100 (the VRRP message). */
  static final byte[] PAYLOAD = HEX.parseHex(
      "313dc80100644 2b3".replace(" ", "") + "fd000028000000000000000000000100");

  static Inet6Address v6(String s) {
    return (Inet6Address) InetAddress.ofLiteral(s);
  }

  /** Control messages as the kernel lays them out on 64-bit Linux (cmsghdr, CMSG_ALIGN 8). */
  static byte[] control(int hopLimit, Inet6Address dst, int ifindex) {
    ByteBuffer b = ByteBuffer.allocate(24 + 40).order(ByteOrder.nativeOrder());
    b.putLong(20).putInt(Libc.IPPROTO_IPV6).putInt(Libc.IPV6_HOPLIMIT).putInt(hopLimit)
        .putInt(0); // CMSG_LEN(4) = 20, padded to 24
    b.putLong(36).putInt(Libc.IPPROTO_IPV6).putInt(Libc.IPV6_PKTINFO).put(dst.getAddress())
        .putInt(ifindex).putInt(0); // CMSG_LEN(20) = 36, padded to 40
    return b.array();
  }

  static Decoded judge(int hopLimit, Inet6Address dst) {
    byte[] c = control(hopLimit, dst, 7);
    Ipv6Received.Ancillary a = Ipv6Received.ancillary(c, c.length);
    byte[] packet = Ipv6Received.packet(SockAddrs.in6Address(SockAddrs.in6(SRC, 7)),
        a.destination(), a.hopLimit(), PAYLOAD, PAYLOAD.length);
    return VrrpCodec.decodeIp(packet, ReceivePolicy.forInstance(61, 3, Set.of(), "", 100));
  }

  @Test
  void hopLimitAndDestinationAreReadFromTheControlMessages() {
    byte[] c = control(255, VrrpCodec.MULTICAST_GROUP_V6, 7);
    assertThat(Ipv6Received.ancillary(c, c.length))
        .isEqualTo(new Ipv6Received.Ancillary(255, VrrpCodec.MULTICAST_GROUP_V6));
    assertThat(Ipv6Received.ancillary(c, 24)).as("only the first message within the length")
        .isEqualTo(new Ipv6Received.Ancillary(255, null));
    assertThat(Ipv6Received.ancillary(new byte[0], 0)).as("none")
        .isEqualTo(new Ipv6Received.Ancillary(0, null));
  }

  @Test
  void keepalivedsCapturedAdvertIsAccepted() {
    assertThat(judge(255, VrrpCodec.MULTICAST_GROUP_V6)).as("keepalived's advert, rebuilt")
        .isInstanceOfSatisfying(Decoded.Received.class, r -> {
          assertThat(r.source()).isEqualTo(SRC);
          assertThat(r.advert().priority()).isEqualTo(200);
          assertThat(List.<InetAddress>copyOf(r.advert().addresses()))
              .containsExactly(v6("fd00:28::100"));
          assertThat(r.ttl()).isEqualTo(255);
        });
  }

  @Test
  void aHopLimitBelow255IsDropped() {
    assertThat(judge(254, VrrpCodec.MULTICAST_GROUP_V6)).as("RFC 5798 section 7.1")
        .isInstanceOfSatisfying(Decoded.Drop.class,
            d -> assertThat(d.reason()).isEqualTo(DropReason.TTL));
  }

  @Test
  void theChecksumCoversTheDestination() {
    assertThat(judge(255, v6("ff02::1"))).as("pseudo-header with another destination")
        .isInstanceOfSatisfying(Decoded.Drop.class,
            d -> assertThat(d.reason()).isEqualTo(DropReason.CHECKSUM));
  }

  @Test
  void socketAddressesAreTheKernelsStructs() {
    assertThat(HEX.formatHex(SockAddrs.in6(SRC, 7))).as("sockaddr_in6, scope = ifindex 7")
        .isEqualTo("0a00" + "0000" + "00000000" + "fe8000000000000000" + "42acfffe1e1c02"
            + "07000000");
    assertThat(HEX.formatHex(SockAddrs.mreq6(VrrpCodec.MULTICAST_GROUP_V6, 7)))
        .as("ipv6_mreq for ff02::12 on ifindex 7")
        .isEqualTo("ff020000000000000000000000000012" + "07000000");
  }
}
