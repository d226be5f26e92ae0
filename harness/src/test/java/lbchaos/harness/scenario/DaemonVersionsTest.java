package lbchaos.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonVersionsTest {

  @Test
  void eachDaemonsFirstLineAndNothingForOneThatCannotSay() {
    assertThat(DaemonVersions.parse("""
        keepalived=Keepalived v2.2.8 (04/04,2023), git commit v2.2.7-154-g292b299e+
        haproxy=HAProxy version 2.6.12-1+deb12u2 2025/04/09 - https://haproxy.org/
        jre=
        """)).containsExactly(
        java.util.Map.entry("keepalived", "Keepalived v2.2.8 (04/04,2023), git commit"
            + " v2.2.7-154-g292b299e+"),
        java.util.Map.entry("haproxy", "HAProxy version 2.6.12-1+deb12u2 2025/04/09 -"
            + " https://haproxy.org/"));
  }
}
