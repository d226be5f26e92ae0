package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Synth.adverts;
import static lbchaos.harness.check.Synth.bound;
import static lbchaos.harness.check.Synth.fail;
import static lbchaos.harness.check.Synth.heal;
import static lbchaos.harness.check.Synth.inject;
import static lbchaos.harness.check.Synth.ok;
import static lbchaos.harness.check.Synth.probes;
import static lbchaos.harness.check.Synth.server;
import static lbchaos.harness.check.Synth.us;
import static lbchaos.harness.check.Synth.vip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.event.Event;
import lbchaos.event.ProbeSample;
import lbchaos.harness.history.History;
import lbchaos.harness.history.Wire;
import org.junit.jupiter.api.Test;

public class ChecksTest {

  static final Bound OUTAGE = bound(3.504, "3 x 1 s advert + 0.004 s skew");

  public static History masterKill(double recoverAt) {
    List<Event> all = new ArrayList<>(probes(0, 10, 2.0, recoverAt, "webserver-1",
        "webserver-2"));
    all.add(inject(2.01, "kill", "loadbalancer-1"));
    return History.of(all);
  }

  @Test
  void clientOutagePassesWithinBoundWithFigures() {
    Verdict v = Checks.clientOutage("kill", OUTAGE).check(masterKill(4.2));
    assertThat(v.passed()).as("2.2 s outage within 3.5 s: %s", v).isTrue();
    assertThat(v.figure("outage_s")).as("last success 1.95 to first 4.20")
        .isCloseTo(2.25, within(1e-9));
    assertThat(v.figure("failed_requests")).as("probes 2.00..4.15").isEqualTo(44);
    assertThat(v.sentence()).as("sentence").contains("client-visible outage 2.25 s")
        .contains("bound 3.50 s (3 x 1 s advert + 0.004 s skew)");
  }

  @Test
  void clientOutageFailsBeyondBoundWithoutRecoveryOrBaseline() {
    assertThat(Checks.clientOutage(OUTAGE).check(masterKill(6.0)).passed())
        .as("4.05 s outage beyond 3.5 s").isFalse();
    Verdict never = Checks.clientOutage(OUTAGE).check(masterKill(11));
    assertThat(never.passed()).as("no recovery").isFalse();
    assertThat(never.figure("recovered")).as("recovered flag").isZero();
    History noBaseline = History.of(inject(0.5, "kill", "lb"), ok(1, "w1"));
    assertThat(Checks.clientOutage(OUTAGE).check(noBaseline).sentence())
        .as("baseline missing").contains("no successful probe before");
    assertThat(Checks.clientOutage("pause", OUTAGE).check(masterKill(4)).passed())
        .as("no such fault").isFalse();
  }

  @Test
  void failedRequestsCountsAndFails() {
    History h = History.of(ok(0, "a"), fail(1, ProbeSample.ErrorKind.TIMEOUT),
        fail(2, ProbeSample.ErrorKind.REFUSED), fail(3, ProbeSample.ErrorKind.REFUSED));
    Verdict pass = Checks.failedRequests(3).check(h);
    assertThat(pass.passed()).as("3 <= 3").isTrue();
    assertThat(pass.sentence()).as("kinds").contains("2 refused").contains("1 timeout");
    assertThat(Checks.failedRequests(2).check(h).passed()).as("3 > 2").isFalse();
    assertThatThrownBy(() -> Checks.failedRequests(-1)).as("negative max")
        .isInstanceOf(IllegalArgumentException.class);
  }

  static ProbeSample okDuring(double at, double end, String backend) {
    return new ProbeSample(us(at), "client", us(end), backend, null);
  }

  @Test
  void roundRobinLetsRequestsInFlightTogetherTakeTheirTurnsInAnyOrder() {
    // As measured on the reference stack: after a 0.36 s stall the probe had two requests in
    // flight at once; the second reached haproxy first.
    History burst = History.of(okDuring(0, 0.394, "w1"), okDuring(0.000006, 0.277, "w2"),
        okDuring(0.400, 0.402, "w2"), okDuring(0.410, 0.412, "w1"), okDuring(0.45, 0.46, "w2"));
    assertThat(Checks.roundRobin().check(burst).passed())
        .as("w1|w2 overlapping, then w2 w1 w2: the overlap was w2 w1 at the proxy").isTrue();
    History same = History.of(okDuring(0, 0.3, "w1"), okDuring(0.1, 0.2, "w1"),
        okDuring(0.4, 0.41, "w2"), okDuring(0.5, 0.51, "w1"));
    Verdict v = Checks.roundRobin().check(same);
    assertThat(v.passed()).as("two overlapping answers from w1 cannot be two turns").isFalse();
    assertThat(v.figure("violations")).as("one bad run").isEqualTo(1);
  }

  @Test
  void servedOnlyByFailsOnOneForeignAnswerAndIsUnknownWithoutAnswers() {
    Checker only = Checks.servedOnlyBy("w1", "w1 is an active server and UP");
    assertThat(only.check(History.of(ok(0, "w1"), fail(1, ProbeSample.ErrorKind.TIMEOUT),
        ok(2, "w1"))).passed()).as("failures are not answers from others").isTrue();
    Verdict v = only.check(History.of(ok(0, "w1"), ok(1, "w2"), ok(2, "w1")));
    assertThat(v.passed()).as("the backup answered once").isFalse();
    assertThat(v.figure("answers_from_others")).isEqualTo(1);
    assertThat(v.sentence()).contains("1 from others than w1 {w2=1}");
    assertThat(only.check(History.of(fail(0, ProbeSample.ErrorKind.TIMEOUT))).outcome())
        .as("no answer: unknown").isEqualTo(lbchaos.verdict.Outcome.UNKNOWN);
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsUnknownNotAnError() {
    Verdict v = Checks.servedOnlyBy("w1", "why").within(us(2), us(1))
        .check(History.of(ok(0, "w1"), ok(1, "w2")));
    assertThat(v.outcome()).as("%s", v).isEqualTo(lbchaos.verdict.Outcome.UNKNOWN);
    assertThat(v.name()).isEqualTo("served-only-by");
    assertThat(v.sentence()).contains("window ends before it starts");
  }

  @Test
  void roundRobinStrictAlternation() {
    History good = History.of(probes(0, 2, 9, 9, "w1", "w2", "w3"));
    assertThat(Checks.roundRobin().check(good).passed()).as("w1 w2 w3 w1 ...").isTrue();
    History bad = History.of(ok(0, "w1"), ok(1, "w2"), ok(2, "w2"), ok(3, "w1"));
    Verdict v = Checks.roundRobin().check(bad);
    assertThat(v.passed()).as("w2 twice in a row").isFalse();
    assertThat(v.figure("violations")).as("one break: w2 is not the successor of w2").isEqualTo(1);
    assertThat(Checks.roundRobin(Long.MIN_VALUE, Long.MAX_VALUE, 1).check(bad).passed())
        .as("one turn taken by another client explains one break").isTrue();
    History twoBreaks = History.of(ok(0, "w1"), ok(1, "w1"), ok(2, "w2"), ok(3, "w2"));
    assertThat(Checks.roundRobin(Long.MIN_VALUE, Long.MAX_VALUE, 1).check(twoBreaks).passed())
        .as("two breaks, one foreign turn").isFalse();
    History overlapping = History.of(
        new ProbeSample(us(0), "client", us(0.5), "w1", null),
        new ProbeSample(us(1), "client", us(1.8), "w1", null), // in flight with the next one
        new ProbeSample(us(1.2), "client", us(1.5), "w2", null),
        new ProbeSample(us(3), "client", us(3.1), "w2", null));
    Verdict amb = Checks.roundRobin().check(overlapping);
    assertThat(amb.passed()).as("a swap between requests in flight together is no break").isTrue();
    assertThat(Checks.roundRobin().check(History.of(ok(0, "w1"), ok(1, "w1"))).passed())
        .as("one backend only").isFalse();
    assertThat(Checks.roundRobinFrom(us(2)).check(bad).passed())
        .as("from t=2 the answers are w2 w1 again").isTrue();
    assertThat(Checks.roundRobin(0, us(1.5)).check(bad).passed()).as("window [0,1.5)").isTrue();
  }

  @Test
  void weightedSharesWithinBinomialTolerance() {
    List<Event> probes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      probes.add(ok(i, i % 3 == 2 ? "w2" : "w1"));
    }
    Map<String, Integer> w = new LinkedHashMap<>();
    w.put("w1", 2);
    w.put("w2", 1);
    Verdict v = Checks.weightedShares(w, 0.999).check(History.of(probes));
    assertThat(v.passed()).as("200/100 for 2:1: %s", v).isTrue();
    assertThat(v.figure("z")).as("z for 99.9%").isCloseTo(3.29, within(0.01));
    Map<String, Integer> even = Map.of("w1", 1, "w2", 1);
    assertThat(Checks.weightedShares(even, 0.999).check(History.of(probes)).passed())
        .as("200/100 is not 1:1").isFalse();
    assertThat(Checks.weightedShares(Map.of("w1", 1), 0.99).check(History.of(probes)).sentence())
        .as("unweighted backend").contains("w2 answered but has no weight");
    assertThatThrownBy(() -> Checks.weightedShares(Map.of("w1", 0), 0.99)).as("all zero")
        .isInstanceOf(IllegalArgumentException.class);
  }

  static final Bound DUAL = bound(0.5, "one advert interval handover");
  static final Bound GAP = bound(3.5, "master down interval");

  @Test
  void singleVipHolderPassesOnCleanFailover() {
    History h = History.of(vip(1, "lb1", true), vip(5, "lb1", false), vip(8, "lb2", true),
        vip(20, "lb2", true));
    Verdict v = Checks.singleVipHolder(DUAL, GAP).check(h);
    assertThat(v.passed()).as("3 s gap within 3.5: %s", v).isTrue();
    assertThat(v.figure("max_no_holder_s")).as("gap").isCloseTo(3.0, within(1e-9));
  }

  @Test
  void singleVipHolderFailsOnDualMasterAndLongGap() {
    History dual = History.of(vip(1, "lb1", true), vip(2, "lb2", true), vip(4, "lb1", false));
    Verdict v = Checks.singleVipHolder(DUAL, GAP).check(dual);
    assertThat(v.passed()).as("2 s of two holders").isFalse();
    assertThat(v.figure("max_dual_master_s")).as("dual").isCloseTo(2.0, within(1e-9));
    assertThat(v.sentence()).as("names holders").contains("lb1").contains("lb2");
    History gap = History.of(vip(1, "lb1", true), vip(2, "lb1", false), vip(9, "lb2", true));
    assertThat(Checks.singleVipHolder(DUAL, GAP).check(gap).passed()).as("7 s gap").isFalse();
    History openGap = History.of(vip(1, "lb1", true), vip(2, "lb1", false), ok(10, "w"));
    assertThat(Checks.singleVipHolder(DUAL, GAP).check(openGap).figure("max_no_holder_s"))
        .as("gap open at the end runs to the end").isCloseTo(8.0, within(1e-9));
    assertThat(Checks.singleVipHolder(DUAL, GAP).check(History.of(ok(1, "w"))).passed())
        .as("nobody ever held it").isFalse();
    assertThat(Checks.singleVipHolder(DUAL, GAP).check(History.of(vip(1, "lb1", false))).passed())
        .as("a removal alone shows no holder").isFalse();
  }

  static final Bound HANDOVER = bound(1.0, "one 1 s advert interval");

  @Test
  void wireSingleMasterHandoverIsNotSplitBrain() {
    List<Event> all = new ArrayList<>(adverts("10.0.0.2", 0, 5, 255));
    all.addAll(adverts("10.0.0.3", 7.6, 12, 254));
    all.add(Synth.advert(5.0, "10.0.0.2", 0));
    Verdict v = Checks.wireSingleMaster(HANDOVER).check(History.of(all));
    assertThat(v.passed()).as("kill then takeover: %s", v).isTrue();
    assertThat(v.sentence()).as("order").contains("VRID 51 advertised by 10.0.0.2 -> 10.0.0.3");
  }

  @Test
  void wireSplitBrainSurvivesAdvertJitter() {
    // Two masters, each advertising every second, one drifting 1 ms late then early: at some
    // adverts the other's last one is 1.001 s old. Still one long overlap, not many short ones.
    // (The times of a failed CI run, keepalived on both LBs.)
    List<Event> all = new ArrayList<>();
    double[] second = {6.023, 7.025, 8.027, 9.028, 10.027, 11.028};
    double[] first = {6.026, 7.026, 8.026, 9.026, 10.026, 11.027};
    for (int i = 0; i < first.length; i++) {
      all.add(Synth.advert(second[i], "10.0.0.3", 253));
      all.add(Synth.advert(first[i], "10.0.0.2", 254));
    }
    all.add(inject(3.8, "block-vrrp", "loadbalancers"));
    Verdict v = Checks.wireSplitBrain(HANDOVER, bound(5, "3 s + 1 s + slack"))
        .check(History.of(all));
    assertThat(v.passed()).as("one 5 s overlap: %s", v).isTrue();
    assertThat(Checks.wireSingleMaster(HANDOVER).check(History.of(all)).figure("split_brain_s"))
        .as("the whole run of both").isGreaterThan(4.9);
  }

  @Test
  void wireSplitBrainDetected() {
    List<Event> all = new ArrayList<>(adverts("10.0.0.2", 0, 20, 255));
    all.addAll(adverts("10.0.0.3", 3.5, 20, 254));
    all.add(inject(0.2, "drop-vrrp", "loadbalancer-2"));
    History h = History.of(all);
    Verdict single = Checks.wireSingleMaster(HANDOVER).check(h);
    assertThat(single.passed()).as("two advertisers from 3.5 s to 19.5 s").isFalse();
    assertThat(single.figure("split_brain_s")).as("overlap").isCloseTo(16.0, within(1e-9));
    Verdict detected = Checks.wireSplitBrain(HANDOVER, bound(5, "4 s + slack")).check(h);
    assertThat(detected.passed()).as("seen at 4.5 s: %s", detected).isTrue();
    assertThat(detected.figure("detection_s")).as("3.5 + 1 - 0.2")
        .isCloseTo(4.3, within(1e-9));
    assertThat(Checks.wireSplitBrain(HANDOVER, bound(5, "x")).check(
        History.of(adverts("10.0.0.2", 0, 20, 255))).passed()).as("no split brain").isFalse();
  }

  @Test
  void unicastSplitBrainIsSeenByTheTapsAndNotByTheBridgeAlone() {
    // Unicast adverts reach only the peer's port: the taps in the LBs' namespaces see them
    // leave, the observer on the bridge sees none.
    List<Event> all = new ArrayList<>();
    for (double t = 0; t < 20; t += 1) {
      all.add(tapped(t, "loadbalancer-1", "10.0.0.2", 255));
      if (t >= 3.5) {
        all.add(tapped(t + 0.01, "loadbalancer-2", "10.0.0.3", 254));
      }
    }
    all.add(inject(0.2, "block-vrrp", "loadbalancers"));
    all.add(Synth.garp(0.1, "02:42:0a:00:00:02"));
    History h = History.of(all);
    Verdict seen = Checks.wireSplitBrain(HANDOVER, bound(5, "4 s + slack")).check(h);
    assertThat(seen.passed()).as("the taps' adverts show it: %s", seen).isTrue();
    Verdict bridge = Checks.wireSplitBrain(HANDOVER, bound(5, "4 s + slack"))
        .check(Wire.bridgeOnly(h));
    assertThat(bridge.outcome()).as("the bridge alone saw no advert: %s", bridge)
        .isEqualTo(lbchaos.verdict.Outcome.UNKNOWN);
    assertThat(Checks.wireSingleMaster(HANDOVER).check(Wire.bridgeOnly(h)).outcome())
        .as("nor can it say there was one master").isEqualTo(lbchaos.verdict.Outcome.UNKNOWN);
  }

  @Test
  void anAgentsOwnAdvertReportIsNotTheWire() {
    List<Event> all = new ArrayList<>();
    all.add(new lbchaos.event.AdvertSeen(us(1), "loadbalancer-2", "10.0.0.2", 51, 255, 2, 100,
        true, 255));
    Verdict v = Checks.wireSplitBrain(HANDOVER, bound(5, "x")).check(History.of(all));
    assertThat(v.outcome()).as("a receiver's report is what a node says: %s", v)
        .isEqualTo(lbchaos.verdict.Outcome.UNKNOWN);
  }

  private static lbchaos.event.AdvertSeen tapped(double at, String node, String from, int prio) {
    return new lbchaos.event.AdvertSeen(us(at), Wire.tap(node), from, 51, prio, 2, 100, true, 255,
        String.format("%08x", Math.round(at * 100)));
  }

  @Test
  void backendDownAndRejoin() {
    List<Event> all = new ArrayList<>();
    all.add(ok(0, "webserver-1"));
    all.add(inject(1, "kill", "webserver-1"));
    all.add(fail(2, ProbeSample.ErrorKind.REFUSED));
    all.add(server(5, "lb1", "webserver-1", false));
    all.add(server(5.5, "lb2", "webserver-1", false));
    all.add(fail(6, ProbeSample.ErrorKind.REFUSED));
    all.add(heal(10, "kill", "webserver-1"));
    all.add(server(13, "lb1", "webserver-1", true));
    all.add(server(14, "lb2", "webserver-1", true));
    all.add(ok(13.5, "webserver-1"));
    History h = History.of(all);
    Verdict down = Checks.backendDown("webserver-1", bound(5, "fall 3 x inter")).check(h);
    assertThat(down.passed()).as("4.5 s <= 5: %s", down).isTrue();
    assertThat(down.figure("detection_s")).as("slowest proxy").isCloseTo(4.5, within(1e-9));
    assertThat(down.figure("failed_requests")).as("failure before lb2 marked it").isEqualTo(1);
    assertThat(Checks.backendDown("webserver-1", bound(4, "x")).check(h).passed())
        .as("4.5 > 4").isFalse();
    Verdict up = Checks.backendRejoin("web/webserver-1", "webserver-1", bound(4, "rise"))
        .check(h);
    assertThat(up.passed()).as("4 s <= 4: %s", up).isTrue();
    assertThat(up.figure("first_answer_s")).as("answer").isCloseTo(3.5, within(1e-9));
    assertThat(Checks.backendRejoin("webserver-1", bound(3, "x")).check(h).passed())
        .as("4 > 3").isFalse();
    assertThat(Checks.backendDown("webserver-2", bound(5, "x")).check(h).passed())
        .as("other server never marked down").isFalse();
  }

  @Test
  void expectedMaster() {
    History h = History.of(vip(0, "lb1", true), inject(1, "kill", "lb1"), vip(1, "lb1", false),
        vip(4, "lb2", true), heal(6, "kill", "lb1"), vip(9.2, "lb1", true),
        vip(9.3, "lb2", false));
    assertThat(Checks.expectedMaster("lb1").check(h).passed()).as("preempted back").isTrue();
    assertThat(Checks.expectedMaster("lb2").check(h).passed()).as("not lb2").isFalse();
    Verdict timed = Checks.expectedMaster("lb1", bound(3.504, "master down")).check(h);
    assertThat(timed.figure("takeover_s")).as("takeover").isCloseTo(3.2, within(1e-9));
    assertThat(timed.passed()).as("3.2 <= 3.504").isTrue();
    assertThat(Checks.expectedMaster("lb1", bound(3, "x")).check(h).passed()).as("3.2 > 3")
        .isFalse();
    History both = History.of(vip(0, "lb1", true), vip(1, "lb2", true));
    assertThat(Checks.expectedMaster("lb1").check(both).passed()).as("two holders").isFalse();
  }

  @Test
  void allComposesAndKeepsParts() {
    History h = masterKill(4.2);
    Verdict v = Checks.all(Checks.clientOutage(OUTAGE), Checks.failedRequests(10)).check(h);
    assertThat(v.passed()).as("44 failed > 10").isFalse();
    assertThat(v.parts()).as("parts").hasSize(2);
    assertThat(v.figures()).as("prefixed figures").containsKey("client-outage.outage_s")
        .containsKey("failed-requests.failed_requests");
    assertThat(v.sentence()).as("names the failing part").startsWith("1 of 2 checks fail")
        .contains("failed-requests");
    assertThat(Checks.clientOutage(OUTAGE).and(Checks.failedRequests(50)).check(h).passed())
        .as("and()").isTrue();
    assertThat(Checks.failedRequests(0).within(0, us(1)).check(h).passed())
        .as("on(): restricted to the healthy first second").isTrue();
  }

  @Test
  void boundAndVerdictValidate() {
    assertThatThrownBy(() -> new Bound(Duration.ofSeconds(-1), "x")).as("negative")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bound(Duration.ofSeconds(1), " ")).as("no derivation")
        .isInstanceOf(IllegalArgumentException.class);
    Verdict v = new Verdict("n", true, Map.of("a", 1.0), "s");
    assertThatThrownBy(() -> v.figure("b")).as("missing figure names the known ones")
        .hasMessageContaining("[a]");
  }
}
