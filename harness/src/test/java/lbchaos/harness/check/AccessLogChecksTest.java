package lbchaos.harness.check;

import static lbchaos.harness.check.Synth.ok;
import static lbchaos.harness.check.Synth.us;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lbchaos.event.AccessLog;
import lbchaos.event.Event;
import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

/** Each answered probe request against the access log events of the LBs. */
class AccessLogChecksTest {

  static final Checker CHECK = AccessLogChecks.eachProbeLogged("backend-", "webserver-", 2_000);

  static AccessLog logged(double at, String server) {
    return new AccessLog(us(at), "loadbalancer-1", "tcp", "10.0.0.9:40000", "apiserver",
        "apiserver", server, -1, 0, 0, -1, 1, -1, 12, "--", 1, 1, 1, 1, 0, 0, 0, "");
  }

  static Verdict judge(Event... events) {
    return CHECK.check(History.of(new ArrayList<>(List.of(events))));
  }

  @Test
  void passesWhenEachAnswerIsLoggedWithItsServer() {
    Verdict v = judge(ok(1.0, "webserver-1"), logged(1.0005, "backend-1"),
        ok(2.0, "webserver-2"), logged(1.9995, "backend-2"), logged(3.0, "backend-1"));
    assertThat(v.passed()).as("%s", v).isTrue();
    assertThat(v.figures()).containsEntry("requests_logged", 2.0);
  }

  @Test
  void failsWhenTheLogNamesAnotherServer() {
    Verdict v = judge(ok(1.0, "webserver-1"), logged(1.0005, "backend-2"));
    assertThat(v.passed()).as("%s", v).isFalse();
    assertThat(v.sentence()).contains("1 of 1");
  }

  @Test
  void failsWhenNothingIsLoggedOrTheLineIsFarFromTheRequest() {
    assertThat(judge(ok(1.0, "webserver-1")).passed()).isFalse();
    assertThat(judge(ok(1.0, "webserver-1"), logged(1.5, "backend-1")).passed()).isFalse();
  }

  /**
   * Two overlapping requests to the same server (seen on the java stack: a slow accept): the
   * long one must not take the line that only the short one can have.
   */
  @Test
  void overlappingRequestsAreMatchedSoThatEachGetsALine() {
    var longOne = new lbchaos.event.ProbeSample(us(5.090), "client", us(5.205), "webserver-2",
        null);
    var shortOne = new lbchaos.event.ProbeSample(us(5.0977), "client", us(5.1106),
        "webserver-2", null);
    Verdict v = judge(longOne, shortOne, logged(5.0985, "backend-2"), logged(5.1895,
        "backend-2"));
    assertThat(v.passed()).as("%s", v).isTrue();
  }

  @Test
  void oneLogLineServesOneRequestOnly() {
    Verdict v = judge(ok(1.0, "webserver-1"), ok(1.001, "webserver-1"),
        logged(1.0015, "backend-1"));
    assertThat(v.passed()).as("%s", v).isFalse();
  }

  @Test
  void unknownWithoutAnsweredRequests() {
    assertThat(judge(logged(1.0, "backend-1")).outcome()).isEqualTo(lbchaos.verdict.Outcome.UNKNOWN);
  }
}
