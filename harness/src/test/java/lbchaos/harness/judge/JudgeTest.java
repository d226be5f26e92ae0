package lbchaos.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.NodeExit;
import lbchaos.event.VipChange;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Intervals;
import lbchaos.harness.check.Moment;
import lbchaos.harness.history.History;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Tolerance;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

/** A saved history judged again gives the same verdicts; missing or contradicting evidence shows. */
public class JudgeTest {

  static final Bound TAKEOVER = Tolerance.of(Duration.ofMillis(500), "scheduling")
      .applyTo(new Bound(Duration.ofMillis(3504), "3 x 1 s advert + 0.004 s skew"));
  static final Bound DUAL = new Bound(Duration.ofSeconds(1), "one advert interval");

  public static long us(double s) {
    return Math.round(s * 1e6);
  }

  /** lb1 holds the VIP, is killed at 2 s, lb2 takes it at 5 s; adverts seen on the wire. */
  public static History masterKill() {
    List<Event> all = new ArrayList<>(lbchaos.harness.check.ChecksTest.masterKill(4.2).events());
    all.add(new VipChange(us(0.1), "loadbalancer-1", "10.0.0.211", true));
    all.add(new VipChange(us(2.02), "loadbalancer-1", "10.0.0.211", false));
    all.add(new VipChange(us(5.0), "loadbalancer-2", "10.0.0.211", true));
    for (int i = 0; i < 9; i++) {
      all.add(new AdvertSeen(us(i + 0.5), "observer", i < 2 ? "10.0.0.48" : "10.0.0.97", 51,
          100, 2, 100, true, 255));
    }
    return History.of(all);
  }

  public static Evidence evidence(History h) {
    List<Checker> checks = List.of(Checks.clientOutage("kill", TAKEOVER),
        Checks.singleVipHolder(DUAL, TAKEOVER), Checks.failedRequests(50).within(0, us(10)));
    return new Evidence("master-down", "the master is killed", "java",
        Map.of("loadbalancer-1", "10.0.0.48"), Map.of("loadbalancer-1:/etc/k.conf", "vrrp"),
        Map.of("keepalived", "Keepalived v2.2.8"), checks, h);
  }

  @Test
  void aSavedHistoryIsJudgedAgainToTheSameLines() {
    Evidence live = evidence(masterKill());
    String json = EvidenceJson.toJson(live);
    Evidence read = EvidenceJson.parse(json);
    assertThat(read.checks()).as("checks round-trip as data").isEqualTo(live.checks());
    assertThat(read.history()).as("events round-trip").isEqualTo(live.history());
    assertThat(VerdictLines.of(Judge.judge(read))).as("same verdict lines, byte for byte")
        .isEqualTo(VerdictLines.of(Judge.judge(live)));
    assertThat(Judge.judge(live)).extracting(Verdict::outcome).as("the healthy run passes")
        .containsOnly(Outcome.PASS);
    Verdict outage = Judge.judge(read).getFirst();
    assertThat(outage.bound()).as("bound with its tolerance apart").isEqualTo(TAKEOVER);
    assertThat(outage.bound().tolerance().value()).isEqualTo(Duration.ofMillis(500));
    assertThat(outage.measured()).as("the figure the bound applies to").hasValue(2.25);
  }

  @Test
  void withoutTheObserversEventsEveryVerdictIsUnknown() {
    History h = masterKill().filter(e -> !e.source().equals("observer"));
    List<Verdict> v = Judge.judge(evidence(h));
    assertThat(v).extracting(Verdict::outcome).containsOnly(Outcome.UNKNOWN);
    assertThat(v.getFirst().sentence()).contains("observer recorded no event");
  }

  @Test
  void aContainerThatExitsOutsideItsFaultDisturbsTheRun() {
    History killed = masterKill().plus(List.of(
        new NodeExit(us(2.02), "engine", "loadbalancer-1", 137)));
    assertThat(Judge.judge(evidence(killed))).extracting(Verdict::outcome)
        .as("the kill's own exit is expected").containsOnly(Outcome.PASS);
    List<Verdict> v = Judge.judge(evidence(killed.plus(List.of(
        new NodeExit(us(6), "engine", "loadbalancer-2", 1)))));
    assertThat(v).extracting(Verdict::outcome).as("the backup died on its own")
        .containsOnly(Outcome.UNKNOWN);
    assertThat(v.getFirst().sentence())
        .contains("loadbalancer-2's container exited (code 1) outside any fault on it");
  }

  @Test
  void aProbeThatStalledWhileItRanDisturbsTheRun() {
    History marked = masterKill().plus(List.of(
        new LogLine(0, "harness", Judge.PROBE_STARTED),
        new LogLine(us(10), "harness", Judge.PROBE_STOPPED)));
    assertThat(Judge.judge(evidence(marked))).extracting(Verdict::outcome)
        .as("a steady probe").containsOnly(Outcome.PASS);
    History stalled = marked.filter(e -> !(e instanceof lbchaos.event.ProbeSample p
        && p.at() > us(6) && p.at() < us(8.5)));
    List<Verdict> v = Judge.judge(evidence(stalled));
    assertThat(v).extracting(Verdict::outcome).containsOnly(Outcome.UNKNOWN);
    assertThat(v.getFirst().sentence()).contains("the probe started no request for 2.5 s");
    History unmarked = masterKill().filter(e -> !(e instanceof lbchaos.event.ProbeSample p
        && p.at() > us(6) && p.at() < us(8.5)));
    assertThat(Judge.judge(evidence(unmarked))).extracting(Verdict::outcome)
        .as("without the marks nobody said the probe ran").doesNotContain(Outcome.UNKNOWN);
  }

  @Test
  void anOverlappingSecondHolderFailsTheSingleHolderCheck() {
    History h = masterKill().plus(List.of(
        new VipChange(us(0.5), "loadbalancer-2", "10.0.0.211", true),
        new VipChange(us(1.9), "loadbalancer-2", "10.0.0.211", false)));
    Verdict single = Judge.judge(evidence(h)).get(1);
    assertThat(single.name()).isEqualTo("single-vip-holder");
    assertThat(single.outcome()).as(single.sentence()).isEqualTo(Outcome.FAIL);
  }

  /**
   * An interval between moments is judged again from the saved events, not reproduced: moving
   * the takeover later in the file turns its verdict into a failure with the new figure.
   */
  @Test
  void anIntervalIsComputedAgainFromTheSavedEvents() {
    Moment killed = new Moment.Fault("kill", lbchaos.event.FaultEvent.Phase.INJECT, 1);
    Checker takeover = Intervals.atMost("takeover", "the VIP on loadbalancer-2 after the kill",
        "takeover_s", killed, killed.vip("loadbalancer-2", true), TAKEOVER);
    Evidence live = new Evidence("sub-second-adverts", "kill", "java", Map.of(), Map.of(),
        Map.of(), List.of(takeover), masterKill());
    Evidence read = EvidenceJson.parse(EvidenceJson.toJson(live));
    assertThat(read.checks()).as("moments round-trip as data").isEqualTo(live.checks());
    Verdict again = Judge.judge(read).getFirst();
    assertThat(again.passed()).as(again.sentence()).isTrue();
    assertThat(again.measured()).hasValue(2.99);
    History later = History.of(masterKill().events().stream().filter(e -> !(e instanceof
        VipChange v && v.source().equals("loadbalancer-2"))).toList())
        .plus(List.of(new VipChange(us(7.0), "loadbalancer-2", "10.0.0.211", true)));
    Verdict edited = Judge.judge(new Evidence("sub-second-adverts", "kill", "java", Map.of(),
        Map.of(), Map.of(), read.checks(), later)).getFirst();
    assertThat(edited.outcome()).as(edited.sentence()).isEqualTo(Outcome.FAIL);
    assertThat(edited.measured()).hasValue(4.99);
  }

  /**
   * Every check the harness has can be read back from a history file: a record implementing
   * Checker that is not registered as a subtype would be written and then refused by `check`.
   */
  @Test
  void everyCheckIsRegisteredForTheHistoryFile() throws Exception {
    var registered = java.util.Arrays.stream(Checker.class.getAnnotation(
        com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
        .map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::value).toList();
    java.nio.file.Path dir = java.nio.file.Path.of(Checker.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI()).resolve("lbchaos/harness/check");
    List<Class<?>> checks = new ArrayList<>();
    try (var files = java.nio.file.Files.list(dir)) {
      for (var f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class")) {
          Class<?> c = Class.forName("lbchaos.harness.check." + name.replace(".class", ""));
          if (c.isRecord() && Checker.class.isAssignableFrom(c)) {
            checks.add(c);
          }
        }
      }
    }
    assertThat(checks).as("records implementing Checker").hasSizeGreaterThan(20);
    assertThat(registered).as("registered in Checker's @JsonSubTypes")
        .containsAll(checks);
  }

  @Test
  void aFileWithoutChecksIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvidenceJson.parse(
        "{\"type\":\"vip\",\"at\":1,\"source\":\"x\",\"vip\":\"v\",\"added\":true}\n"))
        .hasMessageContaining("schemaVersion");
  }
}
