package lbchaos.harness.scenario;

import java.util.List;
import lbchaos.event.AccessLog;
import lbchaos.event.Events;
import lbchaos.harness.check.AccessLogChecks;
import lbchaos.harness.check.Checks;
import lbchaos.harness.config.LbSettings;

/**
 * access-log: with "log global" in the frontend (the rendered global section then logs to
 * stdout), each proxy's access log is in the History, haproxy's parsed from its httplog/tcplog
 * lines, the Java proxy's from its events; every request the client got an answer to is logged
 * by the LB that served it, naming the server whose name was in the answer.
 */
final class AccessLogSemantics {

  /** The article's config with the frontend logging (option tcplog is rendered already). */
  static final LbSettings SETTINGS = LbSettings.ARTICLE.withHaproxyExtra("log global");

  /**
   * How far outside a request's [start, end] its log line may say it began: haproxy writes the
   * accept date in whole milliseconds, cut (up to 1 ms early), plus 1 ms of slack.
   */
  static final long TOLERANCE_MICROS = 2_000;

  private AccessLogSemantics() {}

  static Scenario accessLog(LbSettings s, ProbeSpec p) {
    ScenarioBounds b = ScenarioBounds.of(s);
    return new ArticleScenarios.Simple("access-log", "each answered request has an access log"
        + " event naming the server that answered it", ss -> {
          Waits.ready(ss, b.masterDown());
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          ss.stopProbe();
          // the log lines reach the History as the container log is read: wait until there are
          // as many as answered requests (the article's check script adds its own)
          long answered = ss.history().between(from, Long.MAX_VALUE).probes().stream()
              .filter(q -> q.ok()).count();
          Waits.tryAwait("the access logs caught up", Observed.WAIT_SLACK,
              () -> ss.history().between(from, Long.MAX_VALUE).of(AccessLog.class).size()
                  >= answered);
          return List.of(AccessLogChecks.eachProbeLogged("backend-", "webserver-",
              TOLERANCE_MICROS).within(from - TOLERANCE_MICROS, Long.MAX_VALUE),
              Checks.failedRequests(0).within(from, Long.MAX_VALUE));
        });
  }
}
