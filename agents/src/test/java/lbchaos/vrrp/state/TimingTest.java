package lbchaos.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimingTest {

  @Test
  void v3SkewScalesWithTheMasterInterval() {
    assertThat(Timing.skew(3, 254, Duration.ofSeconds(1))).as("(256-254)*1s/256")
        .isEqualTo(Duration.ofNanos(7_812_000));
    assertThat(Timing.skew(3, 100, Duration.ofMillis(100))).as("(256-100)*100ms/256")
        .isEqualTo(Duration.ofNanos(60_937_000));
    assertThat(Timing.masterDown(3, 100, Duration.ofMillis(100)))
        .as("3 * 100 ms + 60.937 ms").isEqualTo(Duration.ofNanos(360_937_000));
  }

  @Test
  void v2SkewIsAFractionOfASecondWhateverTheInterval() {
    assertThat(Timing.skew(2, 100, Duration.ofSeconds(3))).as("(256-100)/256 s")
        .isEqualTo(Duration.ofNanos(609_375_000));
    assertThat(Timing.masterDown(2, 254, Duration.ofSeconds(1))).as("3 s + 2/256 s")
        .isEqualTo(Duration.ofNanos(3_007_812_000L));
  }
}
