package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dual-stack test network (master-down-ipv6): each /24 has its own IPv6 /64, nodes sit at
 * their IPv4 last octet in it, the VIP is the IPv6 one, written as ip(8) prints it; the egress
 * filter closes IPv6 too.
 */
class DualStackPlanTest {

  final AddressPlan plan = AddressPlan.dualStack("10.213.7", 2, 2);

  @Test
  void theVipIsIpv6AtTheArticlesOctet() {
    assertThat(plan.subnet6()).isEqualTo("fd00:213:7::/64");
    assertThat(plan.gateway6()).isEqualTo("fd00:213:7::1");
    assertThat(plan.vip()).as("the service's VIP").isEqualTo("fd00:213:7::211");
    assertThat(plan.ipv6Of(plan.lbs().get(1))).isEqualTo("fd00:213:7::97");
    assertThat(plan.vipHostPort()).as("as a client names it").isEqualTo("[fd00:213:7::211]:80");
    assertThat(plan.vipPrefixLength()).isEqualTo(64);
    assertThat(plan.subnet()).as("the IPv4 side stays").isEqualTo("10.213.7.0/24");
  }

  @Test
  void addressesAreInRfc5952FormAsIpPrintsThem() {
    AddressPlan zero = AddressPlan.dualStack("10.213.0", 2, 2);
    assertThat(zero.vip()).as("the zero group joins the ::").isEqualTo("fd00:213::211");
  }

  @Test
  void anIpv4PlanIsUnchanged() {
    AddressPlan v4 = new AddressPlan("10.213.7", 2, 2);
    assertThat(v4.vip()).isEqualTo("10.213.7.211");
    assertThat(v4.vipHostPort()).isEqualTo("10.213.7.211:80");
  }

  @Test
  void theEgressFilterClosesIpv6AndRemovesItsDefaultRouteBeforeTheSign() {
    Egress e = new Egress("10.213.7.0/24", "10.213.7.1", plan.subnet6(), plan.gateway6());
    List<String> reject = List.of("-j", "REJECT", "--reject-with", "icmp6-adm-prohibited");
    assertThat(e.rules6()).containsExactly(
        List.of("-o", "lo", "-j", "ACCEPT"),
        List.of("-d", "fd00:213:7::1/128", "-j", "REJECT", "--reject-with",
            "icmp6-adm-prohibited"),
        List.of("-d", "fd00:213:7::/64", "-j", "ACCEPT"),
        List.of("-d", "fe80::/10", "-j", "ACCEPT"),
        List.of("-d", "ff00::/8", "-j", "ACCEPT"),
        reject);
    List<String> lines = e.script().lines().toList();
    assertThat(lines).contains("ip6tables -w -C OUTPUT -j lbchaos-egress 2>/dev/null"
        + " || ip6tables -w -A OUTPUT -j lbchaos-egress");
    assertThat(lines.get(lines.size() - 2)).as("IPv6's default route goes before the sign")
        .contains("ip -6 route del default");
    assertThat(lines.getLast()).contains("ip -4 route del default");
    assertThat(new Egress("10.213.7.0/24", "10.213.7.1").rules6()).as("IPv4 only").isEmpty();
    assertThatThrownBy(() -> new Egress("10.213.7.0/24", "10.213.7.1", "fd00::/64; reboot",
        "fd00::1")).isInstanceOf(IllegalArgumentException.class);
  }
}
