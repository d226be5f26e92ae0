package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.ArticleScenarios.masterDown;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.DegradedChecks;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.proxy.config.Frontend;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.verdict.Bound;

/**
 * A client that sends its request slowly (slowloris): a header line every half second, never the
 * blank line that ends the headers. Each line resets "timeout client" (an idle timeout, 30 s
 * here), so only "timeout http-request", which counts from the accept whatever arrives, cuts it:
 * haproxy answers 408 and closes. Meanwhile the probe's requests, on their own connections, are
 * all served. The bound is the rendered haproxy.cfg's "timeout http-request".
 *
 * <p>The negative case runs the same scenario (its bound from these settings) on a config whose
 * "timeout http-request" is a minute: the slow client is still open when it gives up past the
 * bound, and the key check fails.
 */
final class SlowClientSemantics {

  /** How often the slow client sends a header line: far below "timeout client" (30 s). */
  static final Duration EVERY = Duration.ofMillis(500);

  /** How long the slow client waits past the bound before it gives up. */
  static final Duration GIVE_UP = Duration.ofSeconds(2);

  /** haproxy's clock, cached per poll loop, may read a little early at the accept. */
  static final Duration EARLY = Duration.ofMillis(50);

  /** mode http, "timeout http-request 3s" (in defaults: haproxy reads it from the frontend). */
  static final LbSettings SETTINGS = LbSettings.ARTICLE.withHttpMode(true)
      .withHaproxyExtra("timeout http-request 3s");

  /** The negative case: a minute, far past the bound. */
  static final LbSettings NEGATIVE = LbSettings.ARTICLE.withHttpMode(true)
      .withHaproxyExtra("timeout http-request 60s");

  private SlowClientSemantics() {}

  static Scenario slowClient(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("slow-client",
        "a client sends its request a header line every 0.5 s and never ends it: haproxy cuts it"
            + " with 408 at 'timeout http-request' (not reset by the trickle, unlike 'timeout"
            + " client'), and serves the probe's requests meanwhile", ss -> {
          Frontend fe = frontend(ss, s);
          Duration httpRequest = fe.timeouts().httpRequest().orElseThrow(
              () -> new IllegalStateException("the settings must set 'timeout http-request'"));
          fe.timeouts().client().ifPresent(c -> {
            if (EVERY.compareTo(c) >= 0) {
              throw new IllegalStateException("the trickle (" + EVERY + ") must beat timeout"
                  + " client (" + c + ")");
            }
          });
          Bound lo = new Bound(httpRequest.minus(EARLY), "timeout http-request less "
              + EARLY.toMillis() + " ms (haproxy's clock cached at the accept)");
          Bound hi = MACHINE.applyTo(new Bound(httpRequest, "timeout http-request"));
          Waits.ready(ss, masterDown(s));
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          ss.slowRequest(EVERY, hi.value().plus(GIVE_UP));
          Waits.answers(ss, 10, p);
          ss.stopProbe();
          return List.<Checker>of(
              new DegradedChecks.CutAtHttpRequest(lo, hi),
              new DegradedChecks.ServedMeanwhile(),
              Checks.failedRequests(0)).stream().map(c -> c.within(from, Long.MAX_VALUE)).toList();
        });
  }

  /** The rendered haproxy.cfg's frontend, parsed as a user's would be. */
  static Frontend frontend(Session ss, LbSettings s) {
    try {
      return HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
          ReferenceConfigs.haproxy(ss.lab().plan(), s)).frontends().getFirst();
    } catch (lbchaos.config.ConfigException e) {
      throw new IllegalStateException("rendered haproxy.cfg does not parse: " + e.getMessage(), e);
    }
  }
}
