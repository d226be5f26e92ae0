package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;
import org.junit.jupiter.api.Test;

class KeepalivedParserTest {

  static final Path F = Path.of("test.conf");

  static Path resource(String name) throws URISyntaxException {
    return Path.of(KeepalivedParserTest.class.getResource("/keepalived/" + name).toURI());
  }

  static Inet4Address ip(String s) {
    try {
      return (Inet4Address) Inet4Address.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String instance(String body) {
    return "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
        + " virtual_ipaddress {\n  10.0.0.211/24\n }\n" + body + "}\n";
  }

  static VrrpInstance only(KeepalivedConfig c) {
    assertThat(c.instances()).as("one instance").hasSize(1);
    return c.instances().getFirst();
  }

  @Test
  void readsTheArticleConfig() throws Exception {
    KeepalivedConfig c = KeepalivedParser.parse(resource("article-lb1.conf"));
    assertThat(c.globalDefs()).as("global_defs").isEqualTo(
        new GlobalDefs(Optional.of("LVS_DEVEL"), Optional.of("root"), true, 2));
    VrrpScript check = new VrrpScript("check_apiserver", "/etc/keepalived/check_apiserver.sh",
        Duration.ofSeconds(3), Duration.ofSeconds(3), -2, 10, 2, false);
    assertThat(c.scripts()).as("vrrp_script").containsExactly(
        java.util.Map.entry("check_apiserver", check));
    VrrpInstance i = only(c);
    assertThat(i.name()).as("name").isEqualTo("VI_1");
    assertThat(i.initialState()).as("state").isEqualTo(VrrpInstance.InitialState.MASTER);
    assertThat(i.iface()).as("interface").isEqualTo("enp1s0");
    assertThat(i.vrid()).as("vrid").isEqualTo(51);
    assertThat(i.priority()).as("priority").isEqualTo(255);
    assertThat(i.version()).as("keepalived's default version").isEqualTo(2);
    assertThat(i.advertInterval()).as("default advert_int").isEqualTo(Duration.ofSeconds(1));
    assertThat(i.authentication()).as("auth").contains(new Authentication("mypass"));
    assertThat(i.virtualAddresses()).as("VIP").containsExactly(
        new VirtualAddress(ip("192.168.122.211"), 24, Optional.empty(), Optional.empty()));
    assertThat(i.trackScripts()).as("track_script").containsExactly(new TrackedScript(check, -2));
    assertThat(i.notifyScripts().master()).as("notify_master")
        .contains("/etc/keepalived/status_capture.sh MASTER");
    assertThat(i.notifyScripts().fault()).as("notify_fault")
        .contains("/etc/keepalived/status_capture.sh FAULT");
    assertThat(i.preempt()).as("preempt by default").isTrue();
    assertThat(i.unicastPeers()).as("multicast").isEmpty();
    assertThat(i.garpMasterDelay()).as("garp delay").isEqualTo(Duration.ofSeconds(5));
    assertThat(i.garpMasterRepeat()).as("garp repeat").isEqualTo(5);
  }

  @Test
  void theArticlesOwnerIgnoresItsTrackScriptWeightAndSaysSo() throws Exception {
    KeepalivedConfig c = KeepalivedParser.parse(resource("article-lb1.conf"));
    VrrpInstance i = only(c);
    assertThat(i.effectivePriority(Set.of("check_apiserver"))).as("255 stays 255 while failing")
        .isEqualTo(255);
    assertThat(i.faulted(Set.of("check_apiserver"))).as("weighted script: no fault").isFalse();
    assertThat(c.warnings()).as("start-up warning on the instance line")
        .anySatisfy(w -> {
          assertThat(w.line()).isEqualTo(15);
          assertThat(w.message()).contains("priority 255", "ignores track_script weights");
        });
  }

  @Test
  void theArticlesBackupLosesTwoPerFailingCheck() throws Exception {
    String text = java.nio.file.Files.readString(resource("article-lb1.conf"))
        .replace("priority 255", "priority 254").replace("state MASTER", "state BACKUP");
    VrrpInstance i = only(KeepalivedParser.parse(F, text));
    assertThat(i.effectivePriority(Set.of())).as("healthy").isEqualTo(254);
    assertThat(i.effectivePriority(Set.of("check_apiserver"))).as("failing, weight -2")
        .isEqualTo(252);
    assertThat(i.masterDownInterval()).as("v2: 3 x 1 s + (256-254)/256 s")
        .isEqualTo(Duration.ofNanos(3_007_812_000L));
    assertThat(i.skew()).as("skew").isEqualTo(Duration.ofNanos(7_812_000));
  }

  @Test
  void v2RoundsAFractionalAdvertIntervalWithAWarning() {
    KeepalivedConfig c = KeepalivedParser.parse(F, instance(" advert_int 0.1\n"));
    assertThat(only(c).advertInterval()).as("0.1 -> 1 s").isEqualTo(Duration.ofSeconds(1));
    assertThat(c.warnings()).as("warning at the advert_int line").singleElement()
        .satisfies(w -> {
          assertThat(w.line()).isEqualTo(7);
          assertThat(w.file()).isEqualTo(F);
          assertThat(w.message()).contains("must be an integer. rounding");
        });
  }

  @Test
  void versionThreeInTheInstanceCarriesSubSecondAdverts() {
    KeepalivedConfig c = KeepalivedParser.parse(F, instance(" version 3\n advert_int 0.1\n"
        + " priority 100\n"));
    VrrpInstance i = only(c);
    assertThat(i.version()).as("version").isEqualTo(3);
    assertThat(i.advertInterval()).as("100 ms").isEqualTo(Duration.ofMillis(100));
    assertThat(i.masterDownInterval()).as("3 x 0.1 s + 156 x 0.1 s / 256")
        .isEqualTo(Duration.ofNanos(360_937_000));
    assertThat(c.warnings()).as("no warnings").isEmpty();
  }

  @Test
  void vrrpVersionInsideTheInstanceIsIgnoredLikeKeepalived() {
    KeepalivedConfig c = KeepalivedParser.parse(F, instance(" vrrp_version 3\n"));
    assertThat(only(c).version()).as("still 2").isEqualTo(2);
    assertThat(c.warnings()).as("says why").singleElement()
        .satisfies(w -> assertThat(w.message()).contains("vrrp_version inside vrrp_instance"));
  }

  @Test
  void globalVrrpVersionAppliesAndV3DropsAuthentication() {
    KeepalivedConfig c = KeepalivedParser.parse(F, "global_defs {\n vrrp_version 3\n}\n"
        + instance(" authentication {\n  auth_type PASS\n  auth_pass secret\n }\n"));
    VrrpInstance i = only(c);
    assertThat(i.version()).as("from global_defs").isEqualTo(3);
    assertThat(i.authentication()).as("v3 has no auth").isEmpty();
    assertThat(c.warnings()).as("warned").anySatisfy(
        w -> assertThat(w.message()).contains("not supported with VRRPv3"));
  }

  @Test
  void acceptsBracesOnTheNextLineCommentsAndQuotes() {
    String text = """
        ! Configuration File for keepalived
        vrrp_script chk   # trailing comment
        {
          script "/bin/check --flag 'x y'"
          weight 0
        }
        vrrp_instance VI_9
        {
          interface eth1      ! another comment
          virtual_router_id 9
          virtual_ipaddress
          {
            10.1.1.1 dev eth1 label eth1:vip
            10.1.1.2/16
          }
          track_script {
            chk weight 5
          }
          notify "/etc/keepalived/notify.sh"
          nopreempt
          preempt_delay 30
          unicast_src_ip 10.1.1.10
          unicast_peer {
            10.1.1.11
            10.1.1.12
          }
        }
        """;
    KeepalivedConfig c = KeepalivedParser.parse(F, text);
    VrrpInstance i = only(c);
    assertThat(c.scripts().get("chk").script()).as("quoted script kept whole")
        .isEqualTo("/bin/check --flag 'x y'");
    assertThat(i.virtualAddresses()).as("VIPs with options").containsExactly(
        new VirtualAddress(ip("10.1.1.1"), 32, Optional.of("eth1"), Optional.of("eth1:vip")),
        new VirtualAddress(ip("10.1.1.2"), 16, Optional.empty(), Optional.empty()));
    assertThat(i.trackScripts().getFirst().weight()).as("weight override").isEqualTo(5);
    assertThat(i.notifyScripts().any()).as("notify").contains("/etc/keepalived/notify.sh");
    assertThat(i.preempt()).as("nopreempt").isFalse();
    assertThat(i.preemptDelay()).as("preempt_delay").isEqualTo(Duration.ofSeconds(30));
    assertThat(i.unicastSrcIp()).as("unicast_src_ip").contains(ip("10.1.1.10"));
    assertThat(i.unicastPeers()).as("peers").containsExactly(ip("10.1.1.11"), ip("10.1.1.12"));
    assertThat(i.priority()).as("default priority").isEqualTo(100);
    assertThat(i.effectivePriority(Set.of())).as("+5 while chk succeeds").isEqualTo(105);
    assertThat(i.effectivePriority(Set.of("chk"))).as("no bonus while it fails").isEqualTo(100);
    assertThat(c.warnings()).as("nothing unknown").isEmpty();
  }

  @Test
  void stateMasterWithoutPriorityIsTheAddressOwner() {
    // keepalived 2.2.7 vrrp_complete_instance: an unset priority is 255 with state MASTER
    VrrpInstance master = only(KeepalivedParser.parse(F, instance(" state MASTER\n")));
    VrrpInstance backup = only(KeepalivedParser.parse(F, instance(" state BACKUP\n")));
    VrrpInstance none = only(KeepalivedParser.parse(F, instance("")));
    assertThat(master.priority()).as("state MASTER, no priority").isEqualTo(255);
    assertThat(backup.priority()).as("state BACKUP, no priority").isEqualTo(100);
    assertThat(none.priority()).as("no state, no priority").isEqualTo(100);
    VrrpInstance explicit = only(KeepalivedParser.parse(F,
        instance(" state MASTER\n priority 100\n")));
    assertThat(explicit.priority()).as("an explicit priority wins over the state").isEqualTo(100);
  }

  @Test
  void stateMasterClearsNopreemptAndPreemptDelayAsKeepalivedDoes() {
    KeepalivedConfig c = KeepalivedParser.parse(F,
        instance(" state MASTER\n priority 100\n nopreempt\n preempt_delay 30\n"));
    VrrpInstance i = only(c);
    assertThat(i.preempt()).as("nopreempt cleared").isTrue();
    assertThat(i.preemptDelay()).as("preempt_delay cleared").isEqualTo(Duration.ZERO);
    assertThat(c.warnings()).as("one warning each")
        .extracting(ConfigWarning::message)
        .anySatisfy(m -> assertThat(m).startsWith("nopreempt does not work with state MASTER"))
        .anySatisfy(m -> assertThat(m).startsWith("preempt_delay does not work with state MASTER"))
        .hasSize(2);
    VrrpInstance b = only(KeepalivedParser.parse(F,
        instance(" state BACKUP\n priority 100\n nopreempt\n")));
    assertThat(b.preempt()).as("state BACKUP keeps nopreempt").isFalse();
  }

  @Test
  void theOwnerCannotBeNopreempt() {
    KeepalivedConfig c = KeepalivedParser.parse(F,
        instance(" state BACKUP\n priority 255\n nopreempt\n"));
    assertThat(only(c).preempt()).as("nopreempt cleared at 255").isTrue();
    assertThat(c.warnings()).as("said so").hasSize(1);
  }

  @Test
  void weightZeroMeansFault() {
    KeepalivedConfig c = KeepalivedParser.parse(F, "vrrp_script chk {\n script /bin/true\n}\n"
        + instance(" priority 255\n track_script {\n  chk\n }\n"));
    VrrpInstance i = only(c);
    assertThat(i.faulted(Set.of("chk"))).as("failing weight-0 script, even for the owner")
        .isTrue();
    assertThat(i.faulted(Set.of())).as("healthy").isFalse();
    assertThat(c.warnings()).as("no owner warning for weight 0").isEmpty();
  }

  @Test
  void effectivePriorityStaysWithinOneTo254() {
    KeepalivedConfig c = KeepalivedParser.parse(F, "vrrp_script up {\n script x\n weight 200\n}\n"
        + "vrrp_script down {\n script y\n weight -200\n}\n"
        + instance(" priority 100\n track_script {\n  up\n  down\n }\n"));
    VrrpInstance i = only(c);
    assertThat(i.effectivePriority(Set.of("down"))).as("100+200-200").isEqualTo(100);
    assertThat(i.effectivePriority(Set.of())).as("100+200 held at 254").isEqualTo(254);
    assertThat(i.effectivePriority(Set.of("up", "down"))).as("100-200 held at 1").isEqualTo(1);
  }

  @Test
  void unknownKeywordsAreWarningsAndKeywordsKeepalivedActsOnAreJavaRefusals() {
    KeepalivedConfig c = KeepalivedParser.parse(F, "static_ipaddress { }\n"
        + "global_defs {\n notification_email {\n  a@b\n }\n}\n"
        + instance(" smtp_alert\n no_such_keyword\n") + "virtual_server 10.0.0.1 80 {\n}\n");
    assertThat(c.warnings()).as("warnings").extracting(ConfigWarning::line)
        .containsExactly(3, 13, 14);
    assertThat(c.warnings().get(1).toString()).as("file:line: message, and why")
        .isEqualTo("test.conf:13: smtp_alert ignored: reporting or process settings, no effect"
            + " on VRRP");
    assertThat(c.warnings().get(2).toString()).as("not a keepalived keyword at all")
        .isEqualTo("test.conf:14: unknown vrrp_instance keyword, ignored: no_such_keyword");
    assertThat(c.javaRefusals())
        .as("static_ipaddress and virtual_server change what keepalived does")
        .extracting(JavaRefusal::line, JavaRefusal::keyword)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "static_ipaddress"),
            org.assertj.core.groups.Tuple.tuple(16, "virtual_server"));
    assertThat(c.javaRefusals().getFirst().toString()).as("what run --stack java prints")
        .startsWith("test.conf:1: the java agent does not implement static_ipaddress (")
        .endsWith("); run --stack reference");
  }

  @Test
  void unknownTrackScriptIsAWarning() {
    KeepalivedConfig c = KeepalivedParser.parse(F, instance(" track_script {\n  nope\n }\n"));
    assertThat(only(c).trackScripts()).as("dropped").isEmpty();
    assertThat(c.warnings()).as("warned at its line").singleElement()
        .satisfies(w -> assertThat(w.line()).isEqualTo(8));
  }

  @Test
  void longPasswordsAreTruncatedToEight() {
    KeepalivedConfig c = KeepalivedParser.parse(F,
        instance(" authentication {\n  auth_type PASS\n  auth_pass 0123456789\n }\n"));
    assertThat(only(c).password()).as("8 chars kept").isEqualTo("01234567");
    assertThat(c.warnings()).as("warned").hasSize(1);
  }

  record Bad(String name, String text, int line, String message) {}

  @Test
  void malformedInputFailsWithFileLineAndWhat() {
    List<Bad> cases = List.of(
        new Bad("unclosed block", "vrrp_instance VI_1 {\n interface eth0\n", 1, "never closed"),
        new Bad("stray brace", "global_defs {\n}\n}\n", 3, "without an open block"),
        new Bad("unterminated quote", "vrrp_script c {\n script \"/bin/x\n}\n", 2,
            "unterminated"),
        new Bad("priority out of range", instance(" priority 300\n"), 7, "priority must be 1..255"),
        new Bad("priority not a number", instance(" priority high\n"), 7, "must be an integer"),
        new Bad("advert_int not a number", instance(" advert_int fast\n"), 7, "seconds"),
        new Bad("missing vrid", "vrrp_instance X {\n interface eth0\n virtual_ipaddress {\n"
            + "  10.0.0.1\n }\n}\n", 1, "virtual_router_id is required"),
        new Bad("missing interface", "vrrp_instance X {\n virtual_router_id 1\n"
            + " virtual_ipaddress {\n  10.0.0.1\n }\n}\n", 1, "interface is required"),
        new Bad("bad VIP", "vrrp_instance X {\n interface e\n virtual_router_id 1\n"
            + " virtual_ipaddress {\n  10.0.0.300/24\n }\n}\n", 5, "not an IPv4 address"),
        new Bad("hostname VIP is not resolved", "vrrp_instance X {\n interface e\n"
            + " virtual_router_id 1\n virtual_ipaddress {\n  localhost\n }\n}\n", 5,
            "not an IPv4 address"),
        new Bad("bad prefix", "vrrp_instance X {\n interface e\n virtual_router_id 1\n"
            + " virtual_ipaddress {\n  10.0.0.3/33\n }\n}\n", 5, "0..32"),
        new Bad("AH auth", instance(" authentication {\n  auth_type AH\n }\n"), 7, "only PASS"),
        new Bad("bad state", instance(" state PRIMARY\n"), 7, "MASTER or BACKUP"),
        new Bad("script without script", "vrrp_script c {\n interval 2\n}\n", 1, "no script"),
        new Bad("weight out of range", "vrrp_script c {\n script x\n weight 300\n}\n", 3,
            "-253..253"),
        new Bad("duplicate instance", instance("") + instance(""), 8, "defined twice"),
        new Bad("bad peer", instance(" unicast_peer {\n  10.0.0\n }\n"), 8, "IPv4"));
    for (Bad b : cases) {
      assertThatThrownBy(() -> KeepalivedParser.parse(F, b.text())).as(b.name())
          .isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).as("%s: file", b.name()).isEqualTo(F);
            assertThat(e.line()).as("%s: line", b.name()).isEqualTo(b.line());
            assertThat(e.getMessage()).as("%s: message", b.name()).startsWith("test.conf:")
                .contains(b.message());
          });
    }
  }

  @Test
  void aMissingFileIsAConfigError() {
    assertThatThrownBy(() -> KeepalivedParser.parse(Path.of("/nonexistent/keepalived.conf")))
        .as("missing file").isInstanceOf(ConfigException.class).hasMessageContaining("no such");
  }
}
