package lbchaos.probe;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The whole-request budget: each blocking read gets what is left of it, never more. */
record Deadline(long nanoTime) {

  static Deadline after(Duration d) {
    return new Deadline(System.nanoTime() + d.toNanos());
  }

  /** Milliseconds left, at least 1 (0 would mean "wait forever" to a socket). */
  int remainingMillis() throws SocketTimeoutException {
    long left = nanoTime - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("request deadline passed");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceilDiv(left, 1_000_000L)));
  }
}
