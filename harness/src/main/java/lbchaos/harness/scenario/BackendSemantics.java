package lbchaos.harness.scenario;

import lbchaos.harness.check.Checker;

import static lbchaos.harness.scenario.ArticleScenarios.masterDown;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import lbchaos.event.ProbeSample;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.DegradedChecks;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.LossyAnswers;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;

/**
 * haproxy and degraded backends. haproxy takes a server out only when `fall` consecutive health
 * checks fail; a check (layer 4 here) fails when the connect does not complete within its timeout
 * (inter, 2 s, with no "timeout check"). A slow or lossy server whose connects still complete in
 * time stays UP and keeps its round-robin turns: its clients see the delay and TCP's
 * retransmissions, and haproxy neither retries nor redispatches them (it retries only on connect
 * failure, after "timeout connect", 10 s here).
 */
final class BackendSemantics {

  static final String SLOW = "webserver-1";
  static final String SERVER = "backend-1";
  static final double LOSS_PERCENT = 20;

  /**
   * Its share of answers may fall short of 1/2 by other clients' turns (the check script GETs the
   * VIP every interval) and requests in flight together reaching haproxy in another order.
   */
  static final double MIN_SHARE = 0.35;

  /**
   * The most answers a degraded period waits for what it should show. At 20 % drop only about
   * one answer in eight from the lossy server shows a retransmission (a lost SYN-ACK costs the
   * 1 s initial RTO; most lost answer segments come back within milliseconds by a tail loss
   * probe: 7 of 59 in two rehearsals' histories), so a fixed 60 answers (30 from it) miss one
   * in about 2 % of runs per stack (seen once in CI, stop 43). Past 60 the period goes on
   * until one shows: 150 answers from it miss at that rate with odds below 1e-8, and a drop
   * that does not bite still fails the check here.
   */
  static final int DEGRADED_MAX = 300;

  /**
   * How often a correct stack may fail the failed-requests bound by chance: the bound is the
   * binomial quantile that the failures exceed with at most this probability.
   */
  static final double FAILURE_RISK = 1e-3;

  /** How late the slow webserver answers: well under the probe's 2 s timeout. */
  static final Duration SLOW_DELAY = Duration.ofSeconds(1);

  private BackendSemantics() {}

  static Scenario slowBackendStays(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("slow-backend-stays",
        "webserver-1 answers " + SLOW_DELAY.toMillis() + " ms late (a CGI sleep in its apache):"
            + " layer-4 checks still connect, so haproxy keeps it UP and in rotation; its clients"
            + " wait for it and none fails ('timeout server' is 30 s)", ss -> {
          Waits.ready(ss, masterDown(s));
          ss.startProbe(p);
          Waits.answers(ss, 10, p);
          Fault slow = Faults.slowAnswers(SLOW, SLOW_DELAY);
          ss.nemesis().inject(slow);
          // The fault bites once apache has reloaded, when inject returns.
          long applied = lbchaos.event.Events.nowMicros();
          Waits.answers(ss, 60, p);
          long t1 = lbchaos.event.Events.nowMicros();
          ss.stopProbe();
          ss.nemesis().heal(slow);
          // Only requests that had their whole timeout before t1: the slow ones sent last were
          // still waiting for their answer and would lower webserver-1's share.
          long to = t1 - p.timeout().toNanos() / 1000;
          return Stream.of(
              new DegradedChecks.StayedUp(SERVER),
              new DegradedChecks.InRotation(SLOW, MIN_SHARE),
              new DegradedChecks.AnswerDelay("slowed", SLOW, true, "min_latency_s",
                  new Bound(SLOW_DELAY, "the CGI's sleep")),
              Checks.failedRequests(0)).map(c -> c.within(applied, to)).toList();
        });
  }

  static Scenario lossyBackend(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("lossy-backend",
        "webserver-1 drops 20 % of what it sends (random drop): haproxy keeps it UP and in"
            + " rotation (a check fails only if its connect takes longer than inter), its"
            + " clients see TCP retransmissions, and no more requests fail than TCP's backoff"
            + " past the client's timeout explains", ss -> {
          // iptables rather than netem: this machine's kernel has no sch_netem.
          var retransmitted = new DegradedChecks.AnswerDelay("retransmitted", SLOW, false,
              "max_latency_s", new Bound(LossyAnswers.LINUX_RTO_MIN, "Linux TCP_RTO_MIN"));
          UnaryOperator<Checker> degraded = degrade(ss, s, p,
              Faults.randomDrop(SLOW, LOSS_PERCENT), retransmitted::shownBy);
          return Stream.of(
              new DegradedChecks.StayedUp(SERVER),
              new DegradedChecks.InRotation(SLOW, MIN_SHARE),
              retransmitted,
              new DegradedChecks.LossyFailures(LOSS_PERCENT, ss.lab().webservers().size(),
                  s.checkInterval(), p.timeout(), MACHINE, FAILURE_RISK))
              .map(degraded).toList();
        });
  }


  /**
   * Probe stream, the fault for 60 answers and on until {@code shown} holds of the answers since
   * it bit (the check that will judge them), at most {@link #DEGRADED_MAX} of them; puts a check
   * on the degraded period.
   */
  private static UnaryOperator<Checker> degrade(Session ss, LbSettings s, ProbeSpec p, Fault f,
      Predicate<List<ProbeSample>> shown) {
    Waits.ready(ss, masterDown(s));
    ss.startProbe(p);
    Waits.answers(ss, 10, p);
    ss.nemesis().inject(f);
    long t0 = Observed.at(ss, Observed.fault(ss, f.name(), lbchaos.event.FaultEvent.Phase.INJECT));
    Waits.answersUntil(ss, 60, DEGRADED_MAX, shown, p);
    long t1 = lbchaos.event.Events.nowMicros();
    ss.stopProbe();
    ss.nemesis().heal(f);
    return c -> c.within(t0, t1);
  }
}
