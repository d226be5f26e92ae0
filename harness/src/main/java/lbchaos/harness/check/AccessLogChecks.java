package lbchaos.harness.check;

import java.util.ArrayList;
import java.util.List;
import lbchaos.event.AccessLog;
import lbchaos.event.ProbeSample;
import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;

/**
 * The proxies' access logs against what the client saw: every request the probe got an answer
 * to has an {@link AccessLog} event (from whichever LB served it) that names the server whose
 * name was in the answer. What the report shows per request is then the proxy's own word on
 * which server it chose and its timers.
 */
public final class AccessLogChecks {

  private AccessLogChecks() {}

  /**
   * @param serverPrefix the servers' name before their number in the rendered haproxy.cfg
   *     ("backend-": server backend-N is webserver-N)
   * @param answerPrefix the name the webservers answer with, before the number ("webserver-")
   * @param toleranceMicros how far outside the probe's [start, end] a logged request may start:
   *     haproxy writes its accept date in whole milliseconds, cut, not rounded
   */
  public static Checker eachProbeLogged(String serverPrefix, String answerPrefix,
      long toleranceMicros) {
    return new EachProbeLogged(serverPrefix, answerPrefix, toleranceMicros);
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("access-log-per-request")
  public record EachProbeLogged(String serverPrefix, String answerPrefix, long toleranceMicros)
      implements Checker {

    @Override
    public Verdict check(History h) {
      // Requests overlap when answers are slow (the probe keeps its rate), so a log line may fit
      // two of them: requests are matched in the order they ended, each to the earliest unused
      // line that fits it, which matches as many as any assignment can (interval-point matching)
      List<ProbeSample> answered = h.of(ProbeSample.class).stream()
          .filter(p -> p.ok() && p.backend() != null)
          .sorted(java.util.Comparator.comparingLong(ProbeSample::endAt)).toList();
      List<AccessLog> logs = h.of(AccessLog.class).stream()
          .sorted(java.util.Comparator.comparingLong(AccessLog::at)).toList();
      boolean[] used = new boolean[logs.size()];
      List<String> missing = new ArrayList<>();
      int matched = 0;
      for (ProbeSample p : answered) {
        String want = p.backend().startsWith(answerPrefix)
            ? serverPrefix + p.backend().substring(answerPrefix.length()) : p.backend();
        int found = -1;
        for (int i = 0; i < logs.size() && found < 0; i++) {
          AccessLog a = logs.get(i);
          if (!used[i] && a.server().equals(want) && a.at() >= p.at() - toleranceMicros
              && a.at() <= p.endAt() + toleranceMicros) {
            found = i;
          }
        }
        if (found < 0) {
          missing.add(p.backend() + " at " + Figures.s(p.at() - h.startMicros().orElse(0L)));
        } else {
          used[found] = true;
          matched++;
        }
      }
      Figures f = Figures.of().put("answered_requests", answered.size())
          .put("access_log_events", logs.size()).put("requests_logged", matched);
      if (answered.isEmpty()) {
        return Verdict.unknown("access-log-per-request", f.map(),
            "no answered probe request to look for in the access logs");
      }
      if (missing.isEmpty()) {
        return new Verdict("access-log-per-request", true, f.map(), "each of the "
            + answered.size() + " answered requests has an access log event naming the server"
            + " that answered it (" + logs.size() + " access log events)");
      }
      return new Verdict("access-log-per-request", false, f.map(), missing.size() + " of "
          + answered.size() + " answered requests have no access log event naming the server"
          + " that answered, e.g. " + String.join(", ", missing.subList(0,
              Math.min(3, missing.size()))) + " (" + logs.size() + " access log events)");
    }
  }
}
