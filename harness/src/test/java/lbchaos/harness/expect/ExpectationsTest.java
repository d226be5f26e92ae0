package lbchaos.harness.expect;

import lbchaos.verdict.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import lbchaos.verdict.Bound;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

  static Duration ms(long m) {
    return Duration.ofMillis(m);
  }

  @Test
  void v2MasterDownIntervalIsThreeAdvertsPlusSkew() {
    Bound b = Expectations.masterDownInterval(VrrpTiming.v2(Duration.ofSeconds(1), 254));
    // skew = (256 - 254) / 256 s = 7812.5 us, truncated to 7812 us
    assertThat(b.value()).as("3 s + 7812 us").isEqualTo(Duration.ofNanos(3_007_812_000L));
    assertThat(b.derivation()).as("derivation")
        .isEqualTo("3 x 1 s advert + 0.008 s skew (v2, priority 254)");
  }

  @Test
  void v3SkewScalesWithTheInterval() {
    VrrpTiming t = VrrpTiming.v3(ms(100), 100);
    // ((256 - 100) x 100 ms) / 256 = 60.9375 ms
    assertThat(Expectations.skew(t)).as("v3 skew").isEqualTo(Duration.ofNanos(60_937_000));
    assertThat(Expectations.masterDownInterval(t).value()).as("0.3 s + skew")
        .isEqualTo(Duration.ofNanos(360_937_000));
    assertThat(Expectations.skew(VrrpTiming.v2(ms(100), 100))).as("v2 ignores the interval")
        .isEqualTo(Duration.ofNanos(609_375_000));
  }

  @Test
  void v2RoundsFractionalAdvertLikeKeepalived() {
    VrrpTiming t = VrrpTiming.v2(ms(100), 254);
    assertThat(Expectations.effectiveAdvert(t)).as("0.1 s -> 1 s").isEqualTo(ms(1000));
    assertThat(Expectations.effectiveAdvert(VrrpTiming.v2(ms(2600), 254))).as("2.6 -> 3")
        .isEqualTo(ms(3000));
    assertThat(Expectations.masterDownInterval(t).derivation()).as("says so")
        .contains("VRRPv2 rounds advert_int 0.1 s to 1 s");
  }

  @Test
  void gracefulStopIsSkewOnly() {
    Bound b = Expectations.gracefulStopTakeover(VrrpTiming.v2(Duration.ofSeconds(1), 254));
    assertThat(b.value()).as("skew").isEqualTo(Duration.ofNanos(7_812_000));
    assertThat(b.derivation()).as("reason").contains("priority-0");
  }

  @Test
  void preemptTakeoverAddsDelayAndNopreemptNever() {
    VrrpTiming delayed = new VrrpTiming(2, Duration.ofSeconds(1), 254, true,
        Duration.ofSeconds(5), List.of());
    assertThat(Expectations.preemptTakeover(delayed).orElseThrow().value()).as("1 s + 5 s + 3.0078")
        .isEqualTo(Duration.ofNanos(9_007_812_000L));
    VrrpTiming nopreempt = new VrrpTiming(2, Duration.ofSeconds(1), 254, false, null, null);
    assertThat(Expectations.preemptTakeover(nopreempt)).as("nopreempt").isEmpty();
  }

  @Test
  void effectivePriorityAppliesWeightsAndIgnoresThemAtOwner() {
    List<TrackWeight> tracks = List.of(new TrackWeight("check_apiserver", -2),
        new TrackWeight("bonus", 10), new TrackWeight("hard", 0));
    VrrpTiming t = new VrrpTiming(2, Duration.ofSeconds(1), 200, true, null, tracks);
    assertThat(Expectations.effectivePriority(t, Set.of()).value()).as("bonus ok").isEqualTo(210);
    assertThat(Expectations.effectivePriority(t, Set.of("check_apiserver", "bonus")).value())
        .as("-2, no bonus").isEqualTo(198);
    assertThat(Expectations.effectivePriority(t, Set.of("hard")).fault()).as("weight 0 -> FAULT")
        .isTrue();
    VrrpTiming owner = new VrrpTiming(2, Duration.ofSeconds(1), 255, true, null, tracks);
    EffectivePriority p = Expectations.effectivePriority(owner, Set.of("check_apiserver"));
    assertThat(p.value()).as("owner stays 255").isEqualTo(255);
    assertThat(p.derivation()).as("explains").contains("ignores track_script weights");
    VrrpTiming high = new VrrpTiming(2, Duration.ofSeconds(1), 250, true, null,
        List.of(new TrackWeight("bonus", 10)));
    assertThat(Expectations.effectivePriority(high, Set.of()).value()).as("clamped to 254")
        .isEqualTo(254);
    VrrpTiming low = new VrrpTiming(2, Duration.ofSeconds(1), 5, true, null,
        List.of(new TrackWeight("x", -100)));
    assertThat(Expectations.effectivePriority(low, Set.of("x")).value()).as("clamped to 1")
        .isEqualTo(1);
  }

  @Test
  void reversedWeightsCountTheOtherWayRoundForTheReferenceStack() {
    // keepalived 2.2 "weight N reverse" (vrrp_track.c): the weight's multiplier is -1.
    List<TrackWeight> tracks = List.of(new TrackWeight("up", 10, true),
        new TrackWeight("down", -20, true), new TrackWeight("hard", 0, true));
    VrrpTiming t = new VrrpTiming(2, Duration.ofSeconds(1), 100, true, null, tracks);
    EffectivePriority ok = Expectations.effectivePriority(t, Set.of());
    assertThat(ok.value()).as("up ok: -10").isEqualTo(90);
    assertThat(ok.derivation()).as("explains").contains("-10 (up ok, reverse)");
    assertThat(ok.fault()).as("weight 0 reversed: FAULT while it succeeds").isTrue();
    EffectivePriority failing = Expectations.effectivePriority(t, Set.of("up", "down", "hard"));
    assertThat(failing.value()).as("down failing: +20").isEqualTo(120);
    assertThat(failing.fault()).as("hard failing: up").isFalse();
  }

  @Test
  void haproxyDetectionWorstCase() {
    CheckTiming d = CheckTiming.defaults(); // inter 2 s, fall 3, rise 2
    Bound refused = Expectations.backendDown(d, CheckFailure.REFUSED);
    assertThat(refused.value()).as("2 + 3 x 0 + 2 x 2").isEqualTo(Duration.ofSeconds(6));
    assertThat(Expectations.backendDownBest(d, CheckFailure.REFUSED)).as("best 2 x 2")
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(Expectations.backendDown(d, CheckFailure.CONNECT_TIMEOUT).value())
        .as("no timeout check: each check waits inter: 2 + 3 x 2 + 2 x 2")
        .isEqualTo(Duration.ofSeconds(12));
    CheckTiming tuned = new CheckTiming(Duration.ofSeconds(2), ms(500), ms(1000), 3, 2,
        ms(1000), ms(300));
    assertThat(Expectations.backendDown(tuned, CheckFailure.CONNECT_TIMEOUT).value())
        .as("2 + 3 x min(2, 0.3) + 2 x 0.5").isEqualTo(ms(3900));
    assertThat(Expectations.backendDown(tuned, CheckFailure.RESPONSE_TIMEOUT).value())
        .as("2 + 3 x max(1, min(2, 0.3)) + 2 x 0.5").isEqualTo(ms(6000));
    // A short timeout check does not shorten a check whose connect completed asynchronously:
    // haproxy then keeps the expiry of min(inter, timeout connect) from the check's start.
    CheckTiming slow = new CheckTiming(Duration.ofSeconds(1), null, null, 2, 2, ms(500),
        Duration.ofSeconds(10));
    assertThat(Expectations.backendDown(slow, CheckFailure.RESPONSE_TIMEOUT).value())
        .as("1 + 2 x max(0.5, min(1, 10)) + 1 x 1").isEqualTo(ms(4000));
    assertThat(refused.derivation()).as("derivation")
        .isEqualTo("2 s inter + 3 x 0 s refused check + 2 x 2 s fastinter (fall 3, worst case)");
  }

  @Test
  void haproxyRejoin() {
    CheckTiming tuned = new CheckTiming(Duration.ofSeconds(2), ms(500), ms(1000), 3, 2,
        ms(1000), ms(300));
    assertThat(Expectations.backendRejoin(tuned, CheckFailure.REFUSED).value())
        .as("1 downinter + 1 x 0.5").isEqualTo(ms(1500));
    assertThat(Expectations.backendRejoin(CheckTiming.defaults(), CheckFailure.REFUSED).value())
        .as("defaults 2 + 2").isEqualTo(ms(4000));
  }

  @Test
  void toleranceNeedsAReasonAndShowsInTheBound() {
    Bound b = Expectations.withTolerance(
        Expectations.masterDownInterval(VrrpTiming.v2(Duration.ofSeconds(1), 255)),
        Tolerance.of(ms(500), "GARP propagation and probe resolution"));
    assertThat(b.describe()).as("sentence form")
        .isEqualTo("3.50 s (3 x 1 s advert + 0.004 s skew (v2, priority 255) + 0.5 s tolerance)");
    assertThatThrownBy(() -> Tolerance.of(ms(1), " ")).as("no reason")
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Tolerance.probeInterval(20).value()).as("20 req/s").isEqualTo(ms(50));
  }

  @Test
  void recordsValidate() {
    assertThatThrownBy(() -> VrrpTiming.v2(Duration.ZERO, 100)).as("zero advert")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VrrpTiming.v2(ms(1000), 0)).as("priority 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CheckTiming(null, null, null, 0, 2, null, null)).as("fall 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrackWeight("x", 254)).as("weight 254")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
