package lbchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetRuleTest {

  @Test
  void insertsAboveTheEgressChainAndNamesTheSameRuleToRemoveIt() {
    NetRule r = new NetRule("INPUT", "-p", "112", "-j", "DROP");
    assertThat(r.command("-I")).containsExactly("iptables", "-w", "-I", "INPUT", "-p", "112",
        "-j", "DROP");
    assertThat(r.command("-C")).containsExactly("iptables", "-w", "-C", "INPUT", "-p", "112",
        "-j", "DROP");
  }
}
