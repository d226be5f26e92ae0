package lbchaos.harness.expect;

import lbchaos.verdict.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import lbchaos.fuzz.Cases;
import org.junit.jupiter.api.Test;

class LossyAnswersTest {

  static final Tolerance SLACK = Tolerance.of(Duration.ofMillis(500), "test");

  @Test
  void oneSegmentMatchesTheHandCount() {
    // Budget 1.5 s, p = 0.2: no SYN-ACK loss leaves 1.5 s for the segment (0, 0.2, 0.6, 1.4 s
    // fit: 1 - p^4); one loss (1 s) leaves 0.5 s (0, 0.2 s fit: 1 - p^2); two cost 3 s.
    double p = 0.2;
    double success = (1 - p) * (1 - Math.pow(p, 4)) + p * (1 - p) * (1 - p * p);
    var m = new LossyAnswers(p, LossyAnswers.INITIAL_RTO, LossyAnswers.LINUX_RTO_MIN, 1);
    assertThat(m.failureProbability(Duration.ofMillis(1500))).as("P(fail)")
        .isCloseTo(1 - success, within(1e-12));
  }

  @Test
  void theArticlesProbeAgainstATwentyPercentDropFailsAboutOneRequestInTwenty() {
    var b = LossyAnswers.linuxHttp(0.2).failedRequests(35, Duration.ofSeconds(2), SLACK, 1e-3);
    assertThat(b.perRequest()).as("P(fail): two SYN-ACK losses alone are 4 %")
        .isBetween(0.04, 0.07);
    assertThat(b.max()).as("bound over 35 requests").isBetween(5, 10);
    assertThat(b.derivation()).as("derivation").contains("binomial over 35")
        .contains("initial RTO");
  }

  @Test
  void binomialQuantileIsTheUpperTail() {
    // Binomial(10, 0.5): P(X > 9) = 1/1024 < 0.001 < P(X > 8) = 11/1024.
    assertThat(LossyAnswers.binomialQuantile(10, 0.5, 1e-3)).as("quantile").isEqualTo(9);
    assertThat(LossyAnswers.binomialQuantile(10, 0, 1e-3)).as("no failure possible").isZero();
    assertThat(LossyAnswers.binomialQuantile(10, 1, 1e-3)).as("every request fails")
        .isEqualTo(10);
  }

  @Test
  void invalidInputIsRefused() {
    assertThatThrownBy(() -> LossyAnswers.linuxHttp(0)).as("p = 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossyAnswers.linuxHttp(0.2).failedRequests(-1,
        Duration.ofSeconds(2), SLACK, 1e-3)).as("negative attempts")
        .isInstanceOf(IllegalArgumentException.class);
  }

  record Loss(double p, double more, int budgetMillis) {}

  @Test
  void moreLossOrLessTimeNeverFailsFewer() {
    Cases.forEach("LossyAnswersTest.moreLossOrLessTimeNeverFailsFewer", 1_000,
        r -> new Loss(Cases.doubleIn(r, 0.01, 0.9), Cases.doubleIn(r, 0.01, 0.09),
            Cases.intIn(r, 100, 8000)), LossyAnswersTest::checkMonotone);
  }

  static void checkMonotone(Loss loss) {
    double p = loss.p();
    double more = loss.more();
    int budgetMillis = loss.budgetMillis();
    var m = LossyAnswers.linuxHttp(p);
    Duration budget = Duration.ofMillis(budgetMillis);
    double f = m.failureProbability(budget);
    assertThat(f).as("a probability").isBetween(0.0, 1.0);
    assertThat(LossyAnswers.linuxHttp(Math.min(0.99, p + more)).failureProbability(budget))
        .as("more loss").isGreaterThanOrEqualTo(f - 1e-12);
    assertThat(m.failureProbability(budget.minusMillis(50))).as("less time")
        .isGreaterThanOrEqualTo(f - 1e-12);
  }
}
