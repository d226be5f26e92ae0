package lbchaos.vrrp.agent;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Wall-clock time at start plus elapsed monotonic time: timers never jump with NTP, and event
 * timestamps still compare with other containers (they share the kernel clock).
 */
final class MonotonicClock implements InstantSource {
  private final Instant base = Instant.now();
  private final long baseNanos = System.nanoTime();

  @Override
  public Instant instant() {
    return base.plusNanos(System.nanoTime() - baseNanos);
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
