package lbchaos.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.proxy.config.Global;
import lbchaos.proxy.config.Observe;
import lbchaos.proxy.config.OnError;
import lbchaos.proxy.config.ServerCheck;
import org.junit.jupiter.api.Test;

class CheckSchedulerTest {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final CheckResult OK = CheckResult.of(CheckStatus.L4OK, Duration.ZERO, "");
  static final CheckResult REFUSED =
      CheckResult.of(CheckStatus.L4CON, Duration.ZERO, "Connection refused");

  static ServerCheck check(long interMs, long fastMs, long downMs, int fall, int rise) {
    return new ServerCheck(true, Duration.ofMillis(interMs), Duration.ofMillis(fastMs),
        Duration.ofMillis(downMs), fall, rise, Optional.empty());
  }

  static CheckTarget target(String name, ServerCheck c) {
    return new CheckTarget("be", name, c, Observe.NONE, false);
  }

  static long ms(Instant t) {
    return Duration.between(T0, t).toMillis();
  }

  /** Fake clock loop: runs the scheduler, answering every check of server 0 with {@code r}. */
  static final class Sim {
    final CheckScheduler s;
    Instant now = T0;
    final List<String> log = new ArrayList<>();

    Sim(CheckScheduler s) {
      this.s = s;
    }

    /** Advances to the next due check of server 0 and completes it with {@code r}. */
    Optional<Transition> step(CheckResult r) {
      now = s.due(0).orElseThrow();
      assertThat(s.startDue(now)).as("server 0 due at %d", ms(now)).contains(0);
      Instant end = now.plus(r.duration());
      now = end;
      Optional<Transition> t = s.completed(0, r, end);
      log.add(ms(end) + (r.passed() ? "+" : "-") + t.map(x -> x.up() ? "UP" : "DOWN").orElse(""));
      return t;
    }
  }

  @Test
  void firstChecksAreSpreadOverTheSmallestInterval() {
    CheckScheduler two = new CheckScheduler(List.of(
        target("a", ServerCheck.defaults().withEnabled()), target("b", ServerCheck.defaults().withEnabled())),
        Global.DEFAULTS, T0, () -> 0.5);
    assertThat(ms(two.due(0).orElseThrow())).as("first server at once").isZero();
    assertThat(ms(two.due(1).orElseThrow())).as("second at inter/2").isEqualTo(1000);
    CheckScheduler three = new CheckScheduler(List.of(
        target("a", check(2000, 2000, 2000, 3, 2)),
        new CheckTarget("be", "u", ServerCheck.defaults(), Observe.NONE, false),
        target("b", check(1000, 1000, 1000, 3, 2)),
        target("c", check(3000, 3000, 3000, 3, 2))), Global.DEFAULTS, T0, () -> 0.5);
    assertThat(three.due(1)).as("unchecked server never scheduled").isEmpty();
    assertThat(List.of(ms(three.due(0).get()), ms(three.due(2).get()), ms(three.due(3).get())))
        .as("spread over min inter 1s in thirds").containsExactly(0L, 333L, 666L);
    CheckScheduler capped = new CheckScheduler(List.of(target("a", check(60000, 60000, 60000, 3, 2)),
        target("b", check(60000, 60000, 60000, 3, 2))),
        new Global(100, 0, Optional.of(Duration.ofMillis(400))), T0, () -> 0.5);
    assertThat(ms(capped.due(1).orElseThrow())).as("max-spread-checks caps the spread").isEqualTo(200);
  }

  @Test
  void failAfterFallFailuresWithFastinterWhileTransitioningAndDowninterWhileDown() {
    Sim sim = new Sim(new CheckScheduler(List.of(target("a", check(2000, 500, 5000, 3, 2))),
        Global.DEFAULTS, T0, () -> 0.5));
    sim.step(OK);
    assertThat(sim.s.interval(0)).as("fully up: inter").isEqualTo(Duration.ofMillis(2000));
    sim.step(REFUSED);
    assertThat(sim.s.up(0)).as("one failure: still up").isTrue();
    assertThat(sim.s.interval(0)).as("transitioning: fastinter").isEqualTo(Duration.ofMillis(500));
    sim.step(REFUSED);
    Optional<Transition> down = sim.step(REFUSED);
    assertThat(down).as("third failure marks DOWN").hasValueSatisfying(t -> {
      assertThat(t.up()).as("down").isFalse();
      assertThat(t.cause().reason()).as("haproxy reason")
          .isEqualTo("Layer4 connection problem, info: \"Connection refused\"");
    });
    assertThat(sim.s.interval(0)).as("fully down: downinter").isEqualTo(Duration.ofMillis(5000));
    sim.step(OK);
    assertThat(sim.s.interval(0)).as("rising: fastinter").isEqualTo(Duration.ofMillis(500));
    Optional<Transition> up = sim.step(OK);
    assertThat(up).as("rise=2 successes mark UP").hasValueSatisfying(t -> assertThat(t.up()).isTrue());
    assertThat(sim.log).as("timeline (ms, result, transition)")
        .containsExactly("0+", "2000-", "2500-", "3000-DOWN", "8000+", "8500+UP");
  }

  @Test
  void aFailureWhileRisingStartsOverAndASuccessWhileFallingRestoresFullHealth() {
    Sim sim = new Sim(new CheckScheduler(List.of(target("a", check(1000, 100, 3000, 2, 3))),
        Global.DEFAULTS, T0, () -> 0.5));
    sim.step(OK);
    sim.step(REFUSED);
    sim.step(OK);
    assertThat(sim.s.health(0)).as("one success while up restores full health").isEqualTo(4);
    sim.step(REFUSED);
    sim.step(REFUSED);
    assertThat(sim.s.up(0)).as("down after fall=2").isFalse();
    sim.step(OK);
    sim.step(OK);
    sim.step(REFUSED);
    assertThat(sim.s.health(0)).as("failure while rising resets").isZero();
    sim.step(OK);
    sim.step(OK);
    assertThat(sim.step(OK)).as("rise=3 consecutive successes").isPresent();
    assertThat(sim.log).as("timeline").containsExactly("0+", "1000-", "1100+", "2100-", "2200-DOWN",
        "5200+", "5300+", "5400-", "8400+", "8500+", "8600+UP");
  }

  @Test
  void aServerDeadAtStartIsDownAfterTheFirstFailedCheck() {
    Sim sim = new Sim(new CheckScheduler(List.of(target("a", ServerCheck.defaults().withEnabled())),
        Global.DEFAULTS, T0, () -> 0.5));
    assertThat(sim.s.up(0)).as("starts up").isTrue();
    assertThat(sim.step(REFUSED)).as("haproxy: up, but falls at the first failure").isPresent();
    assertThat(sim.s.up(0)).as("down").isFalse();
  }

  @Test
  void intervalStartsWhenTheCheckEnds() {
    Sim sim = new Sim(new CheckScheduler(List.of(target("a", check(2000, 2000, 2000, 3, 2))),
        Global.DEFAULTS, T0, () -> 0.5));
    sim.step(OK);
    sim.step(CheckResult.of(CheckStatus.L4TOUT, Duration.ofMillis(2000), ""));
    sim.step(OK);
    assertThat(sim.log).as("a 2s timeout delays the next check by 2s").containsExactly("0+", "4000-", "6000+");
  }

  @Test
  void spreadChecksJittersIntervals() {
    CheckScheduler s = new CheckScheduler(List.of(target("a", check(1000, 1000, 1000, 3, 2))),
        new Global(100, 10, Optional.empty()), T0, () -> 0.0);
    s.startDue(T0);
    s.completed(0, OK, T0);
    assertThat(ms(s.due(0).orElseThrow())).as("+10% at random 0").isEqualTo(1100);
  }

  @Test
  void observeLayer4ActsAfterErrorLimit() {
    for (OnError mode : OnError.values()) {
      CheckTarget t = new CheckTarget("be", "a", check(2000, 200, 2000, 3, 2),
          new Observe(Observe.Layer.LAYER4, mode, 3), false);
      CheckScheduler s = new CheckScheduler(List.of(t), Global.DEFAULTS, T0, () -> 0.5);
      s.startDue(T0);
      s.completed(0, OK, T0);
      Instant now = T0.plusMillis(100);
      assertThat(s.trafficError(0, "L4 unsuccessful connection", now)).as("%s: 1st", mode).isEmpty();
      s.trafficOk(0);
      s.trafficError(0, "x", now);
      s.trafficError(0, "x", now);
      Optional<Transition> tr = s.trafficError(0, "L4 unsuccessful connection", now);
      assertThat(ms(s.due(0).orElseThrow())).as("%s: next check pulled to fastinter", mode)
          .isEqualTo(300);
      switch (mode) {
        case FASTINTER -> assertThat(s.health(0)).as("untouched").isEqualTo(4);
        case FAIL_CHECK -> assertThat(s.health(0)).as("one failure").isEqualTo(3);
        case SUDDEN_DEATH -> {
          assertThat(s.health(0)).as("one away from down").isEqualTo(2);
          assertThat(s.up(0)).as("still up").isTrue();
        }
        case MARK_DOWN -> {
          assertThat(tr).as("marked down").hasValueSatisfying(x -> {
            assertThat(x.up()).isFalse();
            assertThat(x.cause().reason()).startsWith("Health analyze, info: \"Detected 3 consecutive");
          });
        }
      }
    }
  }

  @Test
  void wrongStatusReasonCarriesTheCode() {
    CheckResult r = new CheckResult(CheckStatus.L7STS, Duration.ofMillis(3), Optional.of(503),
        "Service Unavailable");
    assertThat(r.reason()).as("haproxy wording")
        .isEqualTo("Layer7 wrong status, code: 503, info: \"Service Unavailable\"");
  }

  /**
   * Maintenance as haproxy's srv_set_admin_flag / srv_clr_admin_flag: no check while paused, a
   * result in flight dropped, health 0; leaving it puts the server UP at rise, checked at once,
   * so one failed check then takes it DOWN.
   */
  @Test
  void maintenancePausesChecksAndLeavingItIsUpAtRiseCheckedAtOnce() {
    CheckScheduler s = new CheckScheduler(List.of(target("a", check(2000, 1000, 3000, 3, 2))),
        Global.DEFAULTS, T0, () -> 0.5);
    assertThat(s.startDue(T0)).containsExactly(0);
    s.pause(0);
    assertThat(s.completed(0, OK, T0.plusMillis(5))).as("in flight: dropped").isEmpty();
    assertThat(s.due(0)).as("no check while paused").isEmpty();
    assertThat(s.up(0)).isFalse();
    assertThat(s.health(0)).isZero();
    Instant back = T0.plusSeconds(30);
    s.resume(0, back);
    assertThat(s.up(0)).as("UP on leaving maintenance").isTrue();
    assertThat(s.health(0)).as("at rise").isEqualTo(2);
    assertThat(s.due(0)).as("checked at once").contains(back);
    s.startDue(back);
    assertThat(s.completed(0, REFUSED, back)).as("one failure from DOWN")
        .hasValueSatisfying(t -> assertThat(t.up()).isFalse());
  }
}
