package lbchaos.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import lbchaos.fuzz.FuzzLedger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random bytes and single-byte mutations of valid adverts into the VRRP decoder: a result
 * (received or a counted drop with its reason), never an exception. CI runs jqwik's default
 * tries; nightly runs the agents' {@code fuzz} profile (100,000 tries per property) and reports
 * the counted outcomes.
 */
class VrrpDecoderFuzzTest {

  static final String TARGET = "vrrp-decoder";

  private final VrrpCodecPropertyTest gen = new VrrpCodecPropertyTest();

  @AfterContainer
  static void writeLedger() {
    FuzzLedger.write(TARGET);
  }

  static void record(Decoded d) {
    FuzzLedger.count(TARGET, switch (d) {
      case Decoded.Received r -> "received";
      case Decoded.Drop drop -> "drop-" + drop.reason();
    });
  }

  @Property
  void randomBytesNeverThrow(@ForAll @Size(max = 80) byte[] bytes, @ForAll("ips") Inet4Address src,
      @ForAll @IntRange(max = 255) int ttl) {
    Decoded d1 = VrrpCodec.decodeIp(bytes, ReceivePolicy.any());
    Decoded d2 = VrrpCodec.decodePayload(bytes, src, VrrpCodec.MULTICAST_GROUP, ttl,
        ReceivePolicy.any());
    assertThat(d1).as("decodeIp: a result, never an exception").isNotNull();
    assertThat(d2).as("decodePayload: a result, never an exception").isNotNull();
    record(d1);
    record(d2);
  }

  @Property
  void mutatedAdvertsAreDroppedOrStillValid(@ForAll("adverts") Advert a,
      @ForAll("ips") Inet4Address src, @ForAll @IntRange(max = 10_000) int where,
      @ForAll byte xor) {
    byte[] ip = VrrpCodec.encodeIp(a, src, VrrpCodec.MULTICAST_GROUP, 255);
    int i = where % ip.length;
    ip[i] ^= xor;
    Decoded d = VrrpCodec.decodeIp(ip, ReceivePolicy.any());
    assertThat(d).as("mutating byte %d by %02x", i, xor).isNotNull();
    record(d);
    if (xor != 0 && i >= 20 && d instanceof Decoded.Received r) {
      // a single changed 16-bit word can only slip past the checksum if it is 0x0000<->0xFFFF
      assertThat(r.advert()).as("a changed VRRP byte that decoded").isNotEqualTo(a);
    }
  }

  @Provide
  Arbitrary<Inet4Address> ips() {
    return gen.ips();
  }

  @Provide
  Arbitrary<Advert> adverts() {
    return gen.adverts();
  }
}
