package com.example.lb;

import java.util.stream.Stream;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.junit.LbChaosTests;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Our LB pair, as lb/ configures it, loses a webserver without losing the service. */
@LbChaos(stack = Stack.REFERENCE,
    keepalived = {"lb/lb1.conf", "lb/lb2.conf"}, haproxy = "lb/haproxy.cfg")
class LoadBalancerIT {

  @TestFactory
  Stream<DynamicTest> aWebserverDownIsTakenOutOfRotationAndBack(LbChaosTests lbchaos) {
    return lbchaos.scenarios("backend-down");
  }
}
