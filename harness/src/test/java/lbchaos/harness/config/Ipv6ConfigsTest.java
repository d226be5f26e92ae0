package lbchaos.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import lbchaos.event.Events;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import org.junit.jupiter.api.Test;

/**
 * The configs of an IPv6 run (LbSettings#withIpv6): one IPv6-only vrrp_instance, VRRPv3, no
 * authentication, the VIP with the network's /64; haproxy binds the IPv6 VIP; the check script
 * asks it in brackets. Both parsers read them back, and the java stack refuses nothing.
 */
class Ipv6ConfigsTest {

  static final AddressPlan PLAN = AddressPlan.dualStack("10.213.7", 2, 2);
  static final LbSettings IPV6 = LbSettings.ARTICLE.withAdverts(3, Duration.ofSeconds(1))
      .withIpv6(LbSettings.Ipv6.ON);

  @Test
  void keepalivedRunsOneIpv6InstanceOverVrrpv3() {
    for (int lb = 0; lb < 2; lb++) {
      String text = ReferenceConfigs.keepalived(PLAN, 51, lb, IPV6);
      assertThat(text).contains("    fd00:213:7::211/64\n", "  version 3\n")
          .doesNotContain("authentication");
      KeepalivedConfig c = KeepalivedParser.parse(Path.of("keepalived.conf"), text);
      assertThat(c.instances()).singleElement().satisfies(i -> {
        assertThat(i.ipv6()).as("an IPv6 instance").isTrue();
        assertThat(i.version()).isEqualTo(3);
        assertThat(Events.address(i.virtualAddresses().getFirst().address()))
            .isEqualTo(PLAN.vip());
      });
      assertThat(c.javaRefusals()).as("the java agent runs it").isEmpty();
    }
  }

  @Test
  void haproxyBindsTheIpv6VipAndTheCheckAsksItInBrackets() {
    String text = ReferenceConfigs.haproxy(PLAN, IPV6);
    assertThat(text).contains("  bind fd00:213:7::211:80\n");
    var cfg = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), text);
    assertThat(InetAddress.ofLiteral(cfg.frontends().getFirst().binds().getFirst().host()))
        .isEqualTo(InetAddress.ofLiteral(PLAN.vip()));
    assertThat(ReferenceConfigs.checkScript(PLAN)).contains("VIP=fd00:213:7::211\n",
        "curl --silent --globoff --max-time 2 [$VIP]:$LB_BINDED_PORT/");
    assertThat(ReferenceConfigs.checkScript(new AddressPlan("10.213.7", 2, 2)))
        .as("the article's line unchanged on IPv4")
        .contains("curl --silent --max-time 2 $VIP:$LB_BINDED_PORT/");
  }

  @Test
  void theNegativeCaseKeepsTheBackupOnTheIpv4Vip() {
    LbSettings neg = IPV6.withIpv6(LbSettings.Ipv6.FIRST_LB_ONLY);
    assertThat(ReferenceConfigs.keepalived(PLAN, 51, 0, neg)).contains("    fd00:213:7::211/64\n");
    String backup = ReferenceConfigs.keepalived(PLAN, 51, 1, neg);
    assertThat(backup).as("the backup's instance is IPv4").contains("    10.213.7.211/24\n")
        .doesNotContain("fd00:");
    assertThat(KeepalivedParser.parse(Path.of("keepalived.conf"), backup).instances())
        .singleElement().satisfies(i -> assertThat(i.ipv6()).isFalse());
  }

  @Test
  void anIpv6RunIsVrrpv3Multicast() {
    assertThatThrownBy(() -> LbSettings.ARTICLE.withIpv6(LbSettings.Ipv6.ON))
        .as("VRRPv2 over IPv6 is no RFC's").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IPV6.withUnicast(true)).isInstanceOf(IllegalArgumentException.class);
  }
}
