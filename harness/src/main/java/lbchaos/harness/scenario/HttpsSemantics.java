package lbchaos.harness.scenario;

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

  static Scenario masterDown(ProbeSpec p) {
    return over(ArticleScenarios.masterDown(ARTICLE, p));
  }

  static Scenario gracefulStop() {
    return over(VrrpSemantics.gracefulStop(WEIGHTED));
  }
}
