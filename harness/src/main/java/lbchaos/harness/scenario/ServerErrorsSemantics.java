package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.ArticleScenarios.masterDown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.FaultEvent;
import lbchaos.event.ServerState;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.DegradedChecks;
import lbchaos.harness.check.Moment;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.CheckTiming;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.Observe;
import lbchaos.proxy.config.OnError;
import lbchaos.proxy.config.Server;
import lbchaos.verdict.Bound;

/**
 * A backend whose application fails: webserver-1 answers every request with 500 while its TCP
 * port stays open, so layer-4 checks still pass. haproxy in mode http sees it two ways: "observe
 * layer7" counts each 5xx answer as an error and, at "error-limit" consecutive ones with
 * "on-error mark-down", takes the server out at once; "option httpchk" (expecting 2xx/3xx) fails
 * every check and takes it out after fall checks. The client sees the 500s of the server's turns
 * until then, and none after. Every figure comes from the rendered haproxy.cfg.
 *
 * <p>The negative case runs the same fault on a plain layer-4 "check" without observe: nothing
 * looks at the answers, the server stays in, and the key check (DOWN within the bound) fails.
 */
final class ServerErrorsSemantics {

  static final String FAILING = "webserver-1";
  static final String SERVER = "backend-1";
  static final int STATUS = 500;

  /**
   * mode http; HTTP checks of "/" every second, down after 2 failures, up after 2 passes; and
   * each server observed at layer 7, marked down at the 3rd 5xx in a row.
   */
  static final LbSettings SETTINGS = LbSettings.ARTICLE.withHttpMode(true).withHaproxyExtra(
      "option httpchk GET /\n  default-server inter 1s fall 2 rise 2 observe layer7"
          + " error-limit 3 on-error mark-down");

  /** The negative case: mode http, the article's plain layer-4 check, no observe. */
  static final LbSettings NEGATIVE = LbSettings.ARTICLE.withHttpMode(true).withHaproxyExtra(
      "default-server inter 1s fall 2 rise 2");

  private ServerErrorsSemantics() {}

  static Scenario serverErrors(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("server-errors",
        "webserver-1 answers every request with 500 (a CGI in its apache), its port still open:"
            + " haproxy's 'observe layer7' takes it out at 'error-limit' consecutive 5xx"
            + " (on-error mark-down) and its HTTP checks within the inter/fall bound; the client"
            + " sees at most error-limit 500s (besides those apache held while it reloaded),"
            + " then only webserver-2; back after the heal", ss -> {
          Backend be = SlowBackendSemantics.backend(ss, s);
          Server srv = be.servers().getFirst();
          CheckTiming check = ScenarioBounds.checkTiming(be, srv);
          Bound detect = MACHINE.applyTo(Expectations.backendDown(check,
              CheckFailure.WRONG_ANSWER));
          Bound rejoin = MACHINE.applyTo(Expectations.backendRejoin(check,
              CheckFailure.WRONG_ANSWER));
          Waits.ready(ss, masterDown(s));
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          Fault errors = Faults.errorAnswers(FAILING, STATUS);
          long issued = Events.nowMicros();
          ss.nemesis().inject(errors);
          Moment injected = Observed.fault(ss, errors.name(), FaultEvent.Phase.INJECT);
          // The fault is recorded when issued but bites once apache has reloaded: that time is
          // added to the detection bound, as measured (as slow-backend does).
          Duration applying = Duration.ofNanos((Events.nowMicros() - issued) * 1000);
          detect = detect.plus(new Bound(applying,
              "the fault's own time to apply (apache reload, measured)"));
          Bound wait = detect;
          // Quietly: on the negative case's config the server stays in, which the checks judge.
          Waits.tryAwait(SERVER + " marked DOWN by every proxy", wait.value(),
              () -> downEverywhere(ss, issued));
          Waits.answers(ss, 20, p);
          ss.nemesis().heal(errors);
          long healed = Observed.at(ss, Observed.fault(ss, errors.name(), FaultEvent.Phase.HEAL));
          Waits.tryAwait(SERVER + " marked UP again", rejoin.value().plus(p.timeout()),
              () -> ss.history().probes().stream()
                  .anyMatch(q -> q.at() >= healed && FAILING.equals(q.backend())));
          Waits.answers(ss, 10, p);
          ss.stopProbe();
          List<Checker> v = new ArrayList<>();
          v.add(Checks.backendDown(SERVER, FAILING, detect).within(from, Long.MAX_VALUE));
          v.add(Checks.failedRequests(maxFailed(srv.observe(), detect, applying, p, ss))
              .within(from, Long.MAX_VALUE));
          v.add(new DegradedChecks.NoFailureAfterDown(SERVER, injected, MACHINE)
              .within(from, Long.MAX_VALUE));
          v.add(Checks.backendRejoin(SERVER, FAILING, rejoin).within(from, Long.MAX_VALUE));
          return v;
        });
  }

  /**
   * The 500s the client may see. With "observe layer7" and "on-error mark-down" the server goes
   * DOWN at its error-limit-th consecutive error: every failed request of the serving proxy is
   * one of them (the check script's requests through the VIP can only take some of its turns),
   * so error-limit; plus the server's turns while the fault was applying: apache holds the
   * requests it gets during its reload and answers them all 500 at once when it is done, before
   * a proxy has seen one error (seen: 13 held through a 1.4 s reload). Otherwise round robin
   * gives it every n-th request until the checks take it out, as slow-backend bounds it.
   */
  static int maxFailed(Observe o, Bound detect, Duration applying, ProbeSpec p, Session ss) {
    int webservers = ss.lab().webservers().size();
    if (o.layer() == Observe.Layer.LAYER7 && o.onError() == OnError.MARK_DOWN) {
      return o.errorLimit()
          + (int) Math.ceil(applying.toNanos() / 1e9 * p.rate() / webservers);
    }
    return (int) Math.ceil(detect.seconds() * p.rate() / webservers) + 1;
  }

  private static boolean downEverywhere(Session ss, long fromMicros) {
    var lbs = ss.lab().lbs().stream().map(n -> n.name()).collect(
        java.util.stream.Collectors.toSet());
    return ss.history().of(ServerState.class).stream()
        .filter(e -> e.at() >= fromMicros && e.server().equals(SERVER) && !e.up())
        .map(ServerState::source).collect(java.util.stream.Collectors.toSet()).containsAll(lbs);
  }
}
