package lbchaos.harness.scenario;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Checker;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.history.History;

/**
 * The article's three tests, with every bound from the config: round robin through the VIP, a
 * webserver down and back, the master LB down.
 */
public final class ArticleScenarios {

  /** Slack for a shared 2-core machine: container scheduling, GARP/ARP propagation. */
  static final Tolerance MACHINE = Tolerance.of(Duration.ofMillis(500),
      "scheduling on a shared 2-core machine and ARP/GARP propagation");

  private ArticleScenarios() {}

  public static List<Scenario> all(LbSettings s, ProbeSpec p) {
    return all(ScenarioBounds.of(s), p);
  }

  /** The three tests with bounds from any configs (a user's own, see ScenarioBounds.from). */
  public static List<Scenario> all(ScenarioBounds b, ProbeSpec p) {
    return List.of(roundRobin(b, p), backendDown(b, p), masterDown(b, p));
  }

  static Bound masterDown(LbSettings s) {
    return Expectations.masterDownInterval(Timings.vrrp(s, 1));
  }

  public static Scenario roundRobin(LbSettings s, ProbeSpec p) {
    return roundRobin(ScenarioBounds.of(s), p);
  }

  public static Scenario backendDown(LbSettings s, ProbeSpec p) {
    return backendDown(ScenarioBounds.of(s), p);
  }

  public static Scenario masterDown(LbSettings s, ProbeSpec p) {
    return masterDown(ScenarioBounds.of(s), p);
  }

  public static Scenario roundRobin(ScenarioBounds b, ProbeSpec p) {
    return new Simple("round-robin",
        "consecutive requests through the VIP alternate strictly between the webservers", ss -> {
          Waits.ready(ss, b.masterDown());
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 40, p);
          ss.stopProbe();
          // Other clients take turns of the rotation too: the article's check script GETs the
          // VIP from the master every few seconds. The webservers log every request, the probe's
          // with its own user agent; the others are someone else's turns. Container lines are
          // stamped as they are read, so first wait until the probe's last request is logged.
          long probed = ss.history().between(from, Long.MAX_VALUE).probes().stream()
              .filter(q -> q.ok()).count();
          Waits.tryAwait("the webservers' lines caught up", Observed.WAIT_SLACK,
              () -> webGets(ss.history().between(from, Long.MAX_VALUE), true).size() >= probed);
          var h = ss.history().between(from, Long.MAX_VALUE);
          long lastProbeLine = webGets(h, true).stream().mapToLong(l -> l.at()).max()
              .orElse(Long.MAX_VALUE);
          int foreign = (int) webGets(h, false).stream().filter(l -> l.at() <= lastProbeLine)
              .count();
          return List.of(Checks.roundRobin(from, Long.MAX_VALUE, foreign),
              Checks.failedRequests(0).within(from, Long.MAX_VALUE));
        });
  }

  /** The GET lines of the webservers' access logs, the probe's or everyone else's. */
  static List<LogLine> webGets(History h, boolean probe) {
    return h.of(LogLine.class).stream()
        .filter(l -> l.source().startsWith("webserver") && l.line().contains("\"GET ")
            && l.line().contains("\"lbchaos-probe\"") == probe)
        .toList();
  }

  public static Scenario backendDown(ScenarioBounds b, ProbeSpec p) {
    return new Simple("backend-down",
        "webserver-1 killed: traffic moves to webserver-2 within the detection bound, and back"
            + " within the rise bound after it restarts", ss -> {
          Waits.ready(ss, b.masterDown());
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          Tolerance tol = MACHINE.plus(Tolerance.probeInterval(p.rate()))
              .plus(Tolerance.of(p.timeout(), "a request in flight when the server died"));
          // A killed container's address stops answering ARP: checks time out rather than
          // being refused, the slowest way to fail.
          Bound detect = tol.applyTo(Expectations.backendDown(b.check(),
              CheckFailure.CONNECT_TIMEOUT));
          Fault kill = Faults.kill(b.webserver());
          long injected = Events.nowMicros();
          ss.nemesis().inject(kill);
          Waits.serverState(ss, b.server(), false, injected, detect);
          Waits.noneFrom(ss, b.webserver(), 10, injected, detect.plus(
              new Bound(p.interval().multipliedBy(10), "10 probe intervals")));
          Bound rejoin = tol.applyTo(Expectations.backendRejoin(b.check(),
              CheckFailure.REFUSED)).plus(new Bound(Waits.DAEMON_START, "apache start"));
          long healed = Events.nowMicros();
          ss.nemesis().heal(kill);
          Waits.answerFrom(ss, b.webserver(), healed, rejoin);
          // The answer may come through a proxy whose UP line the log stream has not delivered
          // yet, and the other proxy checks on its own phase: check once every proxy said UP.
          Waits.serverState(ss, b.server(), true, healed, rejoin);
          Waits.answers(ss, 10, p);
          ss.stopProbe();
          // Round robin sends every other request to the dead server until it is marked down.
          int maxFailed = (int) Math.ceil(detect.seconds() * p.rate() / ss.lab().webservers().size()) + 1;
          return List.of(
              Checks.backendDown(b.server(), b.webserver(), b.judged(detect))
                  .within(from, Long.MAX_VALUE),
              Checks.failedRequests(maxFailed).within(from, Long.MAX_VALUE),
              Checks.backendRejoin(b.server(), b.webserver(), b.judged(rejoin))
                  .within(from, Long.MAX_VALUE));
        });
  }

  public static Scenario masterDown(ScenarioBounds b, ProbeSpec p) {
    return new Simple("master-down",
        "the VRRP master is killed: the VIP moves to the backup within the master down interval,"
            + " with one VIP holder throughout apart from the transition", ss -> {
          String master = Waits.ready(ss, b.masterDown());
          String backup = ss.lab().otherLb(master);
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          Bound takeover = MACHINE.applyTo(b.masterDown());
          Bound outage = Tolerance.probeInterval(p.rate()).applyTo(takeover);
          ss.nemesis().inject(Faults.kill(master));
          try {
            await("the VIP on " + backup).atMost(takeover.value().plusSeconds(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ss.lab().vipHolders().equals(List.of(backup)));
            Waits.answers(ss, 20, p);
          } catch (org.awaitility.core.ConditionTimeoutException notMoved) {
            // The VIP never reached the backup: the system failed, not the harness. The checks
            // judge it from the history (a time without a holder longer than the takeover).
          }
          ss.stopProbe();
          Bound transition = MACHINE.applyTo(new Bound(b.advert(), "one advert interval"));
          List<Checker> v = new ArrayList<>();
          v.add(Checks.clientOutage("kill", b.judged(outage)).within(from, Long.MAX_VALUE));
          // The whole history: the holder from before the probe window must count, or the gap
          // after its removal would go unseen.
          v.add(Checks.singleVipHolder(b.judged(transition), b.judged(takeover)));
          return v;
        });
  }

  /** A scenario from a name, a sentence and a body. */
  record Simple(String name, String description,
      java.util.function.Function<Session, List<Checker>> body) implements Scenario {
    public List<Checker> run(Session session) {
      return body.apply(session);
    }
  }
}
