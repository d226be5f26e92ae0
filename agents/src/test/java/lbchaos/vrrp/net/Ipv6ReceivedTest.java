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
    Ancillary a = Ancillary.parse(c, c.length);
    byte[] packet = Ipv6Received.packet(SockAddrs.in6Address(SockAddrs.in6(SRC, 7)),
        a.destination(), a.hopLimit(), PAYLOAD, PAYLOAD.length);
    return VrrpCodec.decodeIp(packet, ReceivePolicy.forInstance(61, 3, Set.of(), "", 100));
  }

  @Test
  void hopLimitAndDestinationAreReadFromTheControlMessages() {
    byte[] c = control(255, VrrpCodec.MULTICAST_GROUP_V6, 7);
    assertThat(Ancillary.parse(c, c.length))
        .isEqualTo(new Ancillary(255, VrrpCodec.MULTICAST_GROUP_V6, -1));
    assertThat(Ancillary.parse(c, 24)).as("only the first message within the length")
        .isEqualTo(new Ancillary(255, null, -1));
    assertThat(Ancillary.parse(new byte[0], 0)).as("none")
        .isEqualTo(new Ancillary(0, null, -1));
  }

  @Test
  void theKernelsReceiveTimeIsReadFromItsTimespec() {
    // SCM_TIMESTAMPNS: CMSG_LEN(16) = 32, a struct timespec { tv_sec; tv_nsec; } of 64-bit longs.
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
    b.putLong(32).putInt(Libc.SOL_SOCKET).putInt(Libc.SCM_TIMESTAMPNS)
        .putLong(1_764_900_000L).putLong(123_456_789L);
    assertThat(Ancillary.parse(b.array(), 32).arrivedNanos()).as("seconds and nanoseconds")
        .isEqualTo(1_764_900_000_123_456_789L);
    byte[] v6 = control(255, VrrpCodec.MULTICAST_GROUP_V6, 7);
    byte[] both = ByteBuffer.allocate(v6.length + 32).put(v6).put(b.array()).array();
    assertThat(Ancillary.parse(both, both.length)).as("after IPv6's own messages")
        .isEqualTo(new Ancillary(255, VrrpCodec.MULTICAST_GROUP_V6, 1_764_900_000_123_456_789L));
    assertThat(Ancillary.parse(b.array(), 31).arrivedNanos()).as("cut short: absent")
        .isEqualTo(-1);
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
