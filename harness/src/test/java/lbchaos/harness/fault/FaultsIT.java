package lbchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.event.VrrpStateChange;
import lbchaos.verdict.Bound;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The faults no other test uses, each injected and healed on the reference stack with an effect
 * it must have: the wire, the daemons' own lines or the probe show it.
 */
@LbChaos(stack = Stack.REFERENCE)
class FaultsIT {

  static final LbSettings S = LbSettings.ARTICLE;
  static final Tolerance MACHINE = Tolerance.of(Duration.ofSeconds(2),
      "docker pause/connect/start/exec, daemon or JVM start and log delivery on a shared 2-core"
          + " machine");
  /** Time for a node's daemons (or agents) to start and answer. */
  static final Duration DAEMON_START = Duration.ofSeconds(10);
  static final Bound TAKEOVER = MACHINE.applyTo(
      Expectations.masterDownInterval(Timings.vrrp(S, 1)));

  /** The node's own egress chain (topology.Egress), which a fault's heal must leave alone. */
  static final String EGRESS_CHAIN = "lbchaos-egress";

  Session s;

  /** Every test starts from the healthy baseline: lb1 holds the VIP, which answers. */
  @BeforeEach
  void ready(Session session) {
    s = session;
    Takeovers.awaitBaseline(s, TAKEOVER.value().plus(DAEMON_START), DAEMON_START);
  }

  boolean seenSince(long from, Predicate<Event> p) {
    return Takeovers.seenSince(s, from, p);
  }

  static Predicate<Event> becomes(String node, VrrpStateChange.VrrpRole role) {
    return Takeovers.becomes(node, role);
  }

  void vipMovesToLb2While(Fault f) {
    Takeovers.vipMovesToLb2While(s, f, TAKEOVER.value(), TAKEOVER.value().plus(DAEMON_START));
  }

  @Test
  void pausingTheMasterMovesTheVipAndUnpausingBringsItBack() {
    vipMovesToLb2While(Faults.pause("loadbalancer-1"));
  }

  @Test
  void disconnectingTheMasterMovesTheVipAndReconnectingBringsItBack() {
    vipMovesToLb2While(Faults.disconnect("loadbalancer-1"));
    // Docker's reconnect gave lb1 its default route back; the heal took it away again.
    Node lb1 = s.lab().node("loadbalancer-1");
    assertThat(lb1.exec(Duration.ofSeconds(10), "ip", "-4", "route", "show", "default").stdout())
        .as("lb1's default route after the reconnect").isBlank();
    assertThat(lb1.netAdmin("iptables", "-w", "-S", "OUTPUT")).as("lb1's egress chain")
        .contains("-j " + EGRESS_CHAIN);
  }

  @Test
  void killingKeepalivedOnTheMasterMovesTheVipAfterMasterDown() {
    // SIGKILL sends no priority-0 advert: lb2 waits out the master down interval.
    vipMovesToLb2While(Faults.killKeepalived("loadbalancer-1"));
  }

  @Test
  void restartingTheMasterHandsOverAndPreemptsBack() {
    // The graceful stop sends priority 0 (lb2 takes over in skew time); after the start,
    // keepalived at priority 255 (address owner) is master at once and lb2 yields to its advert.
    long t0 = Events.nowMicros();
    s.nemesis().inject(Faults.restart("loadbalancer-1"));
    // The last two happen within a millisecond on two nodes whose lines are stamped as they are
    // read, so each is only ordered after the takeover.
    var lb2Master = becomes("loadbalancer-2", VrrpStateChange.VrrpRole.MASTER);
    Takeovers.awaitInOrder(s, t0, TAKEOVER.value().plus(DAEMON_START), lb2Master,
        becomes("loadbalancer-1", VrrpStateChange.VrrpRole.MASTER));
    Takeovers.awaitInOrder(s, t0, TAKEOVER.value().plus(DAEMON_START), lb2Master,
        becomes("loadbalancer-2", VrrpStateChange.VrrpRole.BACKUP));
  }

  @Test
  void blockingVrrpMakesBothMastersOnTheWire() {
    String lb1 = s.lab().node("loadbalancer-1").ip();
    String lb2 = s.lab().node("loadbalancer-2").ip();
    long t0 = Events.nowMicros();
    Fault f = Faults.blockVrrp();
    s.nemesis().inject(f);
    await("both LBs advertise (split brain)").atMost(TAKEOVER.value().plus(Duration.ofSeconds(1)))
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          var adverts = s.history().between(Events.nowMicros() - 1_500_000, Long.MAX_VALUE)
              .of(AdvertSeen.class);
          return adverts.stream().anyMatch(a -> a.from().equals(lb1))
              && adverts.stream().anyMatch(a -> a.from().equals(lb2) && a.priority() == 254);
        });
    assertThat(seenSince(t0, becomes("loadbalancer-2", VrrpStateChange.VrrpRole.MASTER)))
        .as("keepalived on lb2 reports MASTER").isTrue();
    long t1 = Events.nowMicros();
    s.nemesis().heal(f);
    await("lb2 yields once it hears lb1 again").atMost(TAKEOVER.value())
        .pollInterval(Duration.ofMillis(100))
        .until(() -> seenSince(t1, becomes("loadbalancer-2", VrrpStateChange.VrrpRole.BACKUP)));
  }

  @Test
  void netemDelayOnAWebserverShowsInTheProbesLatency() {
    Duration delay = Duration.ofMillis(300);
    s.startProbe(ProbeSpec.DEFAULT);
    long t0 = Events.nowMicros();
    Fault f = Faults.delay("webserver-1", delay, Duration.ZERO);
    try {
      s.nemesis().inject(f);
    } catch (NotRunnable e) {
      // Some kernels (this machine's 6.18 "-fc" one) have no sch_netem and no modules to load:
      // the fault says so, naming what is missing, and the test is skipped with that reason.
      assertThat(e.getMessage()).as("the reason").contains("netem", "sch_netem", "tc said");
      Assumptions.abort(e.getMessage());
    }
    await("10 answers from webserver-1 under netem").atMost(DAEMON_START)
        .pollInterval(Duration.ofMillis(100)).until(() -> fromWeb1Since(t0).size() >= 10);
    List<ProbeSample> slow = fromWeb1Since(t0);
    s.nemesis().heal(f);
    long t1 = Events.nowMicros();
    await("10 answers from webserver-1 after the heal").atMost(DAEMON_START)
        .pollInterval(Duration.ofMillis(100)).until(() -> fromWeb1Since(t1).size() >= 10);
    s.stopProbe();
    // The delay is on every packet webserver-1 sends: at least one of its SYN-ACK and answer.
    assertThat(median(slow)).as("median latency of webserver-1 under a %s delay", delay)
        .isGreaterThanOrEqualTo(delay);
    assertThat(median(fromWeb1Since(t1))).as("median latency after the heal")
        .isLessThan(delay);
  }

  List<ProbeSample> fromWeb1Since(long from) {
    return s.history().between(from, Long.MAX_VALUE).probes().stream()
        .filter(p -> p.ok() && "webserver-1".equals(p.backend())).toList();
  }

  static Duration median(List<ProbeSample> ps) {
    long[] l = ps.stream().mapToLong(p -> p.endAt() - p.at()).sorted().toArray();
    return Duration.ofNanos(l[l.length / 2] * 1000);
  }

  @Test
  void aNetworkFaultOnARestartedNodeHealsWithoutALeftoverHelper() {
    // webserver-1 holds no NET_ADMIN: its rule goes in from a helper container in its namespace
    Node web = s.lab().node("webserver-1");
    Fault drop = Faults.randomDrop(web.name(), 90);
    s.nemesis().inject(drop);
    assertThat(web.netAdmin("iptables", "-w", "-S", "OUTPUT")).as("webserver-1's OUTPUT chain")
        .contains("statistic").contains("-j " + EGRESS_CHAIN);
    // A crash and a start: a new namespace, where the rule is gone and the egress filter is back.
    web.kill("SIGKILL");
    web.startAgain();
    assertThat(web.netAdmin("iptables", "-w", "-S", "OUTPUT")).as("after the restart")
        .doesNotContain("statistic").contains("-j " + EGRESS_CHAIN);
    s.nemesis().heal(drop); // nothing to undo in the new namespace, and no error
    await("webserver-1 answers through the VIP again").atMost(DAEMON_START.multipliedBy(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> s.lab().curlVip(Duration.ofSeconds(2)).stdout().contains("webserver-1"));
    assertThat(Docker.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Docker.RUN_LABEL, s.lab().run().value())).exec())
        .as("containers of the run: its nodes, no helper left")
        .hasSize(s.lab().nodes().size())
        .allSatisfy(c -> assertThat(c.getLabels()).doesNotContainKey(Docker.LABEL + ".helper"));
  }

  @Test
  void aNetworkFaultReachesAPausedLbAndHealsAfterTheUnpause() {
    // A paused node cannot docker exec: the LB's rule goes in from a helper (as in a soak, where
    // a pause and a block can overlap).
    Node lb2 = s.lab().node("loadbalancer-2");
    Fault pause = Faults.pause(lb2.name());
    Fault block = Faults.blockBackends(lb2.name());
    s.nemesis().inject(pause);
    try {
      s.nemesis().inject(block);
      assertThat(lb2.netAdmin("iptables", "-w", "-S", "OUTPUT")).as("paused lb2's OUTPUT chain")
          .contains("-d " + s.lab().node("webserver-1").ip() + "/32 -j DROP");
    } finally {
      s.nemesis().heal(pause);
    }
    s.nemesis().heal(block);
    assertThat(lb2.netAdmin("iptables", "-w", "-S", "OUTPUT")).as("lb2's OUTPUT chain healed")
        .doesNotContain("-j DROP").contains("-j " + EGRESS_CHAIN);
  }

  @Test
  void cpuStarvationSlowsTheNodesWork() {
    long before = workMicros();
    Fault f = Faults.starveCpu("loadbalancer-2", 5);
    s.nemesis().inject(f);
    long starved = workMicros();
    s.nemesis().heal(f);
    long after = workMicros();
    // 5 % of one CPU: 20 times slower in theory; at least 4 times leaves room for a baseline
    // already slowed by the other load of this shared machine.
    assertThat(starved).as("µs of a shell loop at 5 %% of a CPU vs %d before", before)
        .isGreaterThan(before * 4);
    assertThat(after).as("µs after the heal vs %d starved", starved).isLessThan(starved / 2);
  }

  /** Wall time of a fixed shell loop, measured inside the node (no docker exec overhead). */
  long workMicros() {
    var r = s.lab().node("loadbalancer-2").exec(Duration.ofSeconds(60), "sh", "-c",
        "s=$(date +%s%N); i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done;"
            + " e=$(date +%s%N); echo $(((e-s)/1000))");
    assertThat(r.ok()).as("work ran: %s", r.stderr()).isTrue();
    return Long.parseLong(r.stdout().strip());
  }

  @Test
  void killingHaproxyOnTheMasterLeavesTheVipWithNothingBehindIt() {
    // The article's 255/254 config: keepalived ignores the check's weight at 255, so the VIP
    // stays on the LB whose proxy is gone and clients are refused until the heal.
    Takeovers.proxyGoneVipStays(s, Faults.killHaproxy("loadbalancer-1"), DAEMON_START,
        TAKEOVER.value().plus(DAEMON_START));
  }

  @Test
  void blockingTheMastersBackendsMarksThemDown() {
    Bound detect = MACHINE.applyTo(Expectations.backendDown(Timings.haproxy(S),
        CheckFailure.CONNECT_TIMEOUT));
    long t0 = Events.nowMicros();
    Fault f = Faults.blockBackends("loadbalancer-1");
    s.nemesis().inject(f);
    for (String server : List.of("backend-1", "backend-2")) {
      await(server + " DOWN on loadbalancer-1").atMost(detect.value())
          .pollInterval(Duration.ofMillis(200)).until(() -> seenSince(t0, e ->
              e instanceof ServerState st && st.source().equals("loadbalancer-1")
                  && st.server().equals(server) && !st.up()));
    }
    assertThat(seenSince(t0, e -> e instanceof ServerState st
        && st.source().equals("loadbalancer-2") && !st.up()))
        .as("loadbalancer-2 still reaches the backends").isFalse();
    long t1 = Events.nowMicros();
    s.nemesis().heal(f);
    Bound rejoin = MACHINE.applyTo(Expectations.backendRejoin(Timings.haproxy(S),
        CheckFailure.CONNECT_TIMEOUT));
    await("backends UP again on loadbalancer-1").atMost(rejoin.value())
        .pollInterval(Duration.ofMillis(200)).until(() -> seenSince(t1, e ->
            e instanceof ServerState st && st.source().equals("loadbalancer-1") && st.up()));
  }
}
