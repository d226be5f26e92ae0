package lbchaos.vrrp.config;

import static lbchaos.vrrp.config.KeepalivedParserTest.F;
import static lbchaos.vrrp.config.KeepalivedParserTest.instance;
import static lbchaos.vrrp.config.KeepalivedParserTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import lbchaos.config.ConfigWarning;
import org.junit.jupiter.api.Test;

/**
 * track_interface and dont_track_primary as keepalived 2.2.7 reads them (vrrp_track.c
 * alloc_track_if) and sets them up (vrrp.c vrrp_complete_instance), and what a down link does to
 * the effective priority and FAULT. No sockets.
 */
class TrackInterfaceTest {

  static KeepalivedConfig parse(String body) {
    return KeepalivedParser.parse(F, instance(body));
  }

  static TrackedInterface at0(String name) {
    return new TrackedInterface(name, 0, false);
  }

  @Test
  void theOwnInterfaceIsTrackedAtWeightZeroWithoutSayingSo() {
    VrrpInstance i = only(parse(" priority 100\n"));
    assertThat(i.linkTracks()).as("eth0, implicitly, FAULT when down").containsExactly(at0("eth0"));
    assertThat(i.faulted(Set.of(), Map.of("eth0", false))).as("eth0 down").isTrue();
    assertThat(i.faulted(Set.of(), Map.of("eth0", true))).as("eth0 up").isFalse();
  }

  @Test
  void dontTrackPrimaryLeavesTheOwnInterfaceAndItsVipsUntracked() {
    VrrpInstance i = only(parse(" dont_track_primary\n"));
    assertThat(i.dontTrackPrimary()).isTrue();
    assertThat(i.linkTracks()).as("nothing tracked").isEmpty();
    assertThat(i.faulted(Set.of(), Map.of("eth0", false))).as("eth0 down changes nothing")
        .isFalse();
    assertThat(parse(" dont_track_primary\n").javaRefusals()).as("implemented").isEmpty();
  }

  @Test
  void entriesWithWeightsAndReverseAreRead() {
    KeepalivedConfig c = parse(" priority 100\n track_interface {\n  eth1\n  eth2 weight -20\n"
        + "  eth3 weight 10 reverse\n }\n");
    assertThat(c.javaRefusals()).as("implemented, not refused").isEmpty();
    assertThat(c.warnings()).as("nothing to say").isEmpty();
    VrrpInstance i = only(c);
    assertThat(i.trackInterfaces()).containsExactly(at0("eth1"),
        new TrackedInterface("eth2", -20, false), new TrackedInterface("eth3", 10, true));
    assertThat(i.linkTracks()).as("the written ones, then the own interface").containsExactly(
        at0("eth1"), new TrackedInterface("eth2", -20, false),
        new TrackedInterface("eth3", 10, true), at0("eth0"));
  }

  @Test
  void aDownLinkCountsAsAFailingScriptDoes() {
    VrrpInstance i = only(parse(" priority 100\n track_interface {\n  eth2 weight -20\n"
        + "  eth3 weight 10\n  eth4 weight 7 reverse\n }\n"));
    Map<String, Boolean> up = Map.of("eth0", true, "eth2", true, "eth3", true, "eth4", true);
    assertThat(i.effectivePriority(Set.of(), up)).as("100 + 10 (eth3 up) - 7 (eth4 up, reverse)")
        .isEqualTo(103);
    Map<String, Boolean> eth2Down = Map.of("eth0", true, "eth2", false, "eth3", true,
        "eth4", true);
    assertThat(i.effectivePriority(Set.of(), eth2Down)).as("eth2 down: -20").isEqualTo(83);
    Map<String, Boolean> allDown = Map.of("eth0", true, "eth2", false, "eth3", false,
        "eth4", false);
    assertThat(i.effectivePriority(Set.of(), allDown)).as("100 - 20").isEqualTo(80);
    assertThat(i.faulted(Set.of(), allDown)).as("weighted links never FAULT").isFalse();
    assertThat(i.effectivePriority(Set.of(), Map.of("eth0", true)))
        .as("links that do not exist are not tracked (keepalived drops them)").isEqualTo(100);
  }

  @Test
  void aReversedWeightZeroLinkIsFaultWhileUp() {
    VrrpInstance i = only(parse(" track_interface {\n  eth1 weight 0 reverse\n }\n"));
    assertThat(i.faulted(Set.of(), Map.of("eth0", true, "eth1", true))).isTrue();
    assertThat(i.faulted(Set.of(), Map.of("eth0", true, "eth1", false))).isFalse();
  }

  @Test
  void theOwnerIgnoresLinkWeightsButNotFault() {
    KeepalivedConfig c = parse(" priority 255\n track_interface {\n  eth1 weight -50\n }\n");
    VrrpInstance i = only(c);
    assertThat(i.effectivePriority(Set.of(), Map.of("eth0", true, "eth1", false)))
        .as("255 whatever the weights").isEqualTo(255);
    assertThat(i.faulted(Set.of(), Map.of("eth0", false, "eth1", true))).as("own link down")
        .isTrue();
    assertThat(c.warnings()).extracting(ConfigWarning::message)
        .anySatisfy(m -> assertThat(m).contains("ignores track_interface weights"));
  }

  @Test
  void keepalivedsQuirksAreKept() {
    KeepalivedConfig c = parse(" track_interface {\n  eth0 weight -5\n  eth1 weight 254\n"
        + "  eth2 weight 300\n  eth3 speed 10\n  eth4 weight\n  eth1 weight 3\n"
        + "  eth5 weight 4 backwards\n }\n");
    VrrpInstance i = only(c);
    assertThat(i.trackInterfaces()).as("eth3, eth4 and the second eth1 dropped").containsExactly(
        new TrackedInterface("eth0", -5, false), new TrackedInterface("eth1", 253, false),
        at0("eth2"), new TrackedInterface("eth5", 4, false));
    assertThat(i.linkTracks()).as("the own interface at weight 0, not -5").startsWith(
        new TrackedInterface("eth1", 253, false)).contains(at0("eth0"))
        .doesNotContain(new TrackedInterface("eth0", -5, false));
    assertThat(c.warnings()).extracting(ConfigWarning::message).anySatisfy(m -> assertThat(m)
            .contains("own interface"))
        .anySatisfy(m -> assertThat(m).contains("+/-254"))
        .anySatisfy(m -> assertThat(m).contains("tracked at weight 0"))
        .anySatisfy(m -> assertThat(m).contains("unknown track_interface eth3 option speed"))
        .anySatisfy(m -> assertThat(m).contains("weight without a value"))
        .anySatisfy(m -> assertThat(m).contains("duplicate track_interface eth1"))
        .anySatisfy(m -> assertThat(m).contains("weight option backwards"));
  }

  @Test
  void aVipOnAnotherInterfaceTracksItUnlessNoTrack() {
    String vips = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
        + " track_interface {\n  eth1 weight -10\n }\n"
        + " virtual_ipaddress {\n  10.0.0.211/24\n  10.1.0.1/24 dev eth1\n"
        + "  10.2.0.1/24 dev eth2 no_track\n }\n}\n";
    VrrpInstance i = only(KeepalivedParser.parse(F, vips));
    assertThat(i.linkTracks()).as("eth1 at weight 0 (the VIP's entry overrides the weight),"
        + " eth2 not at all").containsExactlyInAnyOrder(at0("eth0"), at0("eth1"));
  }
}
