package lbchaos.harness.expect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.vrrp.config.KeepalivedParser;
import org.junit.jupiter.api.Test;

/** Lint fed from the agents' parsers: the declarations and timeouts as the files say them. */
class LintInputsTest {

  static final AddressPlan PLAN = new AddressPlan("10.1.2", 2, 2);

  static List<VrrpInstanceDecl> rendered(int lb, LbSettings s) {
    return LintInputs.vrrp(KeepalivedParser.parse(Path.of("lb" + (lb + 1) + ".conf"),
        ReferenceConfigs.keepalived(PLAN, 51, lb, s)));
  }

  @Test
  void theRenderedArticleConfigMapsFieldForField() {
    VrrpInstanceDecl d = rendered(0, LbSettings.ARTICLE).getFirst();
    assertThat(d.name()).as("instance").isEqualTo("VI_1");
    assertThat(d.file()).as("file").isEqualTo("lb1.conf");
    assertThat(d.line()).as("line of the block").isPositive();
    assertThat(d.vrid()).as("vrid").isEqualTo(51);
    assertThat(d.priority()).as("priority").isEqualTo(255);
    assertThat(d.version()).as("version").isEqualTo(2);
    assertThat(d.advertInterval()).as("advert").isEqualTo(Duration.ofSeconds(1));
    assertThat(d.tracks()).as("track_script with weight, and the own link at weight 0")
        .containsExactly(new TrackWeight("check_apiserver", -2),
            TrackWeight.link("eth0", 0, false));
    assertThat(d.vips()).as("VIP").containsExactly(PLAN.vip() + "/24");
  }

  @Test
  void theArticlePairHasOneFindingThe255OwnerWithAWeight() {
    List<VrrpInstanceDecl> both = new java.util.ArrayList<>(rendered(0, LbSettings.ARTICLE));
    both.addAll(rendered(1, LbSettings.ARTICLE));
    List<Finding> f = Lint.vrrp(both, Map.of("eth0", PLAN.subnet()));
    assertThat(f).as("findings of the article's pair: %s", f).hasSize(1);
    assertThat(f.getFirst().toString()).as("owner with weight, at lb1.conf")
        .startsWith("lb1.conf:").contains("priority 255").contains("weight -2");
  }

  @Test
  void dontTrackPrimaryLeavesTheOwnLinkOut() {
    VrrpInstanceDecl d = rendered(0, LbSettings.ARTICLE.withDontTrackPrimary(true)).getFirst();
    assertThat(d.tracks()).as("the script only")
        .containsExactly(new TrackWeight("check_apiserver", -2));
  }

  @Test
  void aLinkWeightSmallerThanTheGapIsFoundAsAScriptWeightIs() {
    String lb1 = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 254\n"
        + " track_interface {\n  eth1 weight -2\n }\n virtual_ipaddress {\n  10.1.2.211/24\n"
        + " }\n}\n";
    String lb2 = lb1.replace("priority 254", "priority 250").replace(" track_interface {\n"
        + "  eth1 weight -2\n }\n", "");
    List<VrrpInstanceDecl> both = new java.util.ArrayList<>(LintInputs.vrrp(
        KeepalivedParser.parse(Path.of("lb1.conf"), lb1)));
    both.addAll(LintInputs.vrrp(KeepalivedParser.parse(Path.of("lb2.conf"), lb2)));
    assertThat(Lint.vrrp(both, Map.of())).as("eth1 down: 252, still above 250")
        .singleElement().asString().startsWith("lb1.conf:")
        .contains("a track_interface eth1 going down cannot move the VIP").contains("252");
    String moves = lb1.replace("eth1 weight -2", "eth1 weight -5");
    List<VrrpInstanceDecl> fixed = new java.util.ArrayList<>(LintInputs.vrrp(
        KeepalivedParser.parse(Path.of("lb1.conf"), moves)));
    fixed.addAll(LintInputs.vrrp(KeepalivedParser.parse(Path.of("lb2.conf"), lb2)));
    assertThat(Lint.vrrp(fixed, Map.of())).as("weight -5 moves it").isEmpty();
  }

  @Test
  void aVipOutsideTheKnownSubnetIsFound() {
    List<Finding> f = Lint.vrrp(rendered(1, LbSettings.ARTICLE), Map.of("eth0", "10.9.9.0/24"));
    assertThat(f).as("findings").singleElement().asString().contains("outside eth0's subnet");
  }

  @Test
  void theArticleHaproxyCfgHasItsTimeoutsButNoTimeoutCheck() throws Exception {
    List<HaproxyTimeouts> t = LintInputs.haproxy(HaproxyConfigParser.parse(Path.of("h.cfg"),
        ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE)));
    assertThat(t).as("frontend apiserver with its backend").singleElement()
        .satisfies(x -> {
          assertThat(x.section()).as("section").isEqualTo("apiserver");
          assertThat(x.connect()).as("connect").isEqualTo(Duration.ofSeconds(10));
          assertThat(x.client()).as("client").isEqualTo(Duration.ofSeconds(30));
          assertThat(x.server()).as("server").isEqualTo(Duration.ofSeconds(30));
        });
    assertThat(Lint.haproxy(t)).as("only the info about timeout check")
        .singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Finding.Severity.INFO));
  }

  @Test
  void missingTimeoutsAreFoundPerFrontendAndBackendPair() throws Exception {
    String cfg = """
        frontend web
          bind :80
          timeout client 5s
          default_backend app

        backend app
          server a 10.0.0.1:80 check

        backend spare
          timeout connect 1s
          timeout server 1s
          server b 10.0.0.2:80
        """;
    List<HaproxyTimeouts> t = LintInputs.haproxy(HaproxyConfigParser.parse(Path.of("h.cfg"), cfg));
    assertThat(t).extracting(HaproxyTimeouts::section).as("sections")
        .containsExactly("web -> app", "spare");
    List<Finding> warnings = Lint.haproxy(t).stream()
        .filter(f -> f.severity() == Finding.Severity.WARNING).toList();
    assertThat(warnings).as("web -> app lacks connect and server; spare has what it needs")
        .singleElement().asString().contains("h.cfg:1:").contains("no timeout connect, server");
  }

  @Test
  void duplicateVridWithDifferentVipsAcrossFilesIsFound() {
    String a = """
        vrrp_instance A {
          interface eth0
          virtual_router_id 51
          priority 100
          advert_int 1
          virtual_ipaddress {
            10.1.2.100
          }
        }
        """;
    List<VrrpInstanceDecl> all = new java.util.ArrayList<>(
        LintInputs.vrrp(KeepalivedParser.parse(Path.of("a.conf"), a)));
    all.addAll(LintInputs.vrrp(KeepalivedParser.parse(Path.of("b.conf"),
        a.replace("instance A", "instance B").replace("10.1.2.100", "10.1.2.101"))));
    assertThat(Lint.vrrp(all, Map.of())).as("findings").singleElement().asString()
        .startsWith("b.conf:1:").contains("VRID 51").contains("different VIPs");
  }
}
