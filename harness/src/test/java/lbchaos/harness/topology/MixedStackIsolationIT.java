package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Events;
import lbchaos.event.VrrpStateChange;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.scenario.Timings;
import org.junit.jupiter.api.Test;

/**
 * Both implementations behind the egress filters: keepalived on loadbalancer-1 and our VRRP
 * agent on loadbalancer-2 hear each other's multicast adverts and agree on one master (were the
 * adverts filtered, the backup would take over after its master down interval: split brain), and
 * no container of the topology, the java LB included, reaches beyond the test network.
 */
@LbChaos(stack = Stack.MIXED)
class MixedStackIsolationIT {

  static final Duration MASTER_DOWN = Expectations.masterDownInterval(
      Timings.vrrp(LbSettings.ARTICLE, 1)).value();
  /** Daemons and agents starting on a shared 2-core machine. */
  static final Duration START = Duration.ofSeconds(15);

  @Test
  void keepalivedAndTheVrrpAgentAgreeOnOneMaster(Session s) {
    await("loadbalancer-1 holds the VIP").atMost(START.plus(MASTER_DOWN))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> s.lab().vipHolders().equals(List.of("loadbalancer-1")));
    String lb1 = s.lab().node("loadbalancer-1").ip();
    String lb2 = s.lab().node("loadbalancer-2").ip();
    long t0 = Events.nowMicros();
    await().during(MASTER_DOWN.multipliedBy(2)).atMost(MASTER_DOWN.multipliedBy(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> s.lab().vipHolders().equals(List.of("loadbalancer-1")));
    var window = s.history().between(t0, Long.MAX_VALUE);
    assertThat(window.of(AdvertSeen.class)).as("adverts on the wire over %s",
        MASTER_DOWN.multipliedBy(2))
        .anyMatch(a -> a.from().equals(lb1))
        .noneMatch(a -> a.from().equals(lb2));
    assertThat(window.events()).as("the VRRP agent on loadbalancer-2 stayed BACKUP")
        .noneMatch(e -> e instanceof VrrpStateChange v && v.source().equals("loadbalancer-2")
            && v.to() == VrrpStateChange.VrrpRole.MASTER);
  }

  @Test
  void noContainerReachesBeyondTheTestNetwork(Session s) throws Exception {
    String web1 = s.lab().node("webserver-1").ip();
    try (EgressChecks checks = new EgressChecks()) {
      for (Node n : s.lab().nodes()) {
        checks.assertConfined(n, web1, 80);
      }
    }
  }
}
