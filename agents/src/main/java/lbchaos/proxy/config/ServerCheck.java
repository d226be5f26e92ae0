package lbchaos.proxy.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Health-check parameters of one server, with haproxy 2.6 defaults applied: inter 2s, fall 3,
 * rise 2, and fastinter/downinter equal to inter when not given.
 *
 * @param enabled the "check" keyword was given
 * @param port check port when different from the traffic port ("port" keyword)
 */
public record ServerCheck(boolean enabled, Duration inter, Duration fastinter, Duration downinter,
    int fall, int rise, Optional<Integer> port) {

  public static final Duration DEFAULT_INTER = Duration.ofSeconds(2);
  public static final int DEFAULT_FALL = 3;
  public static final int DEFAULT_RISE = 2;

  public ServerCheck {
    Objects.requireNonNull(inter, "inter");
    Objects.requireNonNull(fastinter, "fastinter");
    Objects.requireNonNull(downinter, "downinter");
    Objects.requireNonNull(port, "port");
    for (Duration d : new Duration[] {inter, fastinter, downinter}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("check intervals must be positive, got " + d);
      }
    }
    if (fall < 1 || rise < 1) {
      throw new IllegalArgumentException("fall and rise must be at least 1");
    }
    port.ifPresent(p -> {
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("check port " + p + " out of range");
      }
    });
  }

  public static ServerCheck defaults() {
    return new ServerCheck(false, DEFAULT_INTER, DEFAULT_INTER, DEFAULT_INTER, DEFAULT_FALL,
        DEFAULT_RISE, Optional.empty());
  }

  /** The same settings with "check" given. */
  public ServerCheck withEnabled() {
    return new ServerCheck(true, inter, fastinter, downinter, fall, rise, port);
  }
}
