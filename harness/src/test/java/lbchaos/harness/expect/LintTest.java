package lbchaos.harness.expect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import lbchaos.harness.expect.Finding.Severity;
import org.junit.jupiter.api.Test;

class LintTest {

  static VrrpInstanceDecl inst(String file, int line, String name, int vrid, int version,
      Duration adv, int prio, List<TrackWeight> tracks, String vip) {
    return new VrrpInstanceDecl(file, line, name, "eth0", vrid, version, adv, prio, tracks,
        List.of(vip));
  }

  static final Duration ONE = Duration.ofSeconds(1);
  static final Map<String, String> NET = Map.of("eth0", "10.0.0.0/24");

  @Test
  void articleConfigFlagsOwnerWithWeights() {
    List<TrackWeight> check = List.of(new TrackWeight("check_apiserver", -2));
    List<Finding> f = Lint.vrrp(List.of(
        inst("lb1/keepalived.conf", 12, "VI_1", 51, 2, ONE, 255, check, "10.0.0.100"),
        inst("lb2/keepalived.conf", 12, "VI_1", 51, 2, ONE, 254, check, "10.0.0.100")), NET);
    assertThat(f).as("only lb1's owner priority is wrong").hasSize(1);
    assertThat(f.getFirst().severity()).as("error").isEqualTo(Severity.ERROR);
    assertThat(f.getFirst().toString()).as("file:line first")
        .startsWith("lb1/keepalived.conf:12: error: vrrp_instance VI_1 has priority 255")
        .contains("never moves the VIP");
  }

  /** The weight-gap grid: for each cell, lint's prediction of whether a failing check moves. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}/{1} weight {2}: moves {3}")
  @org.junit.jupiter.params.provider.CsvSource({
      "254, 253, -2, true",   // 252 < 253: the article's fix
      "254, 250, -2, false",  // 252 >= 250: a weight smaller than the gap
      "254, 250, -4, false",  // 250 = 250: a tie, the higher address wins
      "254, 250, -5, true",   // 249 < 250
      "254, 250, 0, true",    // weight 0: FAULT gives the VIP up
      "100, 90, 20, true",    // a positive weight lost: 100 < 90 + 20 while the peer's passes
      "150, 90, 20, false"})  // 150 >= 110
  void weightGapPredictsWhetherAFailingCheckMovesTheVip(int master, int backup, int weight,
      boolean moves) {
    List<TrackWeight> check = List.of(new TrackWeight("chk", weight));
    List<Finding> f = Lint.vrrp(List.of(
        inst("lb1.conf", 7, "VI_1", 51, 2, ONE, master, check, "10.0.0.100"),
        inst("lb2.conf", 7, "VI_1", 51, 2, ONE, backup, check, "10.0.0.100")), NET);
    assertThat(f).as("a finding exactly when the VIP cannot move").hasSize(moves ? 0 : 1);
    if (!moves) {
      assertThat(f.getFirst().severity()).isEqualTo(Severity.WARNING);
      assertThat(f.getFirst().toString()).startsWith("lb1.conf:7: warning: vrrp_instance VI_1:"
          + " a failing track_script chk cannot move the VIP").contains("lb2.conf:7")
          .contains("a weight of ");
    }
  }

  @Test
  void cleanPairHasNoFindings() {
    assertThat(Lint.vrrp(List.of(
        inst("a", 1, "VI_1", 51, 3, Duration.ofMillis(100), 150, List.of(), "10.0.0.100/24"),
        inst("b", 1, "VI_1", 51, 3, Duration.ofMillis(100), 100, List.of(), "10.0.0.100")), NET))
        .as("same VRID and VIP on two nodes is a normal pair").isEmpty();
  }

  @Test
  void duplicateVridInOneFileOrWithOtherVips() {
    List<Finding> f = Lint.vrrp(List.of(
        inst("a", 1, "VI_1", 51, 2, ONE, 150, List.of(), "10.0.0.100"),
        inst("a", 20, "VI_2", 51, 2, ONE, 150, List.of(), "10.0.0.101")), NET);
    assertThat(f).as("one finding").hasSize(1);
    assertThat(f.getFirst().line()).as("points at the second").isEqualTo(20);
    assertThat(f.getFirst().message()).as("names both").contains("VI_2").contains("VI_1")
        .contains("a:1");
    assertThat(Lint.vrrp(List.of(
        inst("a", 1, "VI_1", 51, 2, ONE, 150, List.of(), "10.0.0.100"),
        inst("b", 1, "VI_1", 51, 2, ONE, 100, List.of(), "10.0.0.200")), NET))
        .as("different VIPs across nodes").hasSize(1);
  }

  @Test
  void vipOutsideSubnetAndFractionalV2() {
    List<Finding> f = Lint.vrrp(List.of(
        inst("a", 3, "VI_1", 51, 2, Duration.ofMillis(100), 150, List.of(), "192.168.1.5")), NET);
    assertThat(f).as("two problems").hasSize(2);
    assertThat(f).extracting(Finding::message).as("messages")
        .anyMatch(m -> m.contains("advert_int 0.1 s") && m.contains("rounds it to 1 s"))
        .anyMatch(m -> m.contains("192.168.1.5 is outside eth0's subnet 10.0.0.0/24"));
    assertThat(Lint.inSubnet("10.0.1.5", "10.0.0.0/23")).as("/23").isTrue();
    assertThat(Lint.inSubnet("fd00::5", "fd00::/64")).as("v6").isTrue();
    assertThat(Lint.inSubnet("10.0.0.5", "fd00::/64")).as("family mismatch").isFalse();
    assertThat(Lint.vrrp(List.of(inst("a", 3, "VI_1", 51, 3, ONE, 150, List.of(), "not-an-ip")),
        NET)).extracting(Finding::message).as("bad VIP").anyMatch(m -> m.contains("not an IP"));
  }

  @Test
  void haproxyMissingTimeouts() {
    List<Finding> f = Lint.haproxy(List.of(
        new HaproxyTimeouts("haproxy.cfg", 20, "apiserver", Duration.ofSeconds(5), null, null,
            null),
        new HaproxyTimeouts("haproxy.cfg", 40, "ok", Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1))));
    assertThat(f).as("warning + info for the first only").hasSize(2);
    assertThat(f.getFirst().toString()).as("warning").startsWith("haproxy.cfg:20: warning:")
        .contains("no timeout client, server");
    assertThat(f.get(1).severity()).as("check timeout is info").isEqualTo(Severity.INFO);
  }
}
