package lbchaos.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent;
import lbchaos.event.ProbeSample;
import lbchaos.harness.fault.Faults;
import lbchaos.verdict.Verdict;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.judge.VerdictLines;
import lbchaos.harness.scenario.ArticleScenarios;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.scenario.Waits;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's example ("Using the harness from your own tests"), as written there, plus a
 * second test proving what the extension promises between tests: one topology for the class,
 * the first test's fault healed, its history kept and judged again to the same verdicts; and a
 * third proving why they are the same.
 */
@LbChaos(stack = Stack.REFERENCE, lbs = 2, webservers = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LbChaosExampleIT {

  /** The first test's verdicts, to compare with a judge's reading of its saved evidence. */
  private static List<Verdict> firstVerdicts = List.of();

  @Test
  @Order(1)
  void theBackupTakesOverWhenTheMasterDies(Session session) {
    List<Verdict> verdicts = session.judge(
        ArticleScenarios.masterDown(LbSettings.ARTICLE, ProbeSpec.DEFAULT).run(session));
    firstVerdicts = verdicts;
    assertThat(verdicts).isNotEmpty()
        .allSatisfy(v -> assertThat(v.passed()).as(v.sentence()).isTrue());
  }

  @Test
  @Order(2)
  void theTopologyIsSharedHealedAndTheFirstTestsHistoryKept(Session session) throws Exception {
    assertThat(session.lab().lbs()).as("the killed master was started again by the heal")
        .allMatch(n -> n.running());
    Path first = LbChaosExtension.DEFAULT_HISTORIES.resolve(LbChaosExampleIT.class.getName())
        .resolve("history-theBackupTakesOverWhenTheMasterDies.json");
    assertThat(first).as("the first test's evidence").exists();
    Evidence e = EvidenceJson.read(first);
    History h = e.history();
    assertThat(h.faults()).extracting(FaultEvent::fault, FaultEvent::phase)
        .as("its kill, injected by the scenario and healed by the extension").containsExactly(
            org.assertj.core.groups.Tuple.tuple("kill", FaultEvent.Phase.INJECT),
            org.assertj.core.groups.Tuple.tuple("kill", FaultEvent.Phase.HEAL));
    assertThat(h.probes()).as("its probe samples").isNotEmpty();
    assertThat(e.checks()).as("the checks the first test judged").isNotEmpty();
    assertThat(VerdictLines.of(Judge.judge(e))).as("judged again from the file")
        .isEqualTo(VerdictLines.of(firstVerdicts)).isNotEmpty();
    assertThat(session.history().faults()).as("this test's history starts after the first's")
        .isEmpty();
  }

  /**
   * The reason the first test's evidence judges again to its verdicts: once the probe is
   * stopped, the history holds the outcome of every request it sent, those still in flight
   * included, and nothing of the probe's comes after.
   */
  @Test
  @Order(3)
  void aStoppedProbesRequestsInFlightAreInTheHistoryWhenItStops(Session session)
      throws InterruptedException {
    ProbeSpec p = ProbeSpec.DEFAULT;
    String master = await("one VIP holder").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200)).until(() -> session.lab().vipHolders(),
            h -> h.size() == 1).getFirst();
    session.startProbe(p);
    Waits.answers(session, 5, p);
    session.nemesis().inject(Faults.pause(master));
    long paused = Events.nowMicros(); // frozen by now: a request sent earlier may be answered
    // Nothing to wait on: none of these requests can answer. Five are sent into the paused
    // master meanwhile, well before the backup could take over (3 adverts and more).
    Thread.sleep(p.interval().multipliedBy(5).toMillis());
    session.stopProbe();
    List<ProbeSample> inFlight = session.history().probes().stream()
        .filter(q -> q.at() >= paused).toList();
    int recorded = session.history().probes().size();
    assertThat(inFlight).as("the requests sent into the paused master, when the probe stopped")
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(q -> assertThat(q.error()).isEqualTo(ProbeSample.ErrorKind.TIMEOUT));
    await("no probe sample after its stop").during(p.timeout().plusSeconds(1))
        .atMost(p.timeout().plusSeconds(3)).pollInterval(Duration.ofMillis(200))
        .until(() -> session.history().probes().size() == recorded);
  }
}
