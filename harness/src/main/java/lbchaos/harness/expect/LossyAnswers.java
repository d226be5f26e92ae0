package lbchaos.harness.expect;

import lbchaos.verdict.Tolerance;
import java.time.Duration;
import java.util.Locale;

/**
 * How many requests through the proxy can fail when one server drops each packet it sends with
 * probability {@code dropProbability}. Nobody above TCP retries such a request within a client's
 * budget: haproxy retries a server connection only after "timeout connect" (10 s here, longer
 * than any probe timeout), and a lost answer segment is never retried by the proxy at all. So a
 * request fails exactly when TCP's own retransmissions push its answer past the client's budget.
 *
 * <p>The model, per request to the lossy server:
 *
 * <ul>
 *   <li>its SYN-ACK is lost k times: each loss waits one more initial RTO, doubling (RFC 6298
 *       sections 2.1 and 5.5: 1 s, then 2 s...), so the connect costs {@code synRto x (2^k - 1)};
 *   <li>each of its {@code responseSegments} answer segments (the data, and the FIN the client
 *       reads to end of stream) is lost j times: each waits the minimum RTO, doubling (a bridge's
 *       RTT is microseconds, so the RTO sits at its floor), {@code dataRto x (2^j - 1)};
 *   <li>the delays add up (an upper bound: Linux may recover two lost segments in one timeout).
 * </ul>
 *
 * <p>A request is counted as failing when that delay reaches the client's budget; the number of
 * failures over n independent requests is binomial, and the bound is its upper quantile at a
 * stated risk.
 *
 * @param dropProbability of each packet the server sends, in (0, 1)
 * @param synRto the initial retransmission timeout of a SYN or SYN-ACK
 * @param dataRto the minimum retransmission timeout of a data segment
 * @param responseSegments segments the answer needs from the server after the handshake
 */
public record LossyAnswers(double dropProbability, Duration synRto, Duration dataRto,
    int responseSegments) {

  /** RFC 6298 section 2.1: the RTO before any RTT is measured (Linux TCP_TIMEOUT_INIT). */
  public static final Duration INITIAL_RTO = Duration.ofSeconds(1);

  /**
   * Linux's TCP_RTO_MIN (RFC 6298 section 2.4 asks for 1 s but allows a smaller minimum, which
   * Linux takes).
   */
  public static final Duration LINUX_RTO_MIN = Duration.ofMillis(200);

  public LossyAnswers {
    if (!(dropProbability > 0 && dropProbability < 1)) {
      throw new IllegalArgumentException("drop probability must be in (0, 1), got "
          + dropProbability);
    }
    if (!synRto.isPositive() || !dataRto.isPositive()) {
      throw new IllegalArgumentException("retransmission timeouts must be positive");
    }
    if (responseSegments < 1 || responseSegments > 8) {
      throw new IllegalArgumentException("response segments must be 1..8, got "
          + responseSegments);
    }
  }

  /**
   * A small HTTP answer over Linux TCP: one data segment and a FIN (the client reads to end of
   * stream with "Connection: close").
   */
  public static LossyAnswers linuxHttp(double dropProbability) {
    return new LossyAnswers(dropProbability, INITIAL_RTO, LINUX_RTO_MIN, 2);
  }

  /** The probability that one request's answer takes at least {@code budget} longer. */
  public double failureProbability(Duration budget) {
    if (!budget.isPositive()) {
      return 1;
    }
    double p = dropProbability;
    double success = 0;
    double pk = 1 - p; // exactly k losses then a delivery: p^k (1 - p)
    for (int k = 0; backoff(synRto, k).compareTo(budget) < 0; k++) {
      success += pk * segmentsInTime(responseSegments, budget.minus(backoff(synRto, k)));
      pk *= p;
    }
    return Math.min(1, Math.max(0, 1 - success));
  }

  /** P(the remaining segments all arrive within budget), summed over their loss counts. */
  private double segmentsInTime(int segments, Duration budget) {
    if (segments == 0) {
      return 1;
    }
    double p = dropProbability;
    double sum = 0;
    double pj = 1 - p;
    for (int j = 0; backoff(dataRto, j).compareTo(budget) < 0; j++) {
      sum += pj * segmentsInTime(segments - 1, budget.minus(backoff(dataRto, j)));
      pj *= p;
    }
    return sum;
  }

  /** rto x (2^losses - 1): the wait after that many losses with exponential backoff. */
  static Duration backoff(Duration rto, int losses) {
    return rto.multipliedBy((1L << Math.min(losses, 40)) - 1);
  }

  /**
   * The most failed requests out of {@code attempts} to the lossy server, at {@code risk}: the
   * smallest m with P(failures > m) at most risk.
   *
   * @param timeout the client's budget per request
   * @param slack taken off the budget: an answer that comes that close to the timeout is counted
   *     as failing, since the machine may add that much
   */
  public FailureBound failedRequests(int attempts, Duration timeout, Tolerance slack,
      double risk) {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
    }
    if (!(risk > 0 && risk < 1)) {
      throw new IllegalArgumentException("risk must be in (0, 1), got " + risk);
    }
    double q = failureProbability(timeout.minus(slack.value()));
    int max = binomialQuantile(attempts, q, risk);
    String derivation = String.format(Locale.ROOT, "P(fail) = %.4f per request (each packet"
        + " it sends dropped with probability %.2f: its SYN-ACK retried after a %s initial RTO"
        + " doubling, its %d answer segments after a %s minimum RTO doubling, until the delay"
        + " reaches the %s timeout less %s (%s)); binomial over %d"
        + " requests to it, exceeded with probability < %s", q, dropProbability,
        Expectations.secs(synRto), responseSegments, Expectations.secs(dataRto),
        Expectations.secs(timeout), Expectations.secs(slack.value()), slack.reason(), attempts,
        Expectations.num(risk));
    return new FailureBound(max, q, attempts, derivation);
  }

  /** Smallest m with P(X > m) <= risk for X ~ Binomial(n, q). */
  static int binomialQuantile(int n, double q, double risk) {
    if (q <= 0) {
      return 0;
    }
    if (q >= 1) {
      return n;
    }
    double pmf = Math.pow(1 - q, n); // P(X = 0)
    double cdf = pmf;
    int m = 0;
    while (1 - cdf > risk && m < n) {
      pmf = pmf * (n - m) / (m + 1) * q / (1 - q);
      m++;
      cdf += pmf;
    }
    return m;
  }

  /** A count bound with its derivation. */
  public record FailureBound(int max, double perRequest, int attempts, String derivation) {
    public FailureBound {
      if (max < 0 || derivation == null || derivation.isBlank()) {
        throw new IllegalArgumentException("a failure bound needs max >= 0 and a derivation");
      }
    }
  }
}
