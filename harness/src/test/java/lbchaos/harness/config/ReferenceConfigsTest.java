package lbchaos.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import org.junit.jupiter.api.Test;

/** The rendered configs say what the article's say, and both parsers read them back. */
class ReferenceConfigsTest {

  static final AddressPlan PLAN = new AddressPlan("10.213.7", 2, 2);

  @Test
  void keepalivedConfReadsBackWithTheArticlesSettings() {
    for (int lb = 0; lb < 2; lb++) {
      String text = ReferenceConfigs.keepalived(PLAN, 51, lb, LbSettings.ARTICLE);
      KeepalivedConfig c = KeepalivedParser.parse(Path.of("keepalived.conf"), text);
      var vi = c.instances().getFirst();
      assertThat(vi.vrid()).as("VRID").isEqualTo(51);
      assertThat(vi.priority()).as("priority of LB %d", lb + 1).isEqualTo(lb == 0 ? 255 : 254);
      assertThat(vi.advertInterval()).isEqualTo(Duration.ofSeconds(1));
      assertThat(vi.version()).as("keepalived 2.2.7's default").isEqualTo(2);
      assertThat(vi.virtualAddresses().getFirst().address().getHostAddress()).isEqualTo(PLAN.vip());
      assertThat(vi.trackScripts()).as("track_script").hasSize(1);
      assertThat(vi.trackScripts().getFirst().weight()).isEqualTo(-2);
      assertThat(text).as("notify scripts").contains("status_capture.sh MASTER\"",
          "status_capture.sh BACKUP\"", "status_capture.sh FAULT\"");
    }
  }

  @Test
  void aSyncGroupOfTwoInstancesReadsBackUnrefusedWithItsOwnVridAndVip() {
    LbSettings grouped = LbSettings.ARTICLE.withPriorities(254, 253).withCheck(0, 1, 2, 2)
        .withSyncGroup(LbSettings.SyncGroup.GROUPED);
    var c = KeepalivedParser.parse(Path.of("k.conf"),
        ReferenceConfigs.keepalived(PLAN, 255, 1, grouped));
    assertThat(c.javaRefusals()).as("the java agent runs it").isEmpty();
    assertThat(c.syncGroups()).singleElement()
        .satisfies(g -> assertThat(g.instances()).containsExactly("VI_1", "VI_2"));
    var second = c.instance("VI_2").orElseThrow();
    assertThat(second.vrid()).as("the next VRID, wrapping at 255").isEqualTo(1);
    assertThat(second.virtualAddresses().getFirst().address().getHostAddress())
        .isEqualTo(PLAN.vip2());
    assertThat(second.trackScripts()).as("only VI_1 tracks the check").isEmpty();
    assertThat(c.instance("VI_1").orElseThrow().trackScripts()).hasSize(1);
    assertThat(ReferenceConfigs.forLb(PLAN, 51, 0, grouped))
        .anyMatch(f -> f.path().equals(ReferenceConfigs.GROUP_NOTIFY_PATH));
    var separate = KeepalivedParser.parse(Path.of("k.conf"), ReferenceConfigs.keepalived(PLAN,
        51, 0, grouped.withSyncGroup(LbSettings.SyncGroup.SEPARATE)));
    assertThat(separate.instances()).hasSize(2);
    assertThat(separate.syncGroups()).as("the negative case: no group").isEmpty();
  }

  @Test
  void priority255WithAWeightIsReportedAsKeepalivedIgnoresIt() {
    String text = ReferenceConfigs.keepalived(PLAN, 51, 0, LbSettings.ARTICLE);
    assertThat(KeepalivedParser.parse(Path.of("k.conf"), text).warnings())
        .as("warning about the ignored weight at 255")
        .anySatisfy(w -> assertThat(w.message()).containsIgnoringCase("255"));
  }

  @Test
  void garpKeywordsAreWrittenWhenNotKeepalivedsDefaultAndReadBackUnrefused() {
    lbchaos.vrrp.state.Garp g = lbchaos.vrrp.state.Garp.DEFAULT
        .withMaster(Duration.ofSeconds(2), 3).withRefresh(Duration.ofSeconds(4), 2)
        .withLowerPrio(Duration.ofSeconds(5), 0).withHigherPrioSendAdvert(true);
    String text = ReferenceConfigs.keepalived(PLAN, 51, 0, LbSettings.ARTICLE.withGarp(g));
    assertThat(text).contains("  garp_master_delay 2\n", "  garp_master_repeat 3\n",
        "  garp_master_refresh 4\n", "  garp_master_refresh_repeat 2\n",
        "  garp_lower_prio_repeat 0\n", "  higher_prio_send_advert\n")
        .as("the default lower prio delay is not written").doesNotContain("garp_lower_prio_delay");
    var parsed = KeepalivedParser.parse(Path.of("k.conf"), text);
    assertThat(parsed.javaRefusals()).isEmpty();
    assertThat(parsed.instances().getFirst().garp()).isEqualTo(g);
    assertThat(ReferenceConfigs.keepalived(PLAN, 51, 0, LbSettings.ARTICLE))
        .as("the article's config is unchanged").doesNotContain("garp");
  }

  @Test
  void subSecondAdvertsUseVersion3WithoutAuthentication() {
    LbSettings fast = LbSettings.ARTICLE.withAdverts(3, Duration.ofMillis(100));
    String text = ReferenceConfigs.keepalived(PLAN, 51, 1, fast);
    assertThat(text).as("version 3 inside the instance").contains("  version 3\n")
        .contains("advert_int 0.1\n").doesNotContain("auth_type");
    var vi = KeepalivedParser.parse(Path.of("k.conf"), text).instances().getFirst();
    assertThat(vi.version()).isEqualTo(3);
    assertThat(vi.advertInterval()).isEqualTo(Duration.ofMillis(100));
    assertThatThrownBy(() -> LbSettings.ARTICLE.withAdverts(2, Duration.ofMillis(100)))
        .as("v2 cannot do sub-second adverts").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unicastNamesOwnAddressAsSourceAndEveryOtherLbAsPeer() {
    AddressPlan three = new AddressPlan("10.213.7", 3, 2);
    LbSettings uni = LbSettings.ARTICLE.withUnicast(true);
    for (int lb = 0; lb < 3; lb++) {
      String text = ReferenceConfigs.keepalived(three, 51, lb, uni);
      var vi = KeepalivedParser.parse(Path.of("k.conf"), text).instances().getFirst();
      assertThat(vi.unicastSrcIp().orElseThrow().getHostAddress()).as("unicast_src_ip of LB %d",
          lb + 1).isEqualTo(three.lbs().get(lb));
      final int self = lb;
      assertThat(vi.unicastPeers().stream().map(a -> a.getHostAddress()).toList())
          .as("unicast_peer of LB %d: every other LB", lb + 1)
          .containsExactlyElementsOf(three.lbs().stream()
              .filter(ip -> !ip.equals(three.lbs().get(self))).toList());
    }
    assertThat(ReferenceConfigs.keepalived(PLAN, 51, 0, LbSettings.ARTICLE))
        .as("the article's config is multicast").doesNotContain("unicast");
    assertThat(uni.withAdverts(3, Duration.ofMillis(100)).unicast())
        .as("withers keep unicast").isTrue();
  }

  @Test
  void haproxyCfgRoundRobinsOverEveryWebserverWithChecks() throws Exception {
    String text = ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE);
    var cfg = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), text);
    var be = cfg.backend("apiserver").orElseThrow();
    assertThat(be.servers()).extracting(s -> s.host() + ":" + s.port())
        .containsExactly("10.213.7.112:80", "10.213.7.197:80");
    assertThat(be.servers()).allSatisfy(s -> assertThat(s.check().enabled()).isTrue());
    assertThat(cfg.frontends().getFirst().binds().getFirst().host()).isEqualTo(PLAN.vip());
    assertThat(cfg.global().maxconn()).as("stated maxconn: room for the bench's 1,000 held"
        + " connections, each with its server side").isGreaterThanOrEqualTo(2_000);
  }

  @Test
  void accessLogOnlyWhenTheExtraAsksAndThenToStdout() throws Exception {
    var quiet = HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
        ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE));
    assertThat(quiet.frontends().getFirst().accessLog()).as("no log line: nothing logged")
        .isEmpty();
    String text = ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE.withHaproxyExtra(
        "log global"));
    assertThat(text).contains("global\n").contains("  " + ReferenceConfigs.GLOBAL_LOG + "\n");
    var cfg = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), text);
    assertThat(cfg.frontends().getFirst().accessLog()).as("the frontend's log global")
        .hasValueSatisfying(a -> {
          assertThat(a.format().text()).isEqualTo(lbchaos.proxy.log.LogFormat.TCPLOG);
          assertThat(a.targets()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(lbchaos.proxy.log.LogTarget.Kind.STDOUT);
            assertThat(t.format()).isEqualTo(lbchaos.proxy.log.LogTarget.Format.RAW);
          });
        });
    assertThat(cfg.warnings()).as("nothing ignored").isEmpty();
  }

  @Test
  void httpModeRendersHttpFrontendAndBackendWithForwardedFor() throws Exception {
    var cfg = HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
        ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE.withHttpMode(true)));
    var fe = cfg.frontends().getFirst();
    assertThat(fe.mode()).as("frontend mode").isEqualTo(lbchaos.proxy.config.Mode.HTTP);
    assertThat(fe.forwardFor()).as("X-Forwarded-For").isPresent();
    assertThat(cfg.backend("apiserver").orElseThrow().mode()).as("backend mode")
        .isEqualTo(lbchaos.proxy.config.Mode.HTTP);
    var tcp = HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
        ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE)).frontends().getFirst();
    assertThat(tcp.mode()).as("the article's mode").isEqualTo(lbchaos.proxy.config.Mode.TCP);
  }

  @Test
  void anExtraModeHttpMakesTheFrontendHttpToo() throws Exception {
    String text = ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE.withHaproxyExtra("mode http"));
    var cfg = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), text);
    assertThat(cfg.frontends().getFirst().mode()).as("frontend follows the backend's mode")
        .isEqualTo(lbchaos.proxy.config.Mode.HTTP);
    assertThat(cfg.backend("apiserver").orElseThrow().mode()).as("backend")
        .isEqualTo(lbchaos.proxy.config.Mode.HTTP);
    assertThat(text).as("no tcp proxy left").doesNotContain("frontend apiserver\n  bind "
        + PLAN.vip() + ":80\n  mode tcp");
  }

  @Test
  void anExtraBalanceOrServerLineReplacesTheRenderedOnesWithTheLabsAddresses() throws Exception {
    AddressPlan three = new AddressPlan("10.213.7", 2, 3);
    String text = ReferenceConfigs.haproxy(three, LbSettings.ARTICLE.withHaproxyExtra(
        "balance static-rr\n  server a ${webserver-1}:80 check weight 3\n"
            + "  server b ${webserver-3}:80 check weight 1"));
    var be = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), text).backend("apiserver")
        .orElseThrow();
    assertThat(be.balance()).as("the extra balance line, not roundrobin")
        .isEqualTo(lbchaos.proxy.config.Balance.STATIC_RR);
    assertThat(text).as("one balance line").doesNotContain("roundrobin");
    assertThat(be.servers()).as("only the extra's servers, at the lab's addresses")
        .extracting(s -> s.name() + "@" + s.host() + "/" + s.weight())
        .containsExactly("a@" + three.webservers().get(0) + "/3",
            "b@" + three.webservers().get(2) + "/1");
    assertThatThrownBy(() -> ReferenceConfigs.haproxy(PLAN,
        LbSettings.ARTICLE.withHaproxyExtra("server c ${webserver-3}:80")))
        .as("a webserver the topology lacks").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anExtraFrontendTimeoutGoesInDefaultsWhereTheFrontendReadsIt() throws Exception {
    String text = ReferenceConfigs.haproxy(PLAN, LbSettings.ARTICLE.withHttpMode(true)
        .withHaproxyExtra("option httpchk GET /\n  timeout http-request 3s"));
    var cfg = lbchaos.proxy.config.HaproxyConfigParser.parse(java.nio.file.Path.of("h.cfg"), text);
    assertThat(cfg.frontends().getFirst().timeouts().httpRequest()).as("the frontend's")
        .hasValue(java.time.Duration.ofSeconds(3));
    assertThat(text.substring(text.indexOf("backend "))).as("not in the backend")
        .doesNotContain("http-request").contains("option httpchk GET /");
  }

  @Test
  void theCheckScriptIsTheArticlesAgainstOurVip() {
    assertThat(ReferenceConfigs.checkScript(PLAN)).startsWith("#!/bin/sh")
        .contains("VIP=" + PLAN.vip()).contains("curl --silent --max-time 2");
  }

  @Test
  void httpsBindsSslWithTheRunsCertificateAndTheCheckScriptSpeaksTls(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    LbSettings s = LbSettings.ARTICLE.withHttps(true);
    String cfg = ReferenceConfigs.haproxy(PLAN, s);
    assertThat(cfg).contains("  bind " + PLAN.vip() + ":80 ssl crt " + ReferenceConfigs.CERT_PATH
        + " alpn http/1.1\n");
    var parsed = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), cfg);
    assertThat(parsed.javaRefusals()).as("the java stack runs it").isEmpty();
    assertThat(parsed.frontends().getFirst().binds().getFirst().tls()).isPresent();
    var files = ReferenceConfigs.forLb(PLAN, 51, 0, s);
    var cert = files.stream().filter(f -> f.path().equals(ReferenceConfigs.CERT_PATH))
        .findFirst().orElseThrow();
    // the agent's crt reader takes it: certificate and PKCS#8 key in one PEM
    Path pem = java.nio.file.Files.writeString(dir.resolve("lbchaos.pem"), cert.content());
    var bundle = lbchaos.proxy.tls.PemBundle.read(pem);
    assertThat(bundle.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=lbchaos.test");
    assertThat(files.stream().filter(f -> f.path().equals(ReferenceConfigs.CHECK_SCRIPT_PATH))
        .findFirst().orElseThrow().content()).contains("--insecure https://$VIP");
    assertThat(ReferenceConfigs.forLb(PLAN, 51, 0, LbSettings.ARTICLE)).as("plain: no cert")
        .noneMatch(f -> f.path().equals(ReferenceConfigs.CERT_PATH));
  }
}
