package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A packet's wait in the kernel, from its receive timestamp and the clock after the read. */
class RecvMsgTest {

  static final Instant NOW = Instant.parse("2026-12-05T07:00:00.250Z");
  static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L + NOW.getNano();

  @Test
  void theAgeIsTheReadTimeMinusTheStamp() {
    assertThat(RecvMsg.age(NOW_NANOS - 12_345_678, NOW)).isEqualTo(12_345_678);
    assertThat(RecvMsg.age(NOW_NANOS, NOW)).as("read at once").isZero();
  }

  @Test
  void noStampOrAClockStepIsNotAnAge() {
    assertThat(RecvMsg.age(-1, NOW)).as("no SCM_TIMESTAMPNS").isEqualTo(-1);
    assertThat(RecvMsg.age(NOW_NANOS + 1_000, NOW)).as("stamped after the read: stepped back")
        .isEqualTo(-1);
    assertThat(RecvMsg.age(NOW_NANOS - 1_000_000_001L, NOW)).as("over a second").isEqualTo(-1);
    assertThat(RecvMsg.age(NOW_NANOS - 1_000_000_000L, NOW)).as("a second").isEqualTo(1_000_000_000L);
  }
}
