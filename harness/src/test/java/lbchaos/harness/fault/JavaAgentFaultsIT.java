package lbchaos.harness.fault;

import java.time.Duration;
import lbchaos.verdict.Bound;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Killing one of our agents while its node stays up, on the java stack: the same outcomes as
 * killing keepalived or haproxy alone on the reference stack (FaultsIT).
 */
@LbChaos(stack = Stack.JAVA)
class JavaAgentFaultsIT {

  /** The article's settings and tolerance, as FaultsIT. */
  static final Bound TAKEOVER = FaultsIT.TAKEOVER;
  static final Duration AGENT_START = FaultsIT.DAEMON_START;

  Session s;

  @BeforeEach
  void ready(Session session) {
    s = session;
    Takeovers.awaitBaseline(s, TAKEOVER.value().plus(AGENT_START), AGENT_START);
  }

  @Test
  void killingTheVrrpAgentOnTheMasterMovesTheVipAfterMasterDown() {
    // SIGKILL: no priority-0 advert, so lb2 waits out the master down interval.
    Takeovers.vipMovesToLb2While(s, Faults.killAgent("loadbalancer-1", "vrrp"),
        TAKEOVER.value(), TAKEOVER.value().plus(AGENT_START));
  }

  @Test
  void killingTheProxyAgentOnTheMasterLeavesTheVipWithNothingBehindIt() {
    Takeovers.proxyGoneVipStays(s, Faults.killAgent("loadbalancer-1", "proxy"), AGENT_START,
        TAKEOVER.value().plus(AGENT_START));
  }
}
