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

  /**
   * slow-body's: the backend waits for a request's body ("option http-buffer-request"), for at
   * most "timeout http-request" (3 s, from defaults: the backend's own is read for its wait).
   */
  static final LbSettings BODY = LbSettings.ARTICLE.withHttpMode(true)
      .withHaproxyExtra("option http-buffer-request\n  timeout http-request 3s");

  /** The slow body's length: far more than it sends before the bound. */
  static final long BODY_BYTES = 1_000_000;

  private SlowClientSemantics() {}

  static Scenario slowClient(LbSettings s, ProbeSpec p) {
    return cutAtHttpRequest("slow-client",
        "a client sends its request a header line every 0.5 s and never ends it: haproxy cuts it"
            + " with 408 at 'timeout http-request' (not reset by the trickle, unlike 'timeout"
            + " client'), and serves the probe's requests meanwhile", s, p,
        c -> c.frontends().getFirst().timeouts(),
        (ss, atMost) -> ss.slowRequest(EVERY, atMost));
  }

  /**
   * A whole head, then a body byte every 0.5 s, never the last. With "option
   * http-buffer-request" haproxy waits for the body before it connects a server, for at most the
   * backend's "timeout http-request" from the end of the headers, then answers 408 (2.6.12 side
   * by side, BENCHMARKS.md session 35). The negative case is the same scenario on slow-client's
   * settings, without the option: the body goes on to the webserver as it comes, and nothing cuts
   * it within the bound.
   */
  static Scenario slowBody(LbSettings s, ProbeSpec p) {
    return cutAtHttpRequest("slow-body",
        "a client sends a whole head, then its body a byte every 0.5 s, never all of it: with"
            + " 'option http-buffer-request' haproxy waits for the body before connecting a server"
            + " and cuts it with 408 at 'timeout http-request', and serves the probe's requests"
            + " meanwhile", s, p, c -> c.backends().getFirst().timeouts(),
        (ss, atMost) -> ss.slowBody(EVERY, atMost, BODY_BYTES));
  }

  /**
   * The scenario both slow clients share: {@code client} runs one for at most the given time,
   * which the proxy must cut with 408 at the "timeout http-request" of {@code timeouts} while
   * the probe's requests are all served.
   */
  private static Scenario cutAtHttpRequest(String name, String description, LbSettings s,
      ProbeSpec p, java.util.function.Function<lbchaos.proxy.config.HaproxyConfig,
          lbchaos.proxy.config.Timeouts> timeouts,
      java.util.function.BiConsumer<Session, Duration> client) {
    return new ArticleScenarios.Simple(name, description, ss -> {
          lbchaos.proxy.config.Timeouts t = timeouts.apply(config(ss, s));
          Duration httpRequest = t.httpRequest().orElseThrow(
              () -> new IllegalStateException("the settings must set 'timeout http-request'"));
          t.client().ifPresent(c -> {
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
          client.accept(ss, hi.value().plus(GIVE_UP));
          Waits.answers(ss, 10, p);
          ss.stopProbe();
          return List.<Checker>of(
              new DegradedChecks.CutAtHttpRequest(lo, hi),
              new DegradedChecks.ServedMeanwhile(),
              Checks.failedRequests(0)).stream().map(c -> c.within(from, Long.MAX_VALUE)).toList();
        });
  }

  /** The rendered haproxy.cfg, parsed as a user's would be. */
  static lbchaos.proxy.config.HaproxyConfig config(Session ss, LbSettings s) {
    try {
      return HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
          ReferenceConfigs.haproxy(ss.lab().plan(), s));
    } catch (lbchaos.config.ConfigException e) {
      throw new IllegalStateException("rendered haproxy.cfg does not parse: " + e.getMessage(), e);
    }
  }
}
