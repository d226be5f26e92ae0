package lbchaos.harness.scenario;

import java.time.Duration;

/** The client's request stream: the article's curl loop, faster (default 20/s, 2 s timeout). */
public record ProbeSpec(double rate, Duration timeout) {

  public static final ProbeSpec DEFAULT = new ProbeSpec(20, Duration.ofSeconds(2));

  public ProbeSpec {
    if (rate <= 0 || rate > 1000) {
      throw new IllegalArgumentException("probe rate must be in (0, 1000] per second: " + rate);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("probe timeout must be positive: " + timeout);
    }
  }

  public Duration interval() {
    return Duration.ofNanos(Math.round(1e9 / rate));
  }
}
