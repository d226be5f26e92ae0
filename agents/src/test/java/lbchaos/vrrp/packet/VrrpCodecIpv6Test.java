package lbchaos.vrrp.packet;

import static lbchaos.vrrp.packet.VrrpCodecTest.ip;
import static lbchaos.vrrp.packet.VrrpCodecTest.ip6;
import static lbchaos.vrrp.packet.VrrpCodecTest.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** VRRPv3 over IPv6 (RFC 5798 sections 5.1.2 and 5.2): 16-octet addresses, IPv6 pseudo-header. */
class VrrpCodecIpv6Test {

  static final Inet6Address LB1 = ip6("fe80::42:acff:fe1e:1c02");
  static final Inet6Address LB2 = ip6("fe80::42:acff:fe1e:1c03");
  static final Inet6Address VIP = ip6("fd00:28::100");
  static final Inet6Address GROUP = VrrpCodec.MULTICAST_GROUP_V6;
  static final Advert ADVERT = Advert.v3(61, 200, Duration.ofSeconds(1), List.of(VIP));

  @Test
  void theGroupIsFf02Colon12() {
    assertThat(GROUP).as("RFC 5798 section 5.1.2.2").isEqualTo(ip6("ff02::12"));
  }

  @Test
  void encodesSixteenOctetAddressesAndTheIpv6PseudoHeaderChecksum() {
    byte[] b = VrrpCodec.encode(ADVERT, LB1, GROUP);
    // Same fields as keepalived 2.2.7's capture (vrrp-golden/keepalived-2.2.7-v3-ipv6-1s.hex),
    // whose checksum the kernel wrote: 0x42b3.
    assertThat(HexFormat.of().formatHex(b)).as("v3, vrid 61, prio 200, 1 addr, 100 cs")
        .isEqualTo("313dc801006442b3" + "fd000028000000000000000000000100");
    assertThat(ADVERT.wireLength()).as("8 + 16 per address").isEqualTo(24);
    assertThat(VrrpCodec.checksum(3, b, 0, b.length, LB1, GROUP)).as("verifies").isZero();
  }

  @Test
  void theChecksumCoversSourceAndDestination() {
    byte[] b = VrrpCodec.encode(ADVERT, LB1, GROUP);
    assertThat(reason(VrrpCodec.decodePayload(b, LB2, GROUP, 255, ReceivePolicy.any())))
        .as("another source in the pseudo-header").isEqualTo(DropReason.CHECKSUM);
    assertThat(reason(VrrpCodec.decodePayload(b, LB1, ip6("ff02::1"), 255,
        ReceivePolicy.any()))).as("another destination").isEqualTo(DropReason.CHECKSUM);
    byte[] flipped = b.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThat(reason(VrrpCodec.decodePayload(flipped, LB1, GROUP, 255, ReceivePolicy.any())))
        .as("a flipped address bit").isEqualTo(DropReason.CHECKSUM);
  }

  @Test
  void decodesWhatItEncodesAndChecksTheHopLimit() {
    Advert two = Advert.v3(62, 150, Duration.ofMillis(100),
        List.of(ip6("fd00:28::200"), ip6("fd00:28::201")));
    byte[] ip = VrrpCodec.encodeIp6(two, LB1, GROUP, 255);
    Decoded d = VrrpCodec.decodeIp(ip, ReceivePolicy.forInstance(62, 3, Set.of(LB2), null, 0));
    assertThat(d).as("received").isInstanceOf(Decoded.Received.class);
    Decoded.Received r = (Decoded.Received) d;
    assertThat(r.advert()).as("fields").isEqualTo(two);
    assertThat(r.source()).as("source").isEqualTo(LB1);
    assertThat(reason(VrrpCodec.decodeIp(VrrpCodec.encodeIp6(two, LB1, GROUP, 254),
        ReceivePolicy.any()))).as("hop limit 254 (RFC 5798 section 7.1)")
        .isEqualTo(DropReason.TTL);
    assertThat(reason(VrrpCodec.decodeIp(ip, ReceivePolicy.forInstance(62, 3, Set.of(LB1), null,
        0)))).as("our own advert").isEqualTo(DropReason.OWN);
  }

  @Test
  void ipv4SizedAddressesInAnIpv6PacketAreALengthError() {
    byte[] v4 = VrrpCodec.encode(Advert.v3(61, 200, Duration.ofSeconds(1),
        List.of(ip("10.0.0.1"))), ip("10.0.0.2"), VrrpCodec.MULTICAST_GROUP);
    assertThat(reason(VrrpCodec.decodePayload(v4, LB1, GROUP, 255, ReceivePolicy.any())))
        .as("one address of 4 octets where 16 are expected").isEqualTo(DropReason.LENGTH);
  }

  @Test
  void vrrpV2HasNoIpv6() {
    byte[] v2 = HexFormat.of().parseHex("213dc80100010000" + "fd000028000000000000000000000100");
    assertThat(reason(VrrpCodec.decodePayload(v2, LB1, GROUP, 255, ReceivePolicy.any())))
        .as("a v2 header over IPv6").isEqualTo(DropReason.VERSION);
    assertThatThrownBy(() -> new Advert(2, 61, 200, 100, List.of(VIP), 0, ""))
        .as("v2 advert of IPv6 addresses").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneAdvertCarriesOneFamily() {
    List<InetAddress> mixed = List.of(ip("10.0.0.1"), VIP);
    assertThatThrownBy(() -> Advert.v3(61, 200, Duration.ofSeconds(1), mixed))
        .as("RFC 5798 section 5.2.9").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VrrpCodec.encode(ADVERT, ip("10.0.0.2"), VrrpCodec.MULTICAST_GROUP))
        .as("IPv6 advert from an IPv4 source").isInstanceOf(IllegalArgumentException.class);
  }
}
