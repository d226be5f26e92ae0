package lbchaos.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import lbchaos.fuzz.Cases;
import org.junit.jupiter.api.Test;

class VrrpCodecPropertyTest {

  static final int CASES = 1_000;

  record Addressed(Advert advert, Inet4Address src, Inet4Address dst) {}

  record Cut(Advert advert, Inet4Address src, int cut) {}

  @Test
  void roundTripsThroughTheVrrpMessage() {
    Cases.forEach("VrrpCodecPropertyTest.roundTripsThroughTheVrrpMessage", CASES,
        r -> new Addressed(advert(r), ip(r), ip(r)), c -> {
          byte[] wire = VrrpCodec.encode(c.advert(), c.src(), c.dst());
          assertThat(VrrpCodec.decodePayload(wire, c.src(), c.dst(), 255, ReceivePolicy.any()))
              .as("decode(encode(a))")
              .isEqualTo(new Decoded.Received(c.advert(), c.src(), c.dst(), 255));
        });
  }

  @Test
  void roundTripsThroughAWholeIpPacket() {
    Cases.forEach("VrrpCodecPropertyTest.roundTripsThroughAWholeIpPacket", CASES,
        r -> new Addressed(advert(r), ip(r), VrrpCodec.MULTICAST_GROUP), c -> {
          byte[] ip = VrrpCodec.encodeIp(c.advert(), c.src(), c.dst(), 255);
          assertThat(VrrpCodec.decodeIp(ip, ReceivePolicy.any())).as("decodeIp(encodeIp(a))")
              .isEqualTo(new Decoded.Received(c.advert(), c.src(), c.dst(), 255));
        });
  }

  @Test
  void truncatedAdvertsAreLengthDrops() {
    Cases.forEach("VrrpCodecPropertyTest.truncatedAdvertsAreLengthDrops", CASES,
        r -> new Cut(advert(r), ip(r), Cases.intIn(r, 1, 80)), c -> {
          byte[] wire = VrrpCodec.encode(c.advert(), c.src(), VrrpCodec.MULTICAST_GROUP);
          int len = Math.max(0, wire.length - c.cut());
          Decoded d = VrrpCodec.decodePayload(wire, 0, len, c.src(), VrrpCodec.MULTICAST_GROUP,
              255, ReceivePolicy.any());
          assertThat(d).as("cut %d bytes", c.cut()).isInstanceOfSatisfying(Decoded.Drop.class,
              drop -> assertThat(drop.reason()).isEqualTo(DropReason.LENGTH));
        });
  }

  /** Any IPv4 address. */
  static Inet4Address ip(SplittableRandom r) {
    byte[] b = new byte[4];
    for (int k = 0; k < 4; k++) {
      b[k] = Cases.anyByte(r);
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A valid advert: v3 (centisecond interval up to 4095), or v2 (whole seconds up to 255, no
   * authentication, simple text password of up to 8 chars 1..255, or the obsolete type 2 or 3
   * with no password).
   */
  static Advert advert(SplittableRandom r) {
    int vrid = Cases.intIn(r, 1, 255);
    int prio = Cases.intIn(r, 0, 255);
    if (r.nextBoolean()) {
      int cs = Cases.intIn(r, 0, 4095);
      return new Advert(3, vrid, prio, cs, Cases.listOf(r, 1, 8, VrrpCodecPropertyTest::ip), 0,
          "");
    }
    int s = Cases.intIn(r, 0, 255);
    var addrs = Cases.listOf(r, 1, 8, VrrpCodecPropertyTest::ip);
    StringBuilder p = new StringBuilder();
    for (int n = Cases.intIn(r, 0, 8), k = 0; k < n; k++) {
      p.append((char) Cases.intIn(r, 1, 255));
    }
    int auth = r.nextInt(4);
    return new Advert(2, vrid, prio, s * 100, addrs,
        auth == 1 ? 1 : (p.isEmpty() ? auth : 0), auth == 1 ? p.toString() : "");
  }
}
