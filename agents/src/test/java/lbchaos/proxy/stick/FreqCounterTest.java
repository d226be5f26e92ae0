package lbchaos.proxy.stick;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The sliding rate against what haproxy 2.6.12 reported side by side in the node image for the
 * same requests (http_req_rate(10s), requests at 0 s, 12 s and 27 s): 1 2 3 4, 4 5, 1 2.
 */
class FreqCounterTest {

  static final long P = 10_000;

  @Test
  void readsAsHaproxyAfterEachUpdate() {
    FreqCounter f = new FreqCounter();
    long t0 = 5_000_000; // a monotonic clock far from 0, as the proxy's
    long[][] steps = {{0, 1}, {20, 2}, {40, 3}, {55, 4}, {12_070, 4}, {12_085, 5},
        {27_105, 1}, {27_120, 2}};
    for (long[] s : steps) {
      f.update(t0 + s[0], P, 1);
      assertThat(f.read(t0 + s[0], P)).as("after the update at +%d ms", s[0]).isEqualTo(s[1]);
    }
  }

  @Test
  void thePreviousPeriodFadesOutAndTwoQuietPeriodsForgetIt() {
    FreqCounter f = new FreqCounter();
    long t0 = 1_000_000;
    for (int i = 0; i < 10; i++) {
      f.update(t0, P, 1);
    }
    assertThat(f.read(t0 + 9_999, P)).as("within its period").isEqualTo(10);
    assertThat(f.read(t0 + 12_500, P)).as("a quarter into the next: 3/4 of it").isEqualTo(7);
    assertThat(f.read(t0 + 17_500, P)).isEqualTo(2);
    assertThat(f.read(t0 + 20_001, P)).as("two periods on").isZero();
    f.update(t0 + 25_000, P, 1);
    assertThat(f.read(t0 + 25_000, P)).as("the ten are forgotten: two periods were missed")
        .isEqualTo(1);
  }

  @Test
  void oneEventOfThePreviousPeriodCountsWholeAtVeryLowRates() {
    FreqCounter f = new FreqCounter();
    f.update(1_000_000, P, 1);
    // haproxy's flapping correction: no event yet in this period and at most one in the last
    assertThat(f.read(1_000_000 + 19_000, P)).isEqualTo(1);
  }
}
