package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EgressTest {

  final Egress egress = new Egress("10.213.7.0/24", "10.213.7.1");

  @Test
  void loopbackTheSubnetAndMulticastPassTheGatewayAndTheRestAreRejected() {
    List<String> reject = List.of("-j", "REJECT", "--reject-with", "icmp-admin-prohibited");
    assertThat(egress.rules()).containsExactly(
        List.of("-o", "lo", "-j", "ACCEPT"),
        List.of("-d", "10.213.7.1/32", "-j", "REJECT", "--reject-with", "icmp-admin-prohibited"),
        List.of("-d", "10.213.7.0/24", "-j", "ACCEPT"),
        List.of("-d", "224.0.0.0/4", "-j", "ACCEPT"),
        reject);
  }

  @Test
  void theScriptFillsTheChainJumpsToItAndRemovesTheDefaultRouteLast() {
    List<String> lines = egress.script().lines().toList();
    assertThat(lines.getFirst()).isEqualTo("set -e");
    assertThat(lines).contains(
        "iptables -w -L lbchaos-egress -n >/dev/null 2>&1 || iptables -w -N lbchaos-egress",
        "iptables -w -C lbchaos-egress -d 10.213.7.0/24 -j ACCEPT 2>/dev/null"
            + " || iptables -w -A lbchaos-egress -d 10.213.7.0/24 -j ACCEPT",
        "iptables -w -C OUTPUT -j lbchaos-egress 2>/dev/null"
            + " || iptables -w -A OUTPUT -j lbchaos-egress");
    // the node's `isolated` wrapper starts the daemons once the default route is gone: the
    // filter must be complete by then
    assertThat(lines.getLast()).as("the sign the wrapper waits for comes last")
        .startsWith("while ip -4 route show default").contains("ip -4 route del default");
    assertThat(lines.indexOf("iptables -w -C OUTPUT -j lbchaos-egress 2>/dev/null"
        + " || iptables -w -A OUTPUT -j lbchaos-egress")).isEqualTo(lines.size() - 2);
  }

  @Test
  void aUsersSubnetKeepsItsOwnGateway() {
    assertThat(new Egress("192.168.122.0/24", "192.168.122.254").rules().get(1))
        .startsWith("-d", "192.168.122.254/32");
  }

  @Test
  void refusesWhatIsNotAnAddress() {
    assertThatThrownBy(() -> new Egress("10.213.7.0", "10.213.7.1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Egress("10.213.7.0/24", "gw; reboot"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
