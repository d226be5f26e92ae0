package lbchaos.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import lbchaos.fuzz.Cases;
import lbchaos.fuzz.FuzzLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bytes into the VRRP decoder: a result (received or a counted drop with its reason), never an
 * exception. Two fuzzers ask it: {@link #guided}, coverage-guided by Jazzer from two valid adverts
 * (on its seed inputs in a normal build, {@code fuzz.tries} runs in the agents' {@code fuzz}
 * profile, which nightly runs), and two seeded properties, random bytes and single-byte mutations
 * of valid adverts ({@code fuzz.tries} cases each, 1,000 by default).
 */
class VrrpDecoderFuzzTest {

  static final String TARGET = "vrrp-decoder";
  static final String GUIDED = "vrrp-decoder-guided";

  /** Flags in the guided input's first byte. */
  static final int FIX_CHECKSUM = 1;
  static final int TTL_255 = 2;

  /** Any advert, and the article's instance as each version would check it (VRID 51). */
  static final List<ReceivePolicy> POLICIES = List.of(ReceivePolicy.any(),
      new ReceivePolicy(51, 2, Set.of(VrrpCodec.ipv4(new byte[] {10, 0, 0, 2})),
          Advert.AUTH_SIMPLE, "mypass", 100),
      new ReceivePolicy(51, 3, Set.of(), -1, "", 0));

  record Junk(byte[] bytes, Inet4Address src, int ttl) {}

  record Mutation(Advert advert, Inet4Address src, int where, byte xor) {}

  @AfterAll
  static void writeLedger() {
    FuzzLedger.write(TARGET);
    FuzzLedger.write(GUIDED);
  }

  /**
   * The input is a flags byte, then (unless TTL_255) the TTL, then the source address, then the
   * VRRP message. With FIX_CHECKSUM the message's checksum is made right first: a checksum is a
   * wall coverage guidance cannot climb, and the checks behind it (own address, VRID,
   * authentication, interval, the addresses) are what this target is for. The whole input also
   * goes through {@code decodeIp} as a raw IPv4 packet.
   */
  @FuzzTest
  void guided(byte[] input) {
    record(GUIDED, VrrpCodec.decodeIp(input, ReceivePolicy.any()));
    if (input.length < 6) {
      return;
    }
    int flags = input[0];
    int at = 1;
    int ttl = VrrpCodec.TTL;
    if ((flags & TTL_255) == 0) {
      ttl = input[at++] & 0xFF;
    }
    Inet4Address src = VrrpCodec.ipv4(input, at);
    byte[] vrrp = Arrays.copyOfRange(input, Math.min(input.length, at + 4), input.length);
    Inet4Address dst = VrrpCodec.MULTICAST_GROUP;
    if ((flags & FIX_CHECKSUM) != 0 && vrrp.length >= 8) {
      vrrp[6] = 0;
      vrrp[7] = 0;
      int sum = VrrpCodec.checksum((vrrp[0] & 0xFF) >>> 4, vrrp, 0, vrrp.length, src, dst);
      vrrp[6] = (byte) (sum >>> 8);
      vrrp[7] = (byte) sum;
    }
    for (ReceivePolicy policy : POLICIES) {
      record(GUIDED, VrrpCodec.decodePayload(vrrp, src, dst, ttl, policy));
    }
  }

  static void record(Decoded d) {
    record(TARGET, d);
  }

  static void record(String target, Decoded d) {
    assertThat(d).as("a result, never null").isNotNull();
    FuzzLedger.count(target, switch (d) {
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
