package lbchaos.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import lbchaos.fuzz.Cases;
import lbchaos.fuzz.FuzzLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random bytes and single-byte mutations of valid adverts into the VRRP decoder: a result
 * (received or a counted drop with its reason), never an exception. Each property runs
 * {@code fuzz.tries} seeded cases (1,000 by default); nightly runs the agents' {@code fuzz}
 * profile (100,000 per property) and reports the counted outcomes.
 */
class VrrpDecoderFuzzTest {

  static final String TARGET = "vrrp-decoder";

  record Junk(byte[] bytes, Inet4Address src, int ttl) {}

  record Mutation(Advert advert, Inet4Address src, int where, byte xor) {}

  @AfterAll
  static void writeLedger() {
    FuzzLedger.write(TARGET);
  }

  static void record(Decoded d) {
    FuzzLedger.count(TARGET, switch (d) {
      case Decoded.Received r -> "received";
      case Decoded.Drop drop -> "drop-" + drop.reason();
    });
  }

  @Test
  void randomBytesNeverThrow() {
    Cases.forEach("VrrpDecoderFuzzTest.randomBytesNeverThrow", Cases.fuzzTries(),
        r -> new Junk(Cases.bytes(r, 0, 80), VrrpCodecPropertyTest.ip(r), Cases.intIn(r, 0, 255)),
        c -> {
          Decoded d1 = VrrpCodec.decodeIp(c.bytes(), ReceivePolicy.any());
          Decoded d2 = VrrpCodec.decodePayload(c.bytes(), c.src(), VrrpCodec.MULTICAST_GROUP,
              c.ttl(), ReceivePolicy.any());
          assertThat(d1).as("decodeIp: a result, never an exception").isNotNull();
          assertThat(d2).as("decodePayload: a result, never an exception").isNotNull();
          record(d1);
          record(d2);
        });
  }

  @Test
  void mutatedAdvertsAreDroppedOrStillValid() {
    Cases.forEach("VrrpDecoderFuzzTest.mutatedAdvertsAreDroppedOrStillValid", Cases.fuzzTries(),
        r -> new Mutation(VrrpCodecPropertyTest.advert(r), VrrpCodecPropertyTest.ip(r),
            Cases.intIn(r, 0, 10_000), Cases.anyByte(r)),
        c -> {
          byte[] ip = VrrpCodec.encodeIp(c.advert(), c.src(), VrrpCodec.MULTICAST_GROUP, 255);
          int i = c.where() % ip.length;
          ip[i] ^= c.xor();
          Decoded d = VrrpCodec.decodeIp(ip, ReceivePolicy.any());
          assertThat(d).as("mutating byte %d by %02x", i, c.xor()).isNotNull();
          record(d);
          if (c.xor() != 0 && i >= 20 && d instanceof Decoded.Received r) {
            // a single changed 16-bit word can only slip past the checksum if it is
            // 0x0000<->0xFFFF
            assertThat(r.advert()).as("a changed VRRP byte that decoded").isNotEqualTo(c.advert());
          }
        });
  }
}
