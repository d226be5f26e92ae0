package lbchaos.proxy.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The timing of one server's health checks, as haproxy 2.6 derives it, with the bounds a harness
 * needs to judge detection and rejoin times.
 *
 * <p>Check timeouts (haproxy manual, "timeout check"): without "timeout check" a whole check
 * (connect and response) must finish within {@code inter}. With it, haproxy 2.6 keeps one expiry
 * per check: min(timeout connect, inter) from the check's start, moved to "timeout check" from
 * the connect only when the connect completes at once (tcpcheck.c, tcpcheck_eval_connect). A
 * silent server's check therefore fails after the later of the two, never their sum (measured on
 * a bridge with timeout check 500 ms, min(inter, timeout connect) 1 s: 501 and 1001 ms).
 *
 * <p>Health counter model: a server starts UP with health = rise, so one failed check at start-up
 * marks it DOWN. Once a check passes it is fully up; then {@code fall} consecutive failures mark
 * it DOWN and, from DOWN, {@code rise} consecutive successes mark it UP. The next check starts
 * {@code inter} after the previous one ended while fully up, {@code downinter} while fully down,
 * and {@code fastinter} in between.
 */
public record CheckTiming(Duration inter, Duration fastinter, Duration downinter, int fall,
    int rise, Duration connectTimeout, Optional<Duration> responseTimeout) {

  public CheckTiming {
    Objects.requireNonNull(inter, "inter");
    Objects.requireNonNull(fastinter, "fastinter");
    Objects.requireNonNull(downinter, "downinter");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
  }

  public static CheckTiming of(ServerCheck c, Timeouts t) {
    Duration connect = c.inter();
    if (t.check().isPresent() && t.connect().isPresent() && t.connect().get().compareTo(connect) < 0) {
      connect = t.connect().get();
    }
    return new CheckTiming(c.inter(), c.fastinter(), c.downinter(), c.fall(), c.rise(), connect,
        t.check());
  }

  /** The longest one check can take before it counts as failed. */
  public Duration maxCheckDuration() {
    return responseTimeout.map(r -> r.compareTo(connectTimeout) > 0 ? r : connectTimeout)
        .orElse(inter);
  }

  /**
   * Upper bound from a fully-up server dying to it being marked DOWN: a check in flight, then
   * inter, then fall failed checks separated by fastinter, each lasting at most
   * {@link #maxCheckDuration()} (a silent server; a refusing one fails at once).
   */
  public Duration maxDetection() {
    Duration d = maxCheckDuration();
    return d.plus(inter).plus(d.multipliedBy(fall)).plus(fastinter.multipliedBy(fall - 1L));
  }

  /** Lower bound of the same: the server dies just before a check and refuses at once. */
  public Duration minDetection() {
    return fastinter.multipliedBy(fall - 1L);
  }

  /**
   * Upper bound from a DOWN server coming back to it being marked UP: a failing check in flight,
   * then downinter, then rise passing checks separated by fastinter.
   */
  public Duration maxRejoin() {
    Duration d = maxCheckDuration();
    return d.plus(downinter).plus(d.multipliedBy(rise)).plus(fastinter.multipliedBy(rise - 1L));
  }

  /** Lower bound of the same: back just before a check, answering at once. */
  public Duration minRejoin() {
    return fastinter.multipliedBy(rise - 1L);
  }
}
