package lbchaos.proxy.check;

/**
 * haproxy's health counter for one server, a value in [0, rise + fall - 1]. The server is UP
 * while the counter is at least {@code rise}. A passing check adds one and, once the counter
 * reaches rise, sets it to the maximum (fully up). A failed check takes one away and, once it
 * drops below rise, sets it to 0 (DOWN). A server starts UP with the counter at rise, one step
 * above DOWN: the first failed check at start-up marks it DOWN, as in haproxy.
 */
final class Health {

  private final int rise;
  private final int fall;
  private int value;
  private boolean up;

  Health(int rise, int fall) {
    this.rise = rise;
    this.fall = fall;
    this.value = rise;
    this.up = true;
  }

  int max() {
    return rise + fall - 1;
  }

  int value() {
    return value;
  }

  boolean up() {
    return up;
  }

  boolean fullyUp() {
    return value == max();
  }

  boolean fullyDown() {
    return !up && value == 0;
  }

  /** Applies a check outcome; returns true when the server's state flipped. */
  boolean apply(boolean passed) {
    if (passed) {
      if (value < max()) {
        value++;
        if (value >= rise) {
          value = max();
        }
      }
    } else if (value > 0) {
      value--;
      if (value < rise) {
        value = 0;
      }
    }
    boolean now = value >= rise;
    boolean flipped = now != up;
    up = now;
    return flipped;
  }

  /**
   * Leaving maintenance: haproxy's srv_clr_admin_flag sets the counter to rise, "start OK but
   * check immediately", so the server is UP and one failed check from DOWN.
   */
  void restart() {
    value = rise;
    up = true;
  }

  /** Entering maintenance: haproxy's srv_update_status sets the counter to 0 (DOWN). */
  void stop() {
    value = 0;
    up = false;
  }

  /** For "observe": put the counter at {@code v} (clamped) before a simulated failure. */
  void set(int v) {
    value = Math.max(0, Math.min(max(), v));
  }

  int rise() {
    return rise;
  }
}
