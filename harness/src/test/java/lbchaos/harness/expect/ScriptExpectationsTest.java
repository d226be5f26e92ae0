package lbchaos.harness.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptExpectationsTest {

  static final ScriptTiming FAST = new ScriptTiming("chk", Duration.ofSeconds(1), null, 2, 2);

  static VrrpTiming node(int priority, boolean preempt) {
    return new VrrpTiming(2, Duration.ofSeconds(1), priority, preempt, Duration.ZERO,
        List.of(new TrackWeight("chk", -2)));
  }

  @Test
  void timeoutDefaultsToTheInterval() {
    assertThat(FAST.timeout()).as("keepalived: timeout ? timeout : interval")
        .isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> new ScriptTiming("chk", Duration.ZERO, null, 2, 2))
        .as("zero interval").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scriptDownCountsTimeoutsOnlyForHangs() {
    // 1 s first tick + 1 x (1 s timeout + 1 s skipped tick) + 1 s timeout
    assertThat(Expectations.scriptDown(FAST, CheckFailure.CONNECT_TIMEOUT).value())
        .as("hanging script").isEqualTo(Duration.ofSeconds(4));
    // 1 s first tick + 1 x 1 s interval
    assertThat(Expectations.scriptDown(FAST, CheckFailure.REFUSED).value())
        .as("refused at once").isEqualTo(Duration.ofSeconds(2));
    assertThat(Expectations.scriptUp(FAST).value()).as("in-flight run + rise x interval")
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void failoverOnlyWhenTheWeightChangesTheElection() {
    var moved = Expectations.scriptFailover(FAST, CheckFailure.REFUSED, node(254, true),
        node(253, true));
    assertThat(moved).as("254 - 2 < 253 moves the VIP").isPresent();
    assertThat(moved.get().value()).as("script down + backup's master down interval")
        .isEqualTo(Duration.ofSeconds(2).plus(Duration.ofNanos(3_011_718_000L)));
    assertThat(Expectations.scriptFailover(FAST, CheckFailure.REFUSED, node(255, true),
        node(254, true))).as("owner ignores the weight").isEmpty();
    assertThat(Expectations.scriptFailover(FAST, CheckFailure.REFUSED, node(254, true),
        node(252, true))).as("254 - 2 = 252 does not lose to 252").isEmpty();
    assertThat(Expectations.scriptFailover(FAST, CheckFailure.REFUSED, node(254, true),
        node(253, false))).as("a nopreempt backup never takes over").isEmpty();
  }
}
