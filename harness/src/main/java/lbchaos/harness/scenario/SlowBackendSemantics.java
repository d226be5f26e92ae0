package lbchaos.harness.scenario;

import lbchaos.harness.check.Checker;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.ArticleScenarios.masterDown;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.DegradedChecks;
import lbchaos.harness.check.Moment;
import lbchaos.verdict.Verdict;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.CheckTiming;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.history.History;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.HaproxyConfigParser;

/**
 * A slow application behind haproxy with HTTP checks. Its connects complete at once (the kernel
 * answers them), so only checks that wait for the answer can see it: with "option httpchk" each
 * check fails when no status line comes within "timeout check", and after `fall` of them the
 * server is DOWN. Until then round robin keeps sending it every other request, and haproxy closes
 * each one when the server stays silent for "timeout server" (tcp mode has no retry for it).
 * Every figure comes from the rendered haproxy.cfg, parsed as a user's would be.
 */
final class SlowBackendSemantics {

  static final String SLOW = "webserver-1";
  static final String SERVER = "backend-1";

  /**
   * How late the slow webserver answers: longer than "timeout server" (so haproxy gives up on a
   * request first) and shorter than the probe's 2 s timeout (so what the client sees is haproxy's
   * timeout, not its own).
   */
  static final Duration DELAY = Duration.ofMillis(1500);

  /**
   * HTTP checks every second, down after 2 failures, up after 2 passes; a check waits 0.5 s for
   * its answer, a request 1 s for the server.
   */
  static final LbSettings SETTINGS = LbSettings.ARTICLE.withHaproxyExtra("option httpchk GET /\n"
      + "  timeout check 500ms\n  timeout server 1s\n  default-server inter 1s fall 2 rise 2");

  private SlowBackendSemantics() {}

  static Scenario slowBackend(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("slow-backend",
        "webserver-1 answers 1.5 s late (a CGI sleep in its apache): haproxy's HTTP checks time out"
            + " after 'timeout check' and mark it DOWN within the bound from inter/fall; until"
            + " then haproxy cuts its requests at 'timeout server'; back in rotation after the"
            + " heal within the rise bound", ss -> {
          Backend be = backend(ss, s);
          CheckTiming check = ScenarioBounds.checkTiming(be, be.servers().getFirst());
          Duration serverTimeout = be.timeouts().server().orElseThrow(
              () -> new IllegalStateException("the settings must set 'timeout server'"));
          if (DELAY.compareTo(serverTimeout) <= 0 || DELAY.compareTo(p.timeout()) >= 0) {
            throw new IllegalStateException("the delay must lie between timeout server ("
                + serverTimeout + ") and the probe timeout (" + p.timeout() + ")");
          }
          Bound detect = MACHINE.applyTo(Expectations.backendDown(check,
              CheckFailure.RESPONSE_TIMEOUT));
          Bound rejoin = MACHINE.applyTo(Expectations.backendRejoin(check,
              CheckFailure.RESPONSE_TIMEOUT));
          Waits.ready(ss, masterDown(s));
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          Fault slow = Faults.slowAnswers(SLOW, DELAY);
          long issued = Events.nowMicros();
          ss.nemesis().inject(slow);
          Moment injected = Observed.fault(ss, slow.name(), lbchaos.event.FaultEvent.Phase.INJECT);
          // The fault is recorded when issued but bites only once apache has reloaded (a second
          // or more on a loaded machine): that time is added to the detection bound, as measured.
          detect = detect.plus(new Bound(Duration.ofNanos((Events.nowMicros() - issued) * 1000),
              "the fault's own time to apply (apache reload, measured)"));
          Waits.serverState(ss, SERVER, false, issued, detect);
          Waits.noneFrom(ss, SLOW, 10, issued, detect.plus(
              new Bound(p.interval().multipliedBy(10).plus(p.timeout()),
                  "10 probe intervals and one probe timeout")));
          ss.nemesis().heal(slow);
          long healed = Observed.at(ss, Observed.fault(ss, slow.name(),
              lbchaos.event.FaultEvent.Phase.HEAL));
          Waits.serverState(ss, SERVER, true, healed, rejoin);
          Waits.answerFrom(ss, SLOW, healed, rejoin.plus(new Bound(p.timeout(), "probe timeout")));
          Waits.answers(ss, 10, p);
          ss.stopProbe();
          // Round robin sends it every other request until a proxy marks it down.
          int maxFailed = (int) Math.ceil(detect.seconds() * p.rate()
              / ss.lab().webservers().size()) + 1;
          List<Checker> v = new ArrayList<>();
          v.add(Checks.backendDown(SERVER, SLOW, detect).within(from, Long.MAX_VALUE));
          v.add(Checks.failedRequests(maxFailed).within(from, Long.MAX_VALUE));
          // The proxy's answer (504) is what tells its cut from the probe giving up: the upper
          // bound is the probe's own timeout, which a cut must beat.
          v.add(new DegradedChecks.CutAtServerTimeout(new Bound(serverTimeout, "timeout server"),
              new Bound(p.timeout(), "the probe's timeout")).within(from, Long.MAX_VALUE));
          v.add(new DegradedChecks.NoFailureAfterDown(SERVER, injected, MACHINE)
              .within(from, Long.MAX_VALUE));
          v.add(Checks.backendRejoin(SERVER, SLOW, rejoin).within(from, Long.MAX_VALUE));
          return v;
        });
  }

  /** The rendered haproxy.cfg of this lab, parsed as a user's would be. */
  static Backend backend(Session ss, LbSettings s) {
    try {
      var cfg = HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
          ReferenceConfigs.haproxy(ss.lab().plan(), s));
      return cfg.backends().getFirst();
    } catch (lbchaos.config.ConfigException e) {
      throw new IllegalStateException("rendered haproxy.cfg does not parse: " + e.getMessage(), e);
    }
  }
}
