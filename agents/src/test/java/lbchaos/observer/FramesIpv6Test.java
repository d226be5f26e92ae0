package lbchaos.observer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import lbchaos.event.AdvertSeen;
import org.junit.jupiter.api.Test;

/** The observer reads VRRPv3 over IPv6 as keepalived 2.2.7 sent it (vrrp-golden/ipv6-capture). */
class FramesIpv6Test {

  // keepalived-2.2.7-v3-ipv6-1s.hex behind the Ethernet header of the same capture
  static final String IP6 = "6c0984f4001870ff" + "fe800000000000000042acfffe1e1c02"
      + "ff020000000000000000000000000012" + "313dc801006442b3" + "fd000028000000000000000000000100";
  static final String ETH = "333300000012" + "0242ac1e1c02" + "86dd";

  static Frames.Decoded decode(int linkType, String hex) {
    return Frames.decode(linkType, 7, HexFormat.of().parseHex(hex), "observer");
  }

  @Test
  void anIpv6AdvertIsSeenWithItsHopLimitAndAValidChecksum() {
    Frames.Decoded d = decode(Frames.LINKTYPE_ETHERNET, ETH + IP6);
    assertThat(d).as("decoded").isInstanceOf(Frames.Decoded.Seen.class);
    AdvertSeen a = (AdvertSeen) ((Frames.Decoded.Seen) d).event();
    assertThat(a).usingRecursiveComparison().ignoringFields("frame").as("fields")
        .isEqualTo(new AdvertSeen(7, "observer", "fe80::42:acff:fe1e:1c02", 61, 200, 3, 100,
            true, 255));
    AdvertSeen raw = (AdvertSeen) ((Frames.Decoded.Seen) decode(Frames.LINKTYPE_RAW, IP6))
        .event();
    assertThat(raw.frame()).as("same packet digest without the link header").isEqualTo(a.frame());
  }

  @Test
  void aCorruptIpv6AdvertIsSeenWithABadChecksum() {
    String bad = IP6.substring(0, IP6.length() - 1) + "1"; // last address octet 0x00 -> 0x01
    AdvertSeen a = (AdvertSeen) ((Frames.Decoded.Seen) decode(Frames.LINKTYPE_RAW, bad)).event();
    assertThat(a.checksumOk()).as("the IPv6 pseudo-header sum no longer verifies").isFalse();
  }

  @Test
  void otherIpv6TrafficIsSkipped() {
    // the unsolicited NA of the same capture: next header 58
    String na = "6000000000203afffd000028000000000000000000000200ff020000000000000000000000000001"
        + "88008deb20000000fd00002800000000000000000000020002010242ac1e1c02";
    assertThat(decode(Frames.LINKTYPE_RAW, na)).as("ICMPv6 is not VRRP")
        .isEqualTo(new Frames.Decoded.Skipped("not vrrp"));
  }
}
