package lbchaos.proxy.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lbchaos.privilege.UserSpec;

/**
 * The "global" section, as far as the proxy uses it.
 *
 * @param maxconn process-wide connection limit; haproxy derives its default from the file
 *     descriptor limit, we use {@link #DEFAULT_MAXCONN}
 * @param spreadChecks "spread-checks" percent of random jitter on check intervals (0 = none)
 * @param maxSpreadChecks "max-spread-checks": upper bound on the start-up spread of first checks
 * @param hardStopAfter "hard-stop-after": how long a soft stop may wait for sessions to end
 *     before closing them; haproxy waits forever without it
 * @param user "user" or "uid", already checked to exist: whom to become after binding
 * @param group "group" or "gid", already checked to exist
 * @param statsSockets "stats socket" lines: where the runtime API listens
 * @param logs "log" lines: where the traffic of a proxy with "log global" is logged
 */
public record Global(int maxconn, int spreadChecks, Optional<Duration> maxSpreadChecks,
    Optional<Duration> hardStopAfter, Optional<String> user, Optional<String> group,
    List<StatsSocket> statsSockets, List<lbchaos.proxy.log.LogTarget> logs) {
  public static final int DEFAULT_MAXCONN = 4096;
  public static final Global DEFAULTS = new Global(DEFAULT_MAXCONN, 0, Optional.empty());

  public Global {
    Objects.requireNonNull(maxSpreadChecks, "maxSpreadChecks");
    Objects.requireNonNull(hardStopAfter, "hardStopAfter");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(group, "group");
    statsSockets = List.copyOf(statsSockets);
    logs = List.copyOf(logs);
    if (maxconn < 1) {
      throw new IllegalArgumentException("global maxconn must be at least 1");
    }
    if (spreadChecks < 0 || spreadChecks > 50) {
      throw new IllegalArgumentException("spread-checks must be 0..50 percent");
    }
    if (hardStopAfter.isPresent() && hardStopAfter.get().isNegative()) {
      throw new IllegalArgumentException("hard-stop-after must not be negative");
    }
  }

  /** Without log targets. */
  public Global(int maxconn, int spreadChecks, Optional<Duration> maxSpreadChecks,
      Optional<Duration> hardStopAfter, Optional<String> user, Optional<String> group,
      List<StatsSocket> statsSockets) {
    this(maxconn, spreadChecks, maxSpreadChecks, hardStopAfter, user, group, statsSockets,
        List.of());
  }

  /** Without hard-stop-after, user, group or stats socket. */
  public Global(int maxconn, int spreadChecks, Optional<Duration> maxSpreadChecks) {
    this(maxconn, spreadChecks, maxSpreadChecks, Optional.empty(), Optional.empty(),
        Optional.empty(), List.of());
  }

  /**
   * Whom the proxy becomes after binding: the configuration's user and group where it names
   * them (the file decides, as for haproxy), {@code fallback}'s (the agent's --user) where not.
   * A user without a group gets that user's primary group, where haproxy would keep gid 0:
   * we never keep root's group.
   */
  public UserSpec runAs(UserSpec fallback) {
    if (user.isEmpty() && group.isEmpty()) {
      return fallback;
    }
    String u = user.orElse(fallback.user());
    Optional<String> g = group.isPresent() ? group
        : user.isPresent() ? Optional.empty() : fallback.group();
    return new UserSpec(u, g);
  }
}
