package lbchaos.harness.expect;

import java.time.Duration;

/**
 * The timing of one vrrp_script, as written in keepalived.conf.
 *
 * @param timeout null when not set: keepalived then kills a run after one interval
 *     (vrrp_scheduler.c: {@code vscript->timeout ? vscript->timeout : vscript->interval})
 */
public record ScriptTiming(String name, Duration interval, Duration timeout, int fall, int rise) {

  public ScriptTiming {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("vrrp_script needs a name");
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("script interval must be positive, got " + interval);
    }
    timeout = timeout == null ? interval : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("script timeout must be positive, got " + timeout);
    }
    if (fall < 1 || rise < 1) {
      throw new IllegalArgumentException("fall and rise must be >= 1, got fall " + fall
          + ", rise " + rise);
    }
  }
}
