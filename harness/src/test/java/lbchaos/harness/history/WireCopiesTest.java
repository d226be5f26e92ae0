package lbchaos.harness.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import org.junit.jupiter.api.Test;

class WireCopiesTest {

  private static final String LB1 = "10.0.0.48";
  private static final String TAP1 = Wire.tap("loadbalancer-1");
  private static final String TAP2 = Wire.tap("loadbalancer-2");

  /** An advert from LB1 with a 1 s interval, as {@code source} captured it. */
  private static AdvertSeen seen(long at, String source, String frame) {
    return new AdvertSeen(at, source, LB1, 51, 254, 3, 100, true, 255, frame);
  }

  private static List<Event> once(Event... events) {
    return WireCopies.once(History.of(events)).events();
  }

  @Test
  void oneAdvertSeenFromThreeVantagePointsIsOneEventTheBridges() {
    AdvertSeen bridge = seen(1_000_040, Wire.OBSERVER, "aaaa0001");
    assertThat(once(seen(1_000_000, TAP1, "aaaa0001"), bridge, seen(1_000_055, TAP2, "aaaa0001")))
        .as("the sender's tap, the bridge, the peer's tap: one advert, as the bridge saw it")
        .containsExactly(bridge);
  }

  @Test
  void anAdvertTheBridgeDidNotSeeIsTheFirstTapsAndTheBridgeViewIsTheObserversOwn() {
    AdvertSeen sent = seen(2_000_000, TAP1, "aaaa0009");
    AdvertSeen heard = seen(2_000_030, TAP2, "aaaa0009");
    LogLine between = new LogLine(2_000_020, "harness", "x");
    History h = WireCopies.once(History.of(sent, between, heard,
        seen(3_000_000, TAP1, "aaaa000a"), seen(3_000_010, Wire.OBSERVER, "aaaa000a")));
    assertThat(h.events()).as("a unicast advert once, as it left; then a flooded one")
        .containsExactly(sent, between, seen(3_000_010, Wire.OBSERVER, "aaaa000a"));
    assertThat(Wire.bridgeOnly(h).events()).as("the bridge's view: what the observer recorded")
        .containsExactly(between, seen(3_000_010, Wire.OBSERVER, "aaaa000a"));
  }

  @Test
  void theNextAdvertWithTheSameOctetsIsAnotherAdvert() {
    // The java agent's adverts repeat byte for byte (IP ID 0): an interval apart they are two.
    List<Event> in = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      in.add(seen(i * 1_000_000L, TAP1, "bbbb0002"));
      in.add(seen(i * 1_000_000L + 30, Wire.OBSERVER, "bbbb0002"));
    }
    assertThat(WireCopies.once(History.of(in)).events()).as("five adverts, one copy each")
        .extracting(Event::at).containsExactly(30L, 1_000_030L, 2_000_030L, 3_000_030L,
            4_000_030L);
  }

  @Test
  void twoIdenticalFramesFromOneVantagePointAreTwoFramesEachWithItsOwnCopy() {
    // A master that hears a resignation sends an advert at once (RFC 5798 6.4.3): the same
    // octets twice within a few ms. Each capture sees both; two adverts remain.
    List<Event> out = once(seen(0, TAP1, "cccc0003"), seen(20, Wire.OBSERVER, "cccc0003"),
        seen(3_000, TAP1, "cccc0003"), seen(3_020, Wire.OBSERVER, "cccc0003"));
    assertThat(out).as("two frames, each seen twice").extracting(Event::at)
        .containsExactly(20L, 3_020L);
  }

  @Test
  void copiesFurtherApartThanHalfTheIntervalAreNotCopies() {
    assertThat(once(seen(0, TAP1, "dddd0004"), seen(500_001, Wire.OBSERVER, "dddd0004")))
        .as("half of 1 s is the window").hasSize(2);
    AdvertSeen fast = new AdvertSeen(0, TAP1, LB1, 51, 254, 3, 10, true, 255, "dddd0005");
    AdvertSeen fastCopy = new AdvertSeen(60_000, Wire.OBSERVER, LB1, 51, 254, 3, 10, true, 255,
        "dddd0005");
    assertThat(once(fast, fastCopy)).as("0.1 s adverts: 60 ms apart is the next advert")
        .hasSize(2);
  }

  @Test
  void otherOctetsOrAnotherSenderAreAnotherAdvert() {
    AdvertSeen other = new AdvertSeen(10, TAP2, "10.0.0.97", 51, 254, 3, 100, true, 255,
        "eeee0006");
    assertThat(once(seen(0, TAP1, "eeee0006"), seen(5, Wire.OBSERVER, "eeee0007"), other))
        .as("frame and sender make the identity").hasSize(3);
  }

  @Test
  void eventsNotReadOffTheWirePassUntouched() {
    AdvertSeen agent = new AdvertSeen(10, "loadbalancer-2", LB1, 51, 254, 3, 100, true, 255);
    AdvertSeen oldFile = new AdvertSeen(12, Wire.OBSERVER, LB1, 51, 254, 3, 100, true, 255);
    LogLine log = new LogLine(11, "harness", "x");
    assertThat(once(seen(0, TAP1, "ffff0008"), agent, log, oldFile, seen(15, Wire.OBSERVER,
        "ffff0008"))).as("an agent's report, a log line and an undigested capture stay")
        .containsExactly(agent, log, oldFile, seen(15, Wire.OBSERVER, "ffff0008"));
  }
}
