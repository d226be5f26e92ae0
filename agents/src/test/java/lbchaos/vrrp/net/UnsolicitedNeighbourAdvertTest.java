package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Our unsolicited NA against the bytes keepalived 2.2.7 sent for the same VIP and MAC
 * (vrrp-golden/ipv6-capture, captured on an IPv6 Docker network).
 */
class UnsolicitedNeighbourAdvertTest {

  static final byte[] MAC = HexFormat.of().parseHex("0242ac1e1c02");

  @Test
  void matchesKeepalivedsAdvertByteForByte() throws IOException {
    for (String vip : new String[] {"200", "201"}) {
      byte[] want = golden("ndisc-na-fd00-28--" + vip + ".hex");
      byte[] ours = UnsolicitedNeighbourAdvert.packet(MAC, v6("fd00:28::" + vip), false);
      assertThat(HexFormat.of().formatHex(ours)).as("NA for fd00:28::%s", vip)
          .isEqualTo(HexFormat.of().formatHex(want));
    }
  }

  @Test
  void theRouterFlagChangesTheFlagsAndTheChecksum() {
    byte[] host = UnsolicitedNeighbourAdvert.packet(MAC, v6("fd00:28::200"), false);
    byte[] router = UnsolicitedNeighbourAdvert.packet(MAC, v6("fd00:28::200"), true);
    assertThat(router[40 + 4] & 0xFF).as("router and override").isEqualTo(0xA0);
    assertThat(host[40 + 4] & 0xFF).as("override only").isEqualTo(0x20);
    assertThat(router[42] != host[42] || router[43] != host[43]).as("checksum follows").isTrue();
  }

  @Test
  void theFrameGoesToTheAllNodesMacFromOurs() {
    byte[] f = UnsolicitedNeighbourAdvert.frame(MAC, v6("fd00:28::200"), false);
    assertThat(HexFormat.of().formatHex(f, 0, 14)).as("33:33:00:00:00:01 <- our MAC, IPv6")
        .isEqualTo("333300000001" + "0242ac1e1c02" + "86dd");
  }

  static Inet6Address v6(String s) {
    return (Inet6Address) InetAddress.ofLiteral(s);
  }

  static byte[] golden(String name) throws IOException {
    try (InputStream in = UnsolicitedNeighbourAdvertTest.class.getResourceAsStream(
        "/vrrp-golden/ipv6-capture/" + name)) {
      assertThat(in).as(name).isNotNull();
      StringBuilder hex = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        int hash = line.indexOf('#');
        hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
      }
      return HexFormat.of().parseHex(hex);
    }
  }
}
