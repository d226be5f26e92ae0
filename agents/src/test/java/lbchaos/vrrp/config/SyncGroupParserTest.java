package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;
import org.junit.jupiter.api.Test;

/** vrrp_sync_group as keepalived 2.2.7 reads it (vrrp_parser.c, vrrp_sync.c, vrrp.c). */
class SyncGroupParserTest {

  static final Path F = Path.of("test.conf");

  static String instance(String name, int vrid, String vip, String body) {
    return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid + "\n"
        + " priority 100\n virtual_ipaddress {\n  " + vip + "/24\n }\n" + body + "}\n";
  }

  static final String TWO = "vrrp_script chk {\n script \"/bin/true\"\n weight -2\n}\n"
      + "vrrp_script down {\n script \"/bin/true\"\n weight 0\n}\n"
      + instance("VI_1", 51, "10.0.0.211", " track_script {\n  chk\n  down\n }\n"
          + " track_interface {\n  eth1 weight 10\n }\n")
      + instance("VI_2", 52, "10.0.0.212", "");

  static List<String> warnings(KeepalivedConfig c) {
    return c.warnings().stream().map(ConfigWarning::toString).toList();
  }

  @Test
  void readsTheGroupItsMembersAndItsNotifies() {
    KeepalivedConfig c = KeepalivedParser.parse(F, TWO + "vrrp_sync_group VG {\n group {\n"
        + "  VI_1\n  VI_2\n }\n notify_master \"/n.sh MASTER\"\n notify \"/any.sh\"\n}\n");
    assertThat(c.javaRefusals()).as("implemented").isEmpty();
    assertThat(c.syncGroups()).singleElement().satisfies(g -> {
      assertThat(g.name()).isEqualTo("VG");
      assertThat(g.instances()).containsExactly("VI_1", "VI_2");
      assertThat(g.notifyScripts()).isEqualTo(new NotifyScripts(Optional.of("/n.sh MASTER"),
          Optional.empty(), Optional.empty(), Optional.of("/any.sh")));
      assertThat(g.trackingWeight()).isFalse();
    });
    assertThat(c.syncGroupOf("VI_2")).map(VrrpSyncGroup::name).contains("VG");
  }

  @Test
  void withoutTrackingWeightWeightedScriptsAreDroppedAndWeightedLinksCountAtWeightZero() {
    KeepalivedConfig c = KeepalivedParser.parse(F, TWO
        + "vrrp_sync_group VG {\n group {\n  VI_1 VI_2\n }\n}\n");
    VrrpInstance i = c.instance("VI_1").orElseThrow();
    assertThat(i.trackScripts()).as("chk (weight -2) dropped, down (weight 0) kept")
        .extracting(TrackedScript::name).containsExactly("down");
    assertThat(i.trackInterfaces()).as("eth1 at weight 0: FAULT while down")
        .containsExactly(new TrackedInterface("eth1", 0, false));
    assertThat(warnings(c)).as("keepalived's log lines")
        .anyMatch(w -> w.contains("(VI_1) ignoring tracked script chk with weights due to SYNC"
            + " group"))
        .anyMatch(w -> w.contains("(VI_1) ignoring eth1 tracked interface weight due to SYNC"));
  }

  @Test
  void syncGroupTrackingWeightKeepsTheWeights() {
    KeepalivedConfig c = KeepalivedParser.parse(F, TWO
        + "vrrp_sync_group VG {\n group {\n  VI_1\n  VI_2\n }\n sync_group_tracking_weight\n}\n");
    assertThat(c.instance("VI_1").orElseThrow().trackScripts()).hasSize(2);
    assertThat(c.syncGroups().getFirst().trackingWeight()).isTrue();
  }

  @Test
  void unknownMembersSecondGroupsAndEmptyGroupsAreWarnedAndLeftOutAsKeepalivedDoes() {
    KeepalivedConfig c = KeepalivedParser.parse(F, TWO
        + "vrrp_sync_group A {\n group {\n  VI_1\n  NOPE\n }\n}\n"
        + "vrrp_sync_group B {\n group {\n  VI_1\n }\n}\n"
        + "vrrp_sync_group A {\n group {\n  VI_2\n }\n}\n");
    assertThat(c.javaRefusals()).isEmpty();
    assertThat(c.syncGroups()).as("B lost its only member, the second A was skipped")
        .extracting(VrrpSyncGroup::name).containsExactly("A");
    assertThat(c.syncGroups().getFirst().instances()).containsExactly("VI_1");
    assertThat(warnings(c))
        .anyMatch(w -> w.contains("Virtual router NOPE specified in sync group A doesn't exist"))
        .anyMatch(w -> w.contains("Sync group A has only 1 virtual router(s)"))
        .anyMatch(w -> w.contains("Virtual router VI_1 cannot exist in more than one sync group"))
        .anyMatch(w -> w.contains("Sync group B, no matching virtual router found"))
        .anyMatch(w -> w.contains("vrrp sync group A already defined - skipping"));
    assertThat(c.instance("VI_2").orElseThrow().trackScripts()).isEmpty();
  }

  @Test
  void groupTrackingNotifyStopAndAddressOwnersAreRefusedWithTheirLine() {
    KeepalivedConfig c = KeepalivedParser.parse(F, TWO.replace(" priority 100\n",
            " priority 255\n") + "vrrp_sync_group VG {\n group {\n  VI_1\n  VI_2\n }\n"
        + " track_script {\n  chk\n }\n notify_stop /s.sh\n}\n");
    int at = (int) TWO.lines().count() + 1;
    assertThat(c.javaRefusals()).extracting(JavaRefusal::line, JavaRefusal::keyword)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(at, "vrrp_sync_group VG with an address owner"
                + " (priority 255)"),
            org.assertj.core.groups.Tuple.tuple(at + 5, "track_script"),
            org.assertj.core.groups.Tuple.tuple(at + 8, "notify_stop"));
  }
}
