package lbchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy agent's runtime API against haproxy 2.6's, on the mixed stack, where both LBs run
 * the same haproxy.cfg: loadbalancer-1 haproxy, loadbalancer-2 the agent. The same commands
 * go to both sockets; the answers (errors, empty lines, server states, stats statuses) must be
 * the same, field by field where a field is the proxy's own (ids, times and check durations
 * are the process's).
 */
@LbChaos(stack = Stack.MIXED)
class RuntimeApiComparisonIT {

  static final String HAPROXY = "loadbalancer-1";
  static final String AGENT = "loadbalancer-2";
  static final String B1 = "apiserver/backend-1";
  static final String B2 = "apiserver/backend-2";

  Session s;

  @BeforeEach
  void ready(Session session) {
    s = session;
    // both proxies up, with every server checked UP at full health (the states compared)
    await("both sockets answering, every server UP").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
            statuses(HAPROXY).values().stream().allMatch("UP"::equals)
                && statuses(AGENT).values().stream().allMatch("UP"::equals)
                && statuses(AGENT).size() == 2);
  }

  String on(String lb, String command) {
    return ServerAdmin.command(s.lab(), lb, command);
  }

  /** The same command on both; returns haproxy's answer after asserting the agent's equal. */
  String same(String command) {
    String h = on(HAPROXY, command);
    assertThat(on(AGENT, command)).as(command).isEqualTo(h);
    return h;
  }

  /** svname -> status of the backend's servers in "show stat". */
  Map<String, String> statuses(String lb) {
    return csvRows(lb).stream().collect(Collectors.toMap(f -> f[1], f -> f[17]));
  }

  List<String[]> csvRows(String lb) {
    return on(lb, "show stat").lines().filter(l -> l.startsWith("apiserver,backend-"))
        .map(l -> l.split(",", -1)).toList();
  }

  /**
   * srv_name -> the fields of "show servers state" that are the server's, not the process's:
   * be_name, srv_id, srv_name, srv_addr, op_state, admin_state, uweight, iweight,
   * check_status, check_result, check_health, check_state, srv_port.
   */
  Map<String, List<String>> serverStates(String lb) {
    String a = on(lb, "show servers state apiserver");
    return a.lines().skip(2).filter(l -> !l.isBlank()).map(l -> l.split(" "))
        .collect(Collectors.toMap(f -> f[3], f -> Arrays.asList(f[1], f[2], f[3], f[4], f[5],
            f[6], f[7], f[8], f[10], f[11], f[12], f[13], f[18])));
  }

  /**
   * Both agree within two check intervals (inter 2s) plus slack: a check in progress shows in
   * haproxy's check_state for a moment, and leaving maint puts the health at rise until the
   * immediate check, whose timing differs by a few milliseconds between the two.
   */
  void compareStates(String when) {
    await(when).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(300))
        .untilAsserted(() -> compareNow(when));
  }

  void compareNow(String when) {
    assertThat(serverStates(AGENT)).as("show servers state, " + when)
        .isEqualTo(serverStates(HAPROXY));
    assertThat(statuses(AGENT)).as("show stat status, " + when).isEqualTo(statuses(HAPROXY));
    Function<String, Map<String, String>> weights = lb -> csvRows(lb).stream()
        .collect(Collectors.toMap(f -> f[1], f -> f[18]));
    assertThat(weights.apply(AGENT)).as("show stat weight, " + when)
        .isEqualTo(weights.apply(HAPROXY));
  }

  @Test
  void errorsAndAnswersAreHaproxys() {
    for (String c : List.of("set server apiserver/nope state drain",
        "set server nope/backend-1 state drain", "set server backend-1 state drain",
        "set server " + B1 + " state up", "set server " + B1 + " weight 257",
        "set server " + B1 + " weight", "set server " + B1 + " weight -1%",
        "set server " + B1 + " frobnicate", "get weight " + B1, "get weight apiserver/nope",
        "show servers state nope", "disable server nope/x")) {
      same(c);
    }
    assertThat(on(AGENT, "frobnicate").lines().findFirst())
        .as("unknown command: haproxy's first line").isEqualTo(on(HAPROXY, "frobnicate")
            .lines().findFirst());
    String header = on(AGENT, "show stat").lines().findFirst().orElseThrow();
    assertThat(on(HAPROXY, "show stat").lines().findFirst().orElseThrow())
        .as("the agent's CSV columns are haproxy's first ones").startsWith(header);
    assertThat(on(AGENT, "show servers state").lines().limit(2).toList())
        .as("the version 1 header").isEqualTo(on(HAPROXY, "show servers state").lines()
            .limit(2).toList());
    List<String> infoFields = on(HAPROXY, "show info").lines().map(l -> l.split(":")[0])
        .toList();
    assertThat(on(AGENT, "show info").lines().filter(l -> !l.isBlank())
        .map(l -> l.split(":")[0]).toList()).as("show info field names are haproxy's")
        .isSubsetOf(infoFields);
  }

  @Test
  void statesAgreeThroughDrainWeightMaintAndReady() {
    compareStates("at start");
    try {
      same("set server " + B1 + " state drain");
      compareStates("backend-1 drained");
      same("set server " + B2 + " weight 0");
      same("get weight " + B2);
      compareStates("backend-2 at weight 0");
      same("set server " + B2 + " weight 100%");
      same("disable server " + B2);
      compareStates("backend-2 in maintenance");
      same("set server " + B1 + " state ready");
      same("enable server " + B2);
      compareStates("both ready again");
    } finally {
      for (String lb : List.of(HAPROXY, AGENT)) {
        on(lb, "set server " + B1 + " state ready");
        on(lb, "set server " + B2 + " state ready");
        on(lb, "set server " + B2 + " weight 100%");
      }
    }
  }
}
