package lbchaos.vrrp.state;

import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand. */
final class FakeClock {
  private Instant now = Instant.parse("2025-01-01T00:00:00Z");

  Instant now() {
    return now;
  }

  Instant advance(Duration d) {
    now = now.plus(d);
    return now;
  }

  Instant at(Duration sinceStart) {
    return Instant.parse("2025-01-01T00:00:00Z").plus(sinceStart);
  }
}
