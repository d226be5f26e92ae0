package lbchaos.harness.fault;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static lbchaos.harness.fault.Schedule.heal;
import static lbchaos.harness.fault.Schedule.inject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.fuzz.Cases;
import lbchaos.harness.fault.Schedule.Step;
import org.junit.jupiter.api.Test;

/** Schedules are pure: built and generated without any container. */
class ScheduleTest {

  static final Fault KILL = Faults.kill("loadbalancer-1");
  static final Fault PAUSE = Faults.pause("webserver-1");
  static final Fault VRRP = Faults.blockVrrp();
  static final List<Fault> ALL = List.of(KILL, PAUSE, VRRP);

  @Test
  void stepsAreSortedByTimeAndStableAtEqualOffsets() {
    Schedule s = Schedule.of(heal(ofSeconds(5), KILL), inject(ofSeconds(0), KILL),
        inject(ofSeconds(5), PAUSE), heal(ofSeconds(6), PAUSE));
    assertThat(s.steps()).extracting(Step::toString).as("time order; heal before inject at 5 s")
        .containsExactly("+0.0s inject kill on loadbalancer-1", "+5.0s heal kill on loadbalancer-1",
            "+5.0s inject pause on webserver-1", "+6.0s heal pause on webserver-1");
    assertThat(s.length()).as("length is the last heal").isEqualTo(ofSeconds(6));
  }

  @Test
  void aFaultThatIsNeverHealedIsRefused() {
    assertThatThrownBy(() -> Schedule.of(inject(ofSeconds(1), KILL)))
        .as("no guaranteed heal").isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never healed").hasMessageContaining("kill on loadbalancer-1");
  }

  @Test
  void aHealBeforeItsInjectIsRefused() {
    assertThatThrownBy(() -> Schedule.of(heal(ofSeconds(1), KILL), inject(ofSeconds(2), KILL)))
        .as("heal at 1 s of a fault injected at 2 s").isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not injected");
  }

  @Test
  void theSameFaultTwiceAtOnceIsRefused() {
    assertThatThrownBy(() -> Schedule.window(ofSeconds(0), ofSeconds(5), KILL)
        .and(Schedule.window(ofSeconds(1), ofSeconds(1), Faults.kill("loadbalancer-1"))))
        .as("records compare by value").isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already injected");
  }

  @Test
  void thenShiftsTheSecondScheduleByTheFirstOnesLength() {
    Schedule s = Schedule.window(ofSeconds(1), ofSeconds(2), KILL)
        .then(Schedule.window(ofSeconds(1), ofSeconds(1), PAUSE));
    assertThat(s.steps()).extracting(Step::at).as("offsets")
        .containsExactly(ofSeconds(1), ofSeconds(3), ofSeconds(4), ofSeconds(5));
  }

  @Test
  void aRandomScheduleDependsOnlyOnItsSeed() {
    Schedule a = random(42);
    assertThat(random(42)).as("same seed, same schedule").isEqualTo(a);
    assertThat(a.steps()).as("a 60 s schedule has several windows").hasSizeGreaterThan(4);
    assertThat(random(43)).as("another seed, another schedule").isNotEqualTo(a);
  }

  static Schedule random(long seed) {
    return Schedule.random(seed, ALL, ofSeconds(60), ofSeconds(2), ofSeconds(5), ofSeconds(1),
        ofSeconds(3));
  }

  record Bounds(long seed, int totalSeconds, long holdMillis) {}

  @Test
  void randomSchedulesKeepTheirBounds() {
    Cases.forEach("ScheduleTest.randomSchedulesKeepTheirBounds", 200,
        r -> new Bounds(Cases.anyLong(r), Cases.intIn(r, 1, 120), Cases.longIn(r, 100, 3000)),
        ScheduleTest::checkBounds);
  }

  static void checkBounds(Bounds b) {
    long seed = b.seed();
    int totalSeconds = b.totalSeconds();
    long holdMillis = b.holdMillis();
    Duration total = ofSeconds(totalSeconds);
    Duration minHold = ofMillis(holdMillis);
    Duration maxHold = minHold.multipliedBy(2);
    Schedule s = Schedule.random(seed, ALL, total, minHold, maxHold, ofMillis(500), ofSeconds(2));
    List<Step> st = s.steps();
    assertThat(st.size() % 2).as("inject/heal pairs").isZero();
    Duration lastHeal = Duration.ZERO;
    for (int i = 0; i < st.size(); i += 2) {
      Step in = st.get(i);
      Step out = st.get(i + 1);
      assertThat(in.action()).as("step %d injects", i).isEqualTo(Step.Action.INJECT);
      assertThat(out.action()).as("step %d heals", i + 1).isEqualTo(Step.Action.HEAL);
      assertThat(out.fault()).as("the heal is of the fault just injected").isEqualTo(in.fault());
      Duration held = out.at().minus(in.at());
      assertThat(held).as("held within [%s, %s] to the 100 ms", minHold, maxHold)
          .isBetween(minHold.minusMillis(99), maxHold);
      Duration gap = in.at().minus(lastHeal);
      assertThat(gap).as("quiet gap within [0.5, 2] s").isBetween(ofMillis(500), ofSeconds(2));
      assertThat(in.fault()).as("drawn from the given faults").isIn(ALL);
      lastHeal = out.at();
    }
    assertThat(s.length()).as("ends within the total").isLessThanOrEqualTo(total);
  }

  /** Records what the runner does, on a virtual clock. */
  static final class Recorder implements FaultActions, ScheduleRunner.Clock {
    final List<String> done = new ArrayList<>();
    Duration now = Duration.ZERO;
    Fault failOn;

    public void inject(Fault f) {
      done.add(now.toMillis() + " inject " + f.name());
      if (f.equals(failOn)) {
        throw new IllegalStateException("inject failed");
      }
    }

    public void heal(Fault f) {
      done.add(now.toMillis() + " heal " + f.name());
    }

    public Duration elapsed() {
      return now;
    }

    public void waitUntil(Duration offset) {
      now = offset.compareTo(now) > 0 ? offset : now;
    }
  }

  @Test
  void theRunnerActsAtEachOffset() {
    Recorder r = new Recorder();
    new ScheduleRunner(r, l -> {}).run(Schedule.window(ofSeconds(1), ofSeconds(2), KILL)
        .and(Schedule.window(ofSeconds(2), ofSeconds(2), PAUSE)), r);
    assertThat(r.done).as("actions at their offsets").containsExactly("1000 inject kill",
        "2000 inject pause", "3000 heal kill", "4000 heal pause");
  }

  @Test
  void aFailedRunStillHealsEverythingItInjectedLastFirst() {
    Recorder r = new Recorder();
    r.failOn = VRRP;
    Schedule s = Schedule.window(ofSeconds(0), ofSeconds(10), KILL)
        .and(Schedule.window(ofSeconds(1), ofSeconds(1), PAUSE))
        .and(Schedule.window(ofSeconds(3), ofSeconds(1), VRRP));
    assertThatThrownBy(() -> new ScheduleRunner(r, l -> {}).run(s, r))
        .as("the inject's failure reaches the caller").hasMessage("inject failed");
    assertThat(r.done).as("block-vrrp (half-injected) and kill are healed, last first")
        .containsExactly("0 inject kill", "1000 inject pause", "2000 heal pause",
            "3000 inject block-vrrp", "3000 heal block-vrrp", "3000 heal kill");
  }
}
