package lbchaos.harness.check;

import static lbchaos.harness.check.Synth.us;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.FaultEvent;
import lbchaos.event.ProbeSample;
import lbchaos.event.ProbeSample.ErrorKind;
import lbchaos.harness.history.History;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Tolerance;
import org.junit.jupiter.api.Test;

/** A slow or lossy webserver: each check fails on the history it is meant to catch. */
class DegradedChecksTest {

  static ProbeSample answer(double at, double took, String backend) {
    return new ProbeSample(us(at), "client", us(at + took), backend, null);
  }

  static ProbeSample cut(double at, double took) {
    return new ProbeSample(us(at), "client", us(at + took), null, ErrorKind.BAD_ANSWER);
  }

  /** Alternating answers, webserver-1's {@code slow} s late. */
  static List<Event> rotation(double slow) {
    List<Event> e = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      e.add(answer(i, i % 2 == 0 ? slow : 0.01, "webserver-" + (i % 2 + 1)));
    }
    return e;
  }

  @Test
  void stayedUpAndInRotation() {
    History ok = History.of(rotation(1.02));
    assertThat(new DegradedChecks.StayedUp("backend-1").check(ok).passed()).isTrue();
    assertThat(new DegradedChecks.StayedUp("backend-1").check(ok.plus(List.of(
        Synth.server(3, "lb1", "backend-1", false)))).passed()).as("marked DOWN").isFalse();
    assertThat(new DegradedChecks.InRotation("webserver-1", 0.35).check(ok).figure("share"))
        .isEqualTo(0.5);
    History skipped = History.of(rotation(1.02).stream()
        .filter(e -> !"webserver-1".equals(((ProbeSample) e).backend()) || e.at() < us(4))
        .toList());
    assertThat(new DegradedChecks.InRotation("webserver-1", 0.35).check(skipped).passed())
        .as("2 of 12 answers").isFalse();
  }

  @Test
  void answerDelayReachesTheClient() {
    Bound sleep = new Bound(Duration.ofSeconds(1), "the CGI's sleep");
    var slowed = new DegradedChecks.AnswerDelay("slowed", "webserver-1", true, "min_latency_s",
        sleep);
    assertThat(slowed.check(History.of(rotation(1.02))).passed()).isTrue();
    assertThat(slowed.check(History.of(rotation(0.5))).passed()).as("not slowed").isFalse();
    assertThat(slowed.check(History.of(rotation(0.5))).measured()).hasValue(0.5);
  }

  @Test
  void failuresAreCutByTheProxyAtTimeoutServer() {
    var check = new DegradedChecks.CutAtServerTimeout(new Bound(Duration.ofSeconds(1),
        "timeout server"), new Bound(Duration.ofSeconds(2), "the probe's timeout"));
    assertThat(check.check(History.of(cut(1, 1.01), cut(3, 1.03))).passed()).isTrue();
    assertThat(check.check(History.of(cut(1, 1.01), cut(3, 0.4))).passed())
        .as("cut before timeout server").isFalse();
    assertThat(check.check(History.of(cut(1, 1.01), new ProbeSample(us(3), "client", us(5),
        null, ErrorKind.TIMEOUT))).passed()).as("the probe's own timeout").isFalse();
    assertThat(check.check(History.of(rotation(0.01))).passed()).as("nothing failed").isFalse();
  }

  @Test
  void noFailureOnceEveryProxyMarkedItDown() {
    Moment injected = new Moment.Fault("slow", FaultEvent.Phase.INJECT, 1);
    var check = new DegradedChecks.NoFailureAfterDown("backend-1", injected,
        Tolerance.of(Duration.ofMillis(500), "scheduling"));
    History h = History.of(Synth.inject(1, "slow", "webserver-1"), cut(2, 1),
        Synth.server(3, "lb1", "web/backend-1", false), Synth.server(4, "lb2", "web/backend-1",
            false), cut(4.2, 1));
    assertThat(check.check(h).passed()).as("within the slack after the slower proxy").isTrue();
    assertThat(check.check(h.plus(List.of(cut(5, 1)))).passed()).as("after it").isFalse();
    assertThat(check.check(History.of(cut(2, 1))).outcome()).as("no inject: unknown")
        .isEqualTo(Outcome.UNKNOWN);
  }

  @Test
  void lossyFailuresWithinTheBinomialBound() {
    var check = new DegradedChecks.LossyFailures(20, 2, 3, Duration.ofSeconds(2),
        Tolerance.of(Duration.ofMillis(500), "scheduling"), 1e-3);
    List<Event> e = new ArrayList<>(rotation(0.3));
    assertThat(check.check(History.of(e)).passed()).as("none failed").isTrue();
    for (int i = 0; i < 10; i++) {
      e.add(new ProbeSample(us(20 + i), "client", us(22 + i), null, ErrorKind.TIMEOUT));
    }
    var many = check.check(History.of(e));
    assertThat(many.passed()).as("10 of 30 failed").isFalse();
    assertThat(many.figure("failed_requests_max")).isLessThan(10);
  }

  @Test
  void aSlowClientMustBeCutWith408WithinTheBoundWhileOthersAreServed() {
    Bound lo = new Bound(Duration.ofMillis(2950), "timeout http-request less 50 ms");
    Bound hi = new Bound(Duration.ofMillis(3500), "timeout http-request + tolerance");
    var cut = new DegradedChecks.CutAtHttpRequest(lo, hi);
    List<Event> e = new ArrayList<>(rotation(0.01));
    History ok = History.of(e).plus(List.of(new lbchaos.event.SlowRequest(us(5.1), "slow-client",
        us(2), 6, "HTTP/1.1 408 Request Time-out", true)));
    assertThat(cut.check(ok).passed()).as("408 after 3.1 s").isTrue();
    assertThat(new DegradedChecks.ServedMeanwhile().check(ok).figure("answered_meanwhile"))
        .as("answers started in [2, 5.1) s").isEqualTo(4.0);
    History open = History.of(e).plus(List.of(new lbchaos.event.SlowRequest(us(7.5), "slow-client",
        us(2), 11, "", false)));
    assertThat(cut.check(open).passed()).as("not cut: the key check fails").isFalse();
    History early = History.of(e).plus(List.of(new lbchaos.event.SlowRequest(us(3), "slow-client",
        us(2), 2, "HTTP/1.1 408 Request Time-out", true)));
    assertThat(cut.check(early).passed()).as("cut before the timeout").isFalse();
    assertThat(cut.check(History.of(e)).outcome()).as("no slow client: unknown")
        .isEqualTo(Outcome.UNKNOWN);
    History failedMeanwhile = ok.plus(List.of(cut(3, 2)));
    assertThat(new DegradedChecks.ServedMeanwhile().check(failedMeanwhile).passed())
        .as("a request failed meanwhile").isFalse();
  }
}
