package lbchaos.observer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import lbchaos.event.AdvertSeen;
import lbchaos.event.GarpSeen;
import lbchaos.observer.Packets.Sum;
import lbchaos.fuzz.Cases;
import org.junit.jupiter.api.Test;

class FramesTest {

  private static final int ETH = Frames.LINKTYPE_ETHERNET;

  private static AdvertSeen advert(byte[] frame) {
    Frames.Decoded d = Frames.decode(ETH, 42, frame, "observer");
    assertThat(d).as("decoded as an event").isInstanceOf(Frames.Decoded.Seen.class);
    return (AdvertSeen) ((Frames.Decoded.Seen) d).event();
  }

  @Test
  void aVrrpV3AdvertIsReadWithAPseudoHeaderChecksum() {
    AdvertSeen a = advert(Packets.v3(51, 254, 10, Sum.GOOD));
    assertThat(a).as("v3 advert from LB1, 0.1 s interval")
        .usingRecursiveComparison().ignoringFields("frame").isEqualTo(new AdvertSeen(42, "observer", "10.0.0.48", 51, 254, 3, 10, true, 255));
  }

  @Test
  void theFrameDigestIsTheIpPacketsWhateverTheLinkHeader() {
    byte[] eth = Packets.v3(51, 254, 10, Sum.GOOD);
    byte[] ip = Arrays.copyOfRange(eth, 14, eth.length);
    Frames.Decoded raw = Frames.decode(Frames.LINKTYPE_RAW, 42, ip, "observer@loadbalancer-1");
    String onTheBridge = advert(eth).frame();
    assertThat(onTheBridge).as("8 hex digits").matches("[0-9a-f]{8}");
    assertThat(((AdvertSeen) ((Frames.Decoded.Seen) raw).event()).frame())
        .as("the same packet without an Ethernet header (another vantage point)")
        .isEqualTo(onTheBridge);
    assertThat(advert(Packets.v3(51, 253, 10, Sum.GOOD)).frame())
        .as("another advert (another priority)").isNotEqualTo(onTheBridge);
  }

  @Test
  void aVrrpV3ChecksumMustCoverThePseudoHeader() {
    assertThat(advert(Packets.v3(51, 254, 100, Sum.BAD)).checksumOk()).as("corrupt checksum")
        .isFalse();
    assertThat(advert(Packets.v3(51, 254, 100, Sum.WITHOUT_PSEUDO_HEADER)).checksumOk())
        .as("v3 checksum over the message only (the v2 rule)").isFalse();
  }

  @Test
  void aVrrpV2AdvertIsReadWithAMessageOnlyChecksumAndIntervalInCentiseconds() {
    AdvertSeen a = advert(Packets.v2(51, 255, 1, Sum.GOOD));
    assertThat(a).as("v2 advert, 1 s interval")
        .usingRecursiveComparison().ignoringFields("frame").isEqualTo(new AdvertSeen(42, "observer", "10.0.0.48", 51, 255, 2, 100, true, 255));
    assertThat(advert(Packets.v2(51, 255, 1, Sum.BAD)).checksumOk()).as("corrupt v2 checksum")
        .isFalse();
    assertThat(advert(Packets.v2(51, 255, 1, Sum.WITH_PSEUDO_HEADER)).checksumOk())
        .as("v2 checksum with a pseudo-header (the v3 rule)").isFalse();
  }

  @Test
  void aGratuitousArpIsSeenAsRequestOrReply() {
    for (int op : new int[] {1, 2}) {
      Frames.Decoded d = Frames.decode(ETH, 7,
          Packets.arp(op, Packets.MAC_LB1, Packets.VIP, Packets.VIP), "observer");
      assertThat(d).as("GARP with op %d", op).isEqualTo(
          new Frames.Decoded.Seen(new GarpSeen(7, "observer", "10.0.0.211", "02:42:0a:00:00:30")));
    }
  }

  @Test
  void anOrdinaryArpRequestIsNotGratuitous() {
    Frames.Decoded d = Frames.decode(ETH, 7,
        Packets.arp(1, Packets.MAC_LB1, Packets.LB1, Packets.VIP), "observer");
    assertThat(d).as("who-has from LB1").isEqualTo(new Frames.Decoded.Skipped("arp not gratuitous"));
  }

  @Test
  void aVlanTagAndTheLinuxCookedHeaderAreUnderstood() {
    byte[] plain = Packets.v3(51, 254, 100, Sum.GOOD);
    byte[] tagged = new byte[plain.length + 4];
    System.arraycopy(plain, 0, tagged, 0, 12);
    tagged[12] = (byte) 0x81;
    tagged[15] = 7; // VLAN 7
    System.arraycopy(plain, 12, tagged, 16, plain.length - 12);
    assertThat(advert(tagged).vrid()).as("VRID through an 802.1Q tag").isEqualTo(51);

    byte[] sll = new byte[16 + plain.length - 14];
    sll[14] = 0x08; // protocol 0x0800
    System.arraycopy(plain, 14, sll, 16, plain.length - 14);
    assertThat(Frames.event(Frames.decode(Frames.LINKTYPE_LINUX_SLL, 1, sll, "o")))
        .as("advert in a Linux cooked capture").isPresent();
  }

  @Test
  void aVrrpMessageCutByTheSnapshotLengthIsSkipped() {
    byte[] frame = Packets.v2(51, 255, 1, Sum.GOOD);
    byte[] cut = Arrays.copyOf(frame, 14 + 20 + 10);
    assertThat(Frames.decode(ETH, 1, cut, "o")).as("truncated")
        .isEqualTo(new Frames.Decoded.Skipped("truncated vrrp"));
  }

  @Test
  void noFrameMakesTheDecoderThrow() {
    Cases.forEach("FramesTest.noFrameMakesTheDecoderThrow", 2_000, r -> Cases.bytes(r, 0, 120),
        frame -> {
          Frames.decode(ETH, 0, frame, "o");
          Frames.decode(Frames.LINKTYPE_LINUX_SLL, 0, frame, "o");
          Frames.decode(Frames.LINKTYPE_RAW, 0, frame, "o");
        });
  }

  record Corruption(byte[] noise, int position) {}

  @Test
  void corruptingAnAdvertNeverThrows() {
    Cases.forEach("FramesTest.corruptingAnAdvertNeverThrows", 2_000,
        r -> new Corruption(Cases.bytes(r, 60, 60), Cases.anyInt(r)), c -> {
          byte[] noise = c.noise();
          byte[] frame = Packets.v3(51, 254, 100, Sum.GOOD);
          int at = 14 + Math.floorMod(c.position(), frame.length - 14);
          frame[at] ^= noise[at % noise.length] == 0 ? 1 : noise[at % noise.length];
          Frames.decode(ETH, 0, frame, "o");
        });
  }
}
