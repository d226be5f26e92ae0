package lbchaos.vrrp.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A vrrp_script block.
 *
 * @param script the command line as written (run as argv split on blanks, no shell)
 * @param interval time between runs (keepalived default 1 s)
 * @param timeout a run lasting longer counts as a failure (default: the interval)
 * @param weight added to the priority: a positive weight while the script succeeds, a negative
 *     one while it fails; 0 (the default) means a failure puts the instance in FAULT
 * @param fall consecutive failures before the script counts as failed (default 1)
 * @param rise consecutive successes before it counts as good again (default 1)
 * @param initFail the script starts out failed (keepalived's {@code init_fail})
 * @param weightReverse {@code weight N reverse}: the default of the instances tracking it (a
 *     track_script entry can say {@code noreverse}); see {@link TrackedScript#reverse}
 */
public record VrrpScript(String name, String script, Duration interval, Duration timeout,
    int weight, int fall, int rise, boolean initFail, boolean weightReverse) {

  /** keepalived's accepted weight range. */
  public static final int MAX_WEIGHT = 253;

  public VrrpScript {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(script, "script");
    if (script.isBlank()) {
      throw new IllegalArgumentException("vrrp_script " + name + " has no script");
    }
    if (!interval.isPositive() || !timeout.isPositive()) {
      throw new IllegalArgumentException("interval and timeout must be positive");
    }
    if (weight < -MAX_WEIGHT || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight must be -253..253, was " + weight);
    }
    if (fall < 1 || rise < 1) {
      throw new IllegalArgumentException("fall and rise must be at least 1");
    }
  }

  /** A script whose weight is not reversed. */
  public VrrpScript(String name, String script, Duration interval, Duration timeout, int weight,
      int fall, int rise, boolean initFail) {
    this(name, script, interval, timeout, weight, fall, rise, initFail, false);
  }
}
