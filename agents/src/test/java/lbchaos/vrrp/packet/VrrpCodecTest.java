package lbchaos.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VrrpCodecTest {

  static final Inet4Address LB1 = ip("192.168.122.48");
  static final Inet4Address LB2 = ip("192.168.122.97");
  static final Inet4Address VIP = ip("192.168.122.211");
  static final Inet4Address GROUP = VrrpCodec.MULTICAST_GROUP;
  static final HexFormat HEX = HexFormat.of();

  // Derived by hand from RFC 5798 section 5.1; checksum summed over the pseudo-header by hand.
  static final byte[] V3_ARTICLE = HEX.parseHex("3133ff01" + "00647882" + "c0a87ad3");
  // RFC 3768 section 5.1: auth type 1, 1 s, checksum over the message only, "mypass\0\0".
  static final byte[] V2_ARTICLE =
      HEX.parseHex("2133ff01" + "010151ff" + "c0a87ad3" + "6d79706173730000");

  static Inet6Address ip6(String s) {
    try {
      return (Inet6Address) Inet6Address.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  static Inet4Address ip(String s) {
    try {
      return (Inet4Address) Inet4Address.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  Advert v3Article() {
    return Advert.v3(51, 255, Duration.ofSeconds(1), List.of(VIP));
  }

  Advert v2Article() {
    return Advert.v2(51, 255, Duration.ofSeconds(1), List.of(VIP), "mypass");
  }

  @Test
  void encodesV3AsTheRfcLayout() {
    assertThat(HEX.formatHex(VrrpCodec.encode(v3Article(), LB1, GROUP)))
        .as("v3 advert bytes for the article's instance").isEqualTo(HEX.formatHex(V3_ARTICLE));
  }

  @Test
  void encodesV2AsTheRfcLayout() {
    assertThat(HEX.formatHex(VrrpCodec.encode(v2Article(), LB1, GROUP)))
        .as("v2 advert bytes with simple password").isEqualTo(HEX.formatHex(V2_ARTICLE));
  }

  @Test
  void v3ChecksumDependsOnThePseudoHeaderButV2DoesNot() {
    assertThat(VrrpCodec.encode(v3Article(), LB2, GROUP)).as("v3 from another source")
        .isNotEqualTo(V3_ARTICLE);
    assertThat(VrrpCodec.encode(v2Article(), LB2, GROUP)).as("v2 from another source")
        .isEqualTo(V2_ARTICLE);
  }

  @Test
  void v3CarriesSubSecondIntervalsInCentiseconds() {
    Advert a = Advert.v3(51, 100, Duration.ofMillis(100), List.of(VIP));
    byte[] b = VrrpCodec.encode(a, LB1, GROUP);
    assertThat(b[5]).as("0.1 s is 10 cs").isEqualTo((byte) 10);
    Advert max = new Advert(3, 1, 1, 4095, List.of(VIP), 0, "");
    byte[] m = VrrpCodec.encode(max, LB1, GROUP);
    assertThat(m[4]).as("upper 4 bits of 4095, reserved bits zero").isEqualTo((byte) 0x0F);
    assertThat(m[5]).as("lower 8 bits of 4095").isEqualTo((byte) 0xFF);
  }

  @Test
  void decodesTheHandMadeVectors() {
    assertThat(VrrpCodec.decodePayload(V3_ARTICLE, LB1, GROUP, 255, ReceivePolicy.any()))
        .as("v3").isEqualTo(new Decoded.Received(v3Article(), LB1, GROUP, 255));
    assertThat(VrrpCodec.decodePayload(V2_ARTICLE, LB1, GROUP, 255, ReceivePolicy.any()))
        .as("v2").isEqualTo(new Decoded.Received(v2Article(), LB1, GROUP, 255));
  }

  @Test
  void decodesAWholeIpPacketAndReadsTtlFromTheHeader() {
    byte[] ip = VrrpCodec.encodeIp(v3Article(), LB1, GROUP, 255);
    assertThat(VrrpCodec.decodeIp(ip, ReceivePolicy.any())).as("TTL 255 accepted")
        .isEqualTo(new Decoded.Received(v3Article(), LB1, GROUP, 255));
    byte[] hop = VrrpCodec.encodeIp(v3Article(), LB1, GROUP, 254);
    assertThat(reason(VrrpCodec.decodeIp(hop, ReceivePolicy.any()))).as("routed once")
        .isEqualTo(DropReason.TTL);
    ip[9] = 17;
    assertThat(reason(VrrpCodec.decodeIp(ip, ReceivePolicy.any()))).as("UDP is not VRRP")
        .isEqualTo(DropReason.NOT_VRRP);
  }

  @Test
  void dropsEachWireProblemWithItsReason() {
    ReceivePolicy any = ReceivePolicy.any();
    assertThat(reason(VrrpCodec.decodePayload(V3_ARTICLE, LB1, GROUP, 64, any))).as("ttl")
        .isEqualTo(DropReason.TTL);
    byte[] v4 = V3_ARTICLE.clone();
    v4[0] = 0x41;
    assertThat(reason(VrrpCodec.decodePayload(v4, LB1, GROUP, 255, any))).as("version 4")
        .isEqualTo(DropReason.VERSION);
    byte[] t2 = V3_ARTICLE.clone();
    t2[0] = 0x32;
    assertThat(reason(VrrpCodec.decodePayload(t2, LB1, GROUP, 255, any))).as("type 2")
        .isEqualTo(DropReason.TYPE);
    byte[] two = V3_ARTICLE.clone();
    two[3] = 2;
    assertThat(reason(VrrpCodec.decodePayload(two, LB1, GROUP, 255, any)))
        .as("count says 2 addresses, 1 present").isEqualTo(DropReason.LENGTH);
    assertThat(reason(VrrpCodec.decodePayload(new byte[5], LB1, GROUP, 255, any)))
        .as("truncated header").isEqualTo(DropReason.LENGTH);
    byte[] bad = V3_ARTICLE.clone();
    bad[2] = (byte) 254;
    assertThat(reason(VrrpCodec.decodePayload(bad, LB1, GROUP, 255, any)))
        .as("priority changed, checksum not").isEqualTo(DropReason.CHECKSUM);
    assertThat(reason(VrrpCodec.decodePayload(V3_ARTICLE, LB2, GROUP, 255, any)))
        .as("v3 checksum verified against a different source").isEqualTo(DropReason.CHECKSUM);
  }

  @Test
  void dropsWhatTheInstanceDoesNotAccept() {
    ReceivePolicy v3For51 = ReceivePolicy.forInstance(51, 3, Set.of(LB2), null, 100);
    assertThat(reason(VrrpCodec.decodePayload(V2_ARTICLE, LB1, GROUP, 255, v3For51)))
        .as("v2 advert to a v3 instance").isEqualTo(DropReason.VERSION);
    ReceivePolicy v3For52 = ReceivePolicy.forInstance(52, 3, Set.of(LB2), null, 100);
    assertThat(reason(VrrpCodec.decodePayload(V3_ARTICLE, LB1, GROUP, 255, v3For52)))
        .as("other vrid").isEqualTo(DropReason.OTHER_VRID);
    ReceivePolicy ownIsLb1 = ReceivePolicy.forInstance(51, 3, Set.of(LB1), null, 100);
    assertThat(reason(VrrpCodec.decodePayload(V3_ARTICLE, LB1, GROUP, 255, ownIsLb1)))
        .as("looped back").isEqualTo(DropReason.OWN);
    ReceivePolicy wrongPass = ReceivePolicy.forInstance(51, 2, Set.of(LB2), "other", 100);
    assertThat(reason(VrrpCodec.decodePayload(V2_ARTICLE, LB1, GROUP, 255, wrongPass)))
        .as("password mismatch").isEqualTo(DropReason.AUTH);
    ReceivePolicy noAuth = ReceivePolicy.forInstance(51, 2, Set.of(LB2), null, 100);
    assertThat(reason(VrrpCodec.decodePayload(V2_ARTICLE, LB1, GROUP, 255, noAuth)))
        .as("auth present but none configured").isEqualTo(DropReason.AUTH);
    ReceivePolicy threeSeconds = ReceivePolicy.forInstance(51, 2, Set.of(LB2), "mypass", 300);
    assertThat(reason(VrrpCodec.decodePayload(V2_ARTICLE, LB1, GROUP, 255, threeSeconds)))
        .as("v2 interval mismatch").isEqualTo(DropReason.INTERVAL);
    ReceivePolicy ok = ReceivePolicy.forInstance(51, 2, Set.of(LB2), "mypass", 100);
    assertThat(VrrpCodec.decodePayload(V2_ARTICLE, LB1, GROUP, 255, ok)).as("all match")
        .isInstanceOf(Decoded.Received.class);
    ReceivePolicy v3OtherInterval = ReceivePolicy.forInstance(51, 3, Set.of(LB2), null, 10);
    assertThat(VrrpCodec.decodePayload(V3_ARTICLE, LB1, GROUP, 255, v3OtherInterval))
        .as("v3 learns the master's interval instead of dropping")
        .isInstanceOf(Decoded.Received.class);
  }

  @Test
  void refusesToBuildAdvertsTheWireCannotCarry() {
    assertThatThrownBy(() -> Advert.v2(1, 100, Duration.ofMillis(100), List.of(VIP), null))
        .as("v2 sub-second").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Advert(3, 0, 100, 100, List.of(VIP), 0, ""))
        .as("vrid 0").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Advert(3, 1, 100, 100, List.of(), 0, ""))
        .as("no address").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Advert(2, 1, 100, 100, List.of(VIP), 1, "ninechars"))
        .as("password longer than 8").isInstanceOf(IllegalArgumentException.class);
  }

  static DropReason reason(Decoded d) {
    return d instanceof Decoded.Drop drop ? drop.reason() : null;
  }
}
