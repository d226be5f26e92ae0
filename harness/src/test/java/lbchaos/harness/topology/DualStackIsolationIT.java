package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.scenario.Session;
import org.junit.jupiter.api.Test;

/**
 * The dual-stack test network (master-down-ipv6's) is as closed over IPv6 as over IPv4: every
 * node reaches a peer's IPv6 address and neither the host at the bridge's IPv6 address nor an
 * address beyond the subnet (2001:db8::1, RFC 3849 documentation space); with the client's
 * ip6tables chain unhooked it does reach the host (the control: the failures are the filter's).
 */
@LbChaos(stack = Stack.JAVA, settings = "IPV6")
class DualStackIsolationIT {

  static final LbSettings IPV6 = LbSettings.ARTICLE.withAdverts(3, Duration.ofSeconds(1))
      .withIpv6(LbSettings.Ipv6.ON);
  static final String DOC_NET = "2001:db8::1";

  @Test
  void noContainerReachesBeyondTheTestNetworkOverIpv6(Session s) throws Exception {
    LabNetwork net = s.lab().node("webserver-1").network();
    assertThat(net.ipv6()).as("a dual-stack network").isTrue();
    String web1 = net.ipv6Of(s.lab().node("webserver-1").ip());
    String gateway6 = net.egress().gateway6();
    try (ServerSocket host = new ServerSocket()) {
      host.bind(new InetSocketAddress("::", 0));
      int port = host.getLocalPort();
      for (Node n : s.lab().nodes()) {
        assertThat(EgressChecks.connect(n, web1, 80).ok()).as("%s reaches [%s]:80", n.name(),
            web1).isTrue();
        assertThat(EgressChecks.connect(n, DOC_NET, 80).ok()).as("%s to %s", n.name(), DOC_NET)
            .isFalse();
        assertThat(EgressChecks.connect(n, gateway6, port).ok())
            .as("%s to the host at [%s]:%d", n.name(), gateway6, port).isFalse();
      }
      Node client = s.lab().client();
      client.netAdmin("ip6tables", "-w", "-D", "OUTPUT", "-j", Egress.CHAIN);
      try {
        assertThat(EgressChecks.connect(client, gateway6, port).ok())
            .as("the client reaches the host at [%s]:%d without its chain", gateway6, port)
            .isTrue();
      } finally {
        client.isolate();
      }
      assertThat(EgressChecks.connect(client, gateway6, port).ok()).as("confined again")
          .isFalse();
    }
  }
}
