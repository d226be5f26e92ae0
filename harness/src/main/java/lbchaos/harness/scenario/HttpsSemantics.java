package lbchaos.harness.scenario;

import static org.awaitility.Awaitility.await;

import java.util.List;
import lbchaos.event.Events;
import lbchaos.harness.check.Checks;
import lbchaos.harness.config.LbSettings;

/**
 * The article's scenarios over HTTPS: the frontend binds "ssl crt" with a certificate made for
 * the run (TestCertificate) and "alpn http/1.1", the probe and the check script speak TLS to the
 * VIP, the webservers stay plain HTTP (TLS is terminated on the LB, in mode tcp as the article's
 * haproxy.cfg has it). Same checks, same bounds: TLS must change nothing a client sees but the
 * handshake.
 */
final class HttpsSemantics {

  /** The article's settings with HTTPS on the frontend. */
  static final LbSettings ARTICLE = LbSettings.ARTICLE.withHttps(true);

  /** graceful-stop's settings (weighted check, fast detection) with HTTPS. */
  static final LbSettings WEIGHTED = SemanticsScenarios.WEIGHTED.withHttps(true);

  private HttpsSemantics() {}

  /** {@code s} named "https-" + its name. */
  static Scenario over(Scenario s) {
    return new ArticleScenarios.Simple("https-" + s.name(), s.description()
        + " (over HTTPS: the frontend binds ssl crt, the probe speaks TLS)", s::run);
  }

  static Scenario roundRobin(ProbeSpec p) {
    return over(ArticleScenarios.roundRobin(ARTICLE, p));
  }

  static Scenario backendDown(ProbeSpec p) {
    return over(ArticleScenarios.backendDown(ARTICLE, p));
  }

  static Scenario masterDown(ProbeSpec p) {
    return over(ArticleScenarios.masterDown(ARTICLE, p));
  }

  static Scenario gracefulStop() {
    return over(VrrpSemantics.gracefulStop(WEIGHTED));
  }

  /**
   * https-round-robin's negative case: a client that does not speak TLS (the probe without
   * --tls) against the ssl bind. Its requests get no HTTP answer (the proxy's TLS handler takes
   * "GET /" for a bad record and closes), so failed-requests and round-robin must fail. It waits
   * for 40 requests, answered or not, within three probe intervals each plus one timeout.
   */
  static Scenario plainClient(ProbeSpec p) {
    return new ArticleScenarios.Simple("https-round-robin", "a plain-HTTP client against the"
        + " ssl bind gets no answer", ss -> {
          Waits.ready(ss, ScenarioBounds.of(ARTICLE).masterDown());
          ss.plainClient();
          long from = Events.nowMicros();
          ss.startProbe(p);
          await("40 requests through the VIP").atMost(p.interval().multipliedBy(120)
              .plus(p.timeout())).pollInterval(java.time.Duration.ofMillis(100))
              .until(() -> ss.history().between(from, Long.MAX_VALUE).probes().size() >= 40);
          ss.stopProbe();
          return List.of(Checks.roundRobin(from, Long.MAX_VALUE, 0),
              Checks.failedRequests(0).within(from, Long.MAX_VALUE));
        });
  }
}
