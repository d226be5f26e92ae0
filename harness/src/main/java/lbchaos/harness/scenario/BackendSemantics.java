package lbchaos.harness.scenario;

import lbchaos.harness.check.Checker;

import static lbchaos.harness.scenario.ArticleScenarios.masterDown;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Intervals;
import lbchaos.verdict.Verdict;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.LossyAnswers;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.history.History;

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
          History h = ss.history().between(applied, t1 - p.timeout().toNanos() / 1000);
          List<ProbeSample> slowOnes = from(h, SLOW).stream().filter(q -> q.at() >= applied)
              .toList();
          long fastest = slowOnes.stream().mapToLong(q -> q.endAt() - q.at()).min().orElse(0);
          return List.of(
              stayedUp(h),
              share(h, slowOnes.size()),
              Intervals.atLeast("slowed", "fastest answer from " + SLOW + " while slow",
                  "min_latency_s", fastest, new Bound(SLOW_DELAY, "the CGI's sleep")),
              Checks.failedRequests(0).within(applied, t1 - p.timeout().toNanos() / 1000));
        });
  }

  static Scenario lossyBackend(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("lossy-backend",
        "webserver-1 drops 20 % of what it sends (random drop): haproxy keeps it UP and in"
            + " rotation (a check fails only if its connect takes longer than inter), its"
            + " clients see TCP retransmissions, and no more requests fail than TCP's backoff"
            + " past the client's timeout explains", ss -> {
          // iptables rather than netem: this machine's kernel has no sch_netem.
          History h = degrade(ss, s, p, Faults.randomDrop(SLOW, LOSS_PERCENT));
          List<ProbeSample> lossy = from(h, SLOW);
          long slowest = lossy.stream().mapToLong(q -> q.endAt() - q.at()).max().orElse(0);
          return List.of(
              stayedUp(h),
              share(h, lossy.size()),
              Intervals.atLeast("retransmitted", "slowest answer from " + SLOW,
                  "max_latency_s", slowest, new Bound(LossyAnswers.LINUX_RTO_MIN,
                      "Linux TCP_RTO_MIN")),
              failedWithinBound(ss, s, p, h));
        });
  }

  /**
   * A correct proxy fails a request to the lossy server only when TCP's retransmissions push the
   * answer past the probe's timeout; the bound is the binomial upper tail of that per-request
   * probability (LossyAnswers) over the requests round robin sent it.
   */
  private static Checker failedWithinBound(Session ss, LbSettings s, ProbeSpec p, History h) {
    List<ProbeSample> all = h.probes();
    long failed = all.stream().filter(q -> !q.ok()).count();
    long first = all.stream().mapToLong(ProbeSample::at).min().orElse(0);
    long last = all.stream().mapToLong(ProbeSample::at).max().orElse(first);
    double window = (last - first) / 1e6;
    // Round robin gives it every other request, plus one for the rotation's phase; the master's
    // check script GETs the VIP once per check interval and each such turn can shift one more
    // probe onto it.
    int foreign = (int) Math.ceil(window / s.checkInterval()) + 1;
    int attempts = (all.size() + ss.lab().webservers().size() - 1)
        / ss.lab().webservers().size() + 1 + foreign;
    var bound = LossyAnswers.linuxHttp(LOSS_PERCENT / 100).failedRequests(attempts, p.timeout(),
        MACHINE, FAILURE_RISK);
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("failed_requests", (double) failed);
    f.put("failed_requests_max", (double) bound.max());
    f.put("failure_probability", bound.perRequest());
    f.put("attempts_bound", (double) attempts);
    boolean ok = failed <= bound.max();
    return Checks.recorded(new Verdict("failed-requests", ok, f, failed + " of " + all.size() + " requests"
        + " failed, " + (ok ? "within" : "more than") + " the bound of " + bound.max() + ": "
        + bound.derivation() + "; " + attempts + " = ceil(" + all.size() + " requests / "
        + ss.lab().webservers().size() + " webservers) + 1 + " + foreign + " check-script turns"
        + " over " + String.format(java.util.Locale.ROOT, "%.1f", window) + " s"));
  }

  /** Probe stream, the fault for 60 answers, then the history of the degraded period. */
  private static History degrade(Session ss, LbSettings s, ProbeSpec p, Fault f) {
    Waits.ready(ss, masterDown(s));
    ss.startProbe(p);
    Waits.answers(ss, 10, p);
    ss.nemesis().inject(f);
    long t0 = Observed.last(ss, f.name(), lbchaos.event.FaultEvent.Phase.INJECT);
    Waits.answers(ss, 60, p);
    long t1 = lbchaos.event.Events.nowMicros();
    ss.stopProbe();
    ss.nemesis().heal(f);
    return ss.history().between(t0, t1);
  }

  private static List<ProbeSample> from(History h, String backend) {
    return h.probes().stream().filter(q -> q.ok() && backend.equals(q.backend())).toList();
  }

  private static Checker stayedUp(History h) {
    long downs = h.of(ServerState.class).stream()
        .filter(e -> e.server().equals(SERVER) && !e.up()).count();
    return Intervals.fact("stayed-up", downs == 0, "a proxy marked " + SERVER + " DOWN " + downs
        + " time(s) while it was degraded (expected none: its checks still connect within"
        + " inter)", "down_events", downs);
  }

  private static Checker share(History h, int answers) {
    long ok = h.probes().stream().filter(ProbeSample::ok).count();
    double share = ok == 0 ? 0 : (double) answers / ok;
    return Intervals.fact("in-rotation", share >= MIN_SHARE, SLOW + " gave " + answers + " of "
        + ok + " answers (" + Math.round(share * 100) + " %, at least " + Math.round(MIN_SHARE
        * 100) + " % expected of a 2-server rotation)", "share", share);
  }
}
