package lbchaos.vrrp.agent;

/**
 * keepalived's fall/rise hysteresis for one track script: {@code fall} consecutive failures
 * mark it failed, {@code rise} consecutive successes mark it good again.
 */
final class ScriptHealth {
  private final int fall;
  private final int rise;
  private boolean ok;
  private int streak;

  ScriptHealth(int fall, int rise, boolean initiallyOk) {
    this.fall = fall;
    this.rise = rise;
    this.ok = initiallyOk;
  }

  /** Records one run; true when the status flipped. */
  boolean record(boolean success) {
    if (success == ok) {
      streak = 0;
      return false;
    }
    streak++;
    if (streak >= (ok ? fall : rise)) {
      ok = success;
      streak = 0;
      return true;
    }
    return false;
  }

  boolean ok() {
    return ok;
  }
}
