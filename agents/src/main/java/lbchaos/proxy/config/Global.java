package lbchaos.proxy.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The "global" section, as far as the proxy uses it.
 *
 * @param maxconn process-wide connection limit; haproxy derives its default from the file
 *     descriptor limit, we use {@link #DEFAULT_MAXCONN}
 * @param spreadChecks "spread-checks" percent of random jitter on check intervals (0 = none)
 * @param maxSpreadChecks "max-spread-checks": upper bound on the start-up spread of first checks
 */
public record Global(int maxconn, int spreadChecks, Optional<Duration> maxSpreadChecks) {
  public static final int DEFAULT_MAXCONN = 4096;
  public static final Global DEFAULTS = new Global(DEFAULT_MAXCONN, 0, Optional.empty());

  public Global {
    Objects.requireNonNull(maxSpreadChecks, "maxSpreadChecks");
    if (maxconn < 1) {
      throw new IllegalArgumentException("global maxconn must be at least 1");
    }
    if (spreadChecks < 0 || spreadChecks > 50) {
      throw new IllegalArgumentException("spread-checks must be 0..50 percent");
    }
  }
}
