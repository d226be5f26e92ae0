package lbchaos.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class VrrpCodecPropertyTest {

  @Property
  void roundTripsThroughTheVrrpMessage(@ForAll("adverts") Advert a, @ForAll("ips") Inet4Address src,
      @ForAll("ips") Inet4Address dst) {
    byte[] wire = VrrpCodec.encode(a, src, dst);
    assertThat(VrrpCodec.decodePayload(wire, src, dst, 255, ReceivePolicy.any()))
        .as("decode(encode(a))").isEqualTo(new Decoded.Received(a, src, dst, 255));
  }

  @Property
  void roundTripsThroughAWholeIpPacket(@ForAll("adverts") Advert a,
      @ForAll("ips") Inet4Address src) {
    byte[] ip = VrrpCodec.encodeIp(a, src, VrrpCodec.MULTICAST_GROUP, 255);
    assertThat(VrrpCodec.decodeIp(ip, ReceivePolicy.any())).as("decodeIp(encodeIp(a))")
        .isEqualTo(new Decoded.Received(a, src, VrrpCodec.MULTICAST_GROUP, 255));
  }

  @Property(tries = 1000)
  void truncatedAdvertsAreLengthDrops(@ForAll("adverts") Advert a, @ForAll("ips") Inet4Address src,
      @ForAll @IntRange(min = 1, max = 80) int cut) {
    byte[] wire = VrrpCodec.encode(a, src, VrrpCodec.MULTICAST_GROUP);
    int len = Math.max(0, wire.length - cut);
    Decoded d = VrrpCodec.decodePayload(wire, 0, len, src, VrrpCodec.MULTICAST_GROUP, 255,
        ReceivePolicy.any());
    assertThat(d).as("cut %d bytes", cut).isInstanceOfSatisfying(Decoded.Drop.class,
        drop -> assertThat(drop.reason()).isEqualTo(DropReason.LENGTH));
  }

  @Provide
  Arbitrary<Inet4Address> ips() {
    return Arbitraries.bytes().array(byte[].class).ofSize(4).map(b -> {
      try {
        return (Inet4Address) InetAddress.getByAddress(b);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Provide
  Arbitrary<Advert> adverts() {
    Arbitrary<List<Inet4Address>> addrs = ips().list().ofMinSize(1).ofMaxSize(8);
    Arbitrary<Advert> v3 = Combinators.combine(Arbitraries.integers().between(1, 255),
            Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 4095), addrs)
        .as((vrid, prio, cs, as) -> new Advert(3, vrid, prio, cs, as, 0, ""));
    Arbitrary<String> pw = Arbitraries.strings().withCharRange((char) 1, (char) 255)
        .ofMaxLength(8);
    Arbitrary<Advert> v2 = Combinators.combine(Arbitraries.integers().between(1, 255),
            Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255), addrs,
            pw, Arbitraries.integers().between(0, 3))
        .as((vrid, prio, s, as, p, auth) -> new Advert(2, vrid, prio, s * 100, as,
            auth == 1 ? 1 : (p.isEmpty() ? auth : 0), auth == 1 ? p : ""));
    return Arbitraries.oneOf(v3, v2);
  }
}
