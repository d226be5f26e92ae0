package lbchaos.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.event.ServerState;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

class ProxyWaitsTest {

  private static ServerState st(long at, String lb, String server, boolean up) {
    return new ServerState(at, lb, "apiserver", server, up, "Layer4 check passed", 0);
  }

  @Test
  void countsEachProxyOnceAfterTheOriginForTheRightServerAndState() {
    History h = History.of(
        st(5, "loadbalancer-2", "backend-1", true),    // before the origin
        st(20, "loadbalancer-1", "backend-1", false),  // the other state
        st(30, "loadbalancer-2", "backend-2", true),   // another server
        st(40, "loadbalancer-1", "backend-1", true),
        st(41, "loadbalancer-1", "backend-1", true));  // haproxy-style duplicate line
    assertThat(ProxyWaits.reporting(h, "backend-1", true, 10))
        .as("only loadbalancer-1 marked backend-1 UP after t=10").containsExactly("loadbalancer-1");
    assertThat(ProxyWaits.reporting(h, "apiserver/backend-1", true, 0))
        .as("backend/server names match too, and earlier events count from t=0")
        .containsExactly("loadbalancer-1", "loadbalancer-2");
  }
}
