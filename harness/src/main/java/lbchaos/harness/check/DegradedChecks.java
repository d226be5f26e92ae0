package lbchaos.harness.check;

import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.harness.expect.LossyAnswers;
import lbchaos.harness.history.History;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Tolerance;
import lbchaos.verdict.Verdict;

/**
 * A webserver made slow or lossy, seen from the probe and the proxies' health checks: whether it
 * stayed UP and in rotation, how its answers were delayed, how many requests failed and how.
 * Each is judged on the window the scenario gives it ({@link Checker#within}).
 */
public final class DegradedChecks {

  private DegradedChecks() {}

  private static List<ProbeSample> answersFrom(List<ProbeSample> probes, String webserver) {
    return probes.stream().filter(q -> q.ok() && webserver.equals(q.backend())).toList();
  }

  private static long latency(ProbeSample q) {
    return q.endAt() - q.at();
  }

  /** No proxy marked {@code server} DOWN. */
  @JsonTypeName("stayed-up")
  public record StayedUp(String server) implements Checker {
    @Override
    public Verdict check(History h) {
      long downs = h.of(ServerState.class).stream()
          .filter(e -> e.server().equals(server) && !e.up()).count();
      return new Verdict("stayed-up", downs == 0, Figures.of().put("down_events", downs).map(),
          "a proxy marked " + server + " DOWN " + downs + " time(s) while it was degraded"
              + " (expected none: its checks still connect within inter)");
    }
  }

  /** {@code webserver} gave at least {@code minShare} of the answers. */
  @JsonTypeName("in-rotation")
  public record InRotation(String webserver, double minShare) implements Checker {
    @Override
    public Verdict check(History h) {
      int answers = answersFrom(h.probes(), webserver).size();
      long ok = h.probes().stream().filter(ProbeSample::ok).count();
      double share = ok == 0 ? 0 : (double) answers / ok;
      return new Verdict("in-rotation", share >= minShare, Figures.of().put("share", share).map(),
          webserver + " gave " + answers + " of " + ok + " answers (" + Math.round(share * 100)
              + " %, at least " + Math.round(minShare * 100) + " % expected of a 2-server"
              + " rotation)");
    }
  }

  /**
   * The fastest ({@code fastest}) or slowest answer from {@code webserver} took at least
   * {@code min}: the delay reached the client.
   */
  @JsonTypeName("answer-delay")
  public record AnswerDelay(String name, String webserver, boolean fastest, String key,
      Bound min) implements Checker {
    /**
     * {@code probes} show the delay: what a scenario waits for before it judges them, by the
     * same rule as the verdict.
     */
    public boolean shownBy(List<ProbeSample> probes) {
      return micros(probes) >= min.micros();
    }

    /** The fastest or slowest answer's latency, 0 when none came from the webserver. */
    private long micros(List<ProbeSample> probes) {
      var lat = answersFrom(probes, webserver).stream().mapToLong(DegradedChecks::latency);
      return (fastest ? lat.min() : lat.max()).orElse(0);
    }

    @Override
    public Verdict check(History h) {
      long micros = micros(h.probes());
      boolean ok = shownBy(h.probes());
      return new Verdict(name, ok, Figures.of().put(key, seconds(micros))
          .put(key.replaceFirst("_s$", "") + "_min_bound_s", min.seconds()).map(),
          (fastest ? "fastest" : "slowest") + " answer from " + webserver
              + (fastest ? " while slow" : "") + " for " + s(micros) + ", "
              + (ok ? "at least" : "less than") + " " + min.describe()).judgedBy(key, min);
    }
  }

  /**
   * A correct proxy fails a request to the lossy webserver only when TCP's retransmissions push
   * the answer past the probe's timeout; the bound is the binomial upper tail of that per-request
   * probability ({@link LossyAnswers}) over the requests round robin sent it.
   *
   * @param checkIntervalS the master's check script GETs the VIP once per interval, and each
   *     such turn can shift one more probe onto the lossy server
   */
  @JsonTypeName("lossy-failures")
  public record LossyFailures(double lossPercent, int webservers, int checkIntervalS,
      Duration timeout, Tolerance slack, double risk) implements Checker {
    @Override
    public Verdict check(History h) {
      List<ProbeSample> all = h.probes();
      long failed = all.stream().filter(q -> !q.ok()).count();
      long first = all.stream().mapToLong(ProbeSample::at).min().orElse(0);
      long last = all.stream().mapToLong(ProbeSample::at).max().orElse(first);
      double window = (last - first) / 1e6;
      // Round robin gives it every other request, plus one for the rotation's phase.
      int foreign = (int) Math.ceil(window / checkIntervalS) + 1;
      int attempts = (all.size() + webservers - 1) / webservers + 1 + foreign;
      var bound = LossyAnswers.linuxHttp(lossPercent / 100).failedRequests(attempts, timeout,
          slack, risk);
      Map<String, Double> f = new LinkedHashMap<>();
      f.put("failed_requests", (double) failed);
      f.put("failed_requests_max", (double) bound.max());
      f.put("failure_probability", bound.perRequest());
      f.put("attempts_bound", (double) attempts);
      boolean ok = failed <= bound.max();
      return new Verdict("failed-requests", ok, f, failed + " of " + all.size() + " requests"
          + " failed, " + (ok ? "within" : "more than") + " the bound of " + bound.max() + ": "
          + bound.derivation() + "; " + attempts + " = ceil(" + all.size() + " requests / "
          + webservers + " webservers) + 1 + " + foreign + " check-script turns over "
          + String.format(Locale.ROOT, "%.1f", window) + " s");
    }
  }

  /**
   * Every failed request ended when the proxy gave up on the silent server: after {@code lo}
   * ("timeout server") and before {@code hi} (the probe's own timeout, which a cut must beat),
   * each with the proxy's answer.
   */
  @JsonTypeName("cut-at-timeout-server")
  public record CutAtServerTimeout(Bound lo, Bound hi) implements Checker {
    @Override
    public Verdict check(History h) {
      List<ProbeSample> failed = h.probes().stream().filter(q -> !q.ok()).toList();
      long min = failed.stream().mapToLong(DegradedChecks::latency).min().orElse(-1);
      long max = failed.stream().mapToLong(DegradedChecks::latency).max().orElse(-1);
      boolean ok = !failed.isEmpty() && min >= lo.micros() && max < hi.micros()
          && failed.stream().allMatch(q -> q.error() == ProbeSample.ErrorKind.BAD_ANSWER);
      Map<String, Double> f = new LinkedHashMap<>();
      f.put("failed_min_s", min / 1e6);
      f.put("failed_max_s", max / 1e6);
      f.put("timeout_server_s", lo.seconds());
      return new Verdict("cut-at-timeout-server", ok, f, failed.isEmpty()
          ? "no request failed: the slow server's requests were expected to be cut at timeout"
              + " server"
          : String.format(Locale.ROOT, "%d failed requests lasted %.2f to %.2f s: %s [%s, %s),"
              + " each answered by the proxy (not the probe's timeout)", failed.size(), min / 1e6,
              max / 1e6, ok ? "within" : "outside", lo.describe(), hi.describe()));
    }
  }

  /**
   * The slow client (a header line every interval, never the end of its headers) was cut by the
   * proxy with 408 after a time in [lo, hi): "timeout http-request" counts from the accept and is
   * not reset by the trickling bytes. An uncut slow request, or one cut otherwise, fails.
   */
  @JsonTypeName("cut-at-timeout-http-request")
  public record CutAtHttpRequest(Bound lo, Bound hi) implements Checker {
    @Override
    public Verdict check(History h) {
      List<lbchaos.event.SlowRequest> slow = h.of(lbchaos.event.SlowRequest.class);
      Map<String, Double> f = new LinkedHashMap<>();
      f.put("timeout_http_request_s", lo.seconds());
      if (slow.isEmpty()) {
        return Verdict.unknown("cut-at-timeout-http-request", f, "no slow request in the history:"
            + " the slow client did not run");
      }
      double min = slow.stream().mapToDouble(lbchaos.event.SlowRequest::seconds).min().orElse(0);
      double max = slow.stream().mapToDouble(lbchaos.event.SlowRequest::seconds).max().orElse(0);
      f.put("slow_requests", (double) slow.size());
      f.put("cut_min_s", min);
      f.put("cut_max_s", max);
      boolean ok = slow.stream().allMatch(r -> r.cut() && r.answer().matches("HTTP/1\\.[01] 408 .*")
          && r.at() - r.startAt() >= lo.micros() && r.at() - r.startAt() < hi.micros());
      String how = slow.stream().map(r -> String.format(Locale.ROOT, "%.2f s, %d lines, %s", r.seconds(),
          r.lines(), r.cut() ? "'" + r.answer() + "'" : "not cut")).collect(
              java.util.stream.Collectors.joining("; "));
      return new Verdict("cut-at-timeout-http-request", ok, f, how + ": expected a 408 within ["
          + lo.describe() + ", " + hi.describe() + ")");
    }
  }

  /**
   * Others were served while the slow client held its connection: at least one request started
   * during each slow request, and none of those failed.
   */
  @JsonTypeName("served-meanwhile")
  public record ServedMeanwhile() implements Checker {
    @Override
    public Verdict check(History h) {
      List<lbchaos.event.SlowRequest> slow = h.of(lbchaos.event.SlowRequest.class);
      Map<String, Double> f = new LinkedHashMap<>();
      if (slow.isEmpty()) {
        return Verdict.unknown("served-meanwhile", f, "no slow request in the history");
      }
      long ok = 0;
      long failed = 0;
      for (var r : slow) {
        for (ProbeSample q : h.probes()) {
          if (q.at() >= r.startAt() && q.at() < r.at()) {
            if (q.ok()) {
              ok++;
            } else {
              failed++;
            }
          }
        }
      }
      f.put("answered_meanwhile", (double) ok);
      f.put("failed_meanwhile", (double) failed);
      return new Verdict("served-meanwhile", ok > 0 && failed == 0, f, ok + " requests answered"
          + " and " + failed + " failed while the slow client held its connection (expected some"
          + " answered, none failed)");
    }
  }

  /**
   * Once every proxy has marked {@code server} DOWN (the slowest proxy's first DOWN after
   * {@code from}), round robin skips it: no request started more than {@code slack} later fails.
   */
  @JsonTypeName("none-after-down")
  public record NoFailureAfterDown(String server, Moment from, Tolerance slack)
      implements Checker {
    @Override
    public Verdict check(History h) {
      long after = slack.value().toNanos() / 1000;
      var origin = from.in(h);
      Map<String, Double> f = new LinkedHashMap<>();
      if (origin.isEmpty()) {
        return Verdict.unknown("none-after-down", f, "the history does not show "
            + from.describe());
      }
      Map<String, Long> first = new LinkedHashMap<>();
      for (ServerState st : h.of(ServerState.class)) {
        if (st.server().endsWith(server) && !st.up() && st.at() >= origin.get()) {
          first.putIfAbsent(st.source(), st.at());
        }
      }
      long downAt = first.values().stream().mapToLong(Long::longValue).max()
          .orElse(Long.MAX_VALUE);
      long late = h.probes().stream().filter(q -> !q.ok() && q.at() > downAt + after).count();
      f.put("failed_after_down", (double) late);
      return new Verdict("none-after-down", downAt != Long.MAX_VALUE && late == 0, f,
          late + " requests started more than " + after / 1e6 + " s after the last proxy marked "
              + server + " DOWN failed (expected none: only the other server is in rotation)");
    }
  }
}
