package lbchaos.privilege;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivilegeTest {

  // As /proc/PID/status shows a java agent after dropping to uid 999 keeping NET_ADMIN.
  static final String DROPPED = """
      Name:\tjava
      Umask:\t0022
      State:\tS (sleeping)
      Uid:\t999\t999\t999\t999
      Gid:\t999\t999\t999\t999
      FDSize:\t128
      Groups:\t999\s
      CapInh:\t0000000000000000
      CapPrm:\t0000000000001000
      CapEff:\t0000000000001000
      CapBnd:\t00000000a80425fb
      CapAmb:\t0000000000000000
      NoNewPrivs:\t0
      """;

  static final String ROOT = DROPPED.replace("999", "0").replace("Groups:\t0 ", "Groups:\t")
      .replace("CapPrm:\t0000000000001000", "CapPrm:\t00000000a80425fb")
      .replace("CapEff:\t0000000000001000", "CapEff:\t00000000a80425fb");

  @Test
  void capabilityMasksUseTheKernelsBitNumbers() {
    assertThat(Capability.mask(Set.of(Capability.NET_ADMIN))).as("CAP_NET_ADMIN is bit 12")
        .isEqualTo(0x1000L);
    assertThat(Capability.mask(EnumSet.allOf(Capability.class))).as("bits 10, 12, 13")
        .isEqualTo(0x3400L);
    assertThat(Capability.of(0xa80425fbL)).as("docker's default set holds NET_BIND_SERVICE"
        + " and NET_RAW, not NET_ADMIN")
        .containsExactlyInAnyOrder(Capability.NET_BIND_SERVICE, Capability.NET_RAW);
  }

  @Test
  void userSpecsParseAsOurFlagAndAsKeepalivedsScriptUser() {
    assertThat(UserSpec.parse("lbchaos")).as("name").isEqualTo(
        new UserSpec("lbchaos", Optional.empty()));
    assertThat(UserSpec.parse("65534:65534")).as("numbers").isEqualTo(
        new UserSpec("65534", Optional.of("65534")));
    assertThat(UserSpec.ofScriptUser("  keepalived_script   nogroup ")).as("script_user u g")
        .isEqualTo(new UserSpec("keepalived_script", Optional.of("nogroup")));
    assertThat(UserSpec.parse("root").isRoot()).as("root by name").isTrue();
    assertThat(UserSpec.parse("0:5").isRoot()).as("root by number").isTrue();
    assertThat(UserSpec.parse("nobody").isRoot()).as("nobody").isFalse();
    assertThatThrownBy(() -> UserSpec.parse("")).as("empty")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserSpec.parse("$(id)")).as("shell text")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserSpec.ofScriptUser("a b c")).as("three words")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nothingIsDroppedWhenNotRootOrWhenAskedToStayRoot() {
    assertThat(PrivilegeDrop.unchanged(0, UserSpec.parse("lbchaos"))).as("root to lbchaos")
        .isEmpty();
    assertThat(PrivilegeDrop.unchanged(1000, UserSpec.parse("lbchaos"))).as("not root")
        .hasValueSatisfying(r -> assertThat(r).contains("euid 1000"));
    assertThat(PrivilegeDrop.unchanged(0, UserSpec.parse("root"))).as("--user root")
        .hasValueSatisfying(r -> assertThat(r).contains("root"));
  }

  @Test
  void statusParsesIdsGroupsAndCapabilitySets() {
    ProcStatus s = ProcStatus.parse(DROPPED);
    assertThat(s.uids()).as("uids").containsExactly(999, 999, 999, 999);
    assertThat(s.groups()).as("groups").containsExactly(999);
    assertThat(s.capEff()).as("CapEff").isEqualTo(0x1000L);
    assertThat(ProcStatus.parse(ROOT).groups()).as("no groups").isEmpty();
    assertThatThrownBy(() -> ProcStatus.parse("Name:\tjava\n")).as("no Uid line")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcStatus.parse(DROPPED.replace("CapEff:\t0000", "CapEff:\tzz")))
        .as("bad mask").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCompleteDropHasNoProblemsAndEachLeftoverIsNamed() {
    Ids lbchaos = new Ids(999, 999);
    assertThat(ProcStatus.parse(DROPPED).problems(lbchaos, 0x1000L)).as("complete drop")
        .isEmpty();
    assertThat(ProcStatus.parse(DROPPED.replace("Uid:\t999\t999\t999", "Uid:\t999\t999\t0"))
        .problems(lbchaos, 0x1000L)).as("saved uid 0 could switch back")
        .singleElement().asString().contains("uids");
    assertThat(ProcStatus.parse(DROPPED.replace("Groups:\t999 ", "Groups:\t0 999"))
        .problems(lbchaos, 0x1000L)).as("root's group kept")
        .singleElement().asString().contains("supplementary");
    assertThat(ProcStatus.parse(DROPPED).problems(lbchaos, 0)).as("NET_ADMIN not asked for")
        .hasSize(2);
    assertThat(ProcStatus.parse(DROPPED.replace("CapAmb:\t0000000000000000",
        "CapAmb:\t0000000000001000")).problems(lbchaos, 0x1000L))
        .as("ambient would pass to scripts").singleElement().asString().contains("ambient");
    List<String> root = ProcStatus.parse(ROOT).problems(lbchaos, 0x1000L);
    assertThat(root).as("root itself fails every rule but ambient").hasSize(4);
  }

  @Test
  void idsAreNeverNegative() {
    assertThatThrownBy(() -> new Ids(-1, 0)).as("(uid_t) -1 means unchanged")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
