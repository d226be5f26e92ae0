package lbchaos.harness.check;

import static lbchaos.harness.check.Synth.garp;
import static lbchaos.harness.check.Synth.garps;
import static lbchaos.harness.check.Synth.us;
import static lbchaos.harness.check.Synth.vip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.GarpSeen;
import lbchaos.harness.check.GarpChecks.GarpConfig;
import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

/** The GARP timing check on synthetic wire histories: keepalived 2.2.7's schedule, and not. */
class GarpChecksTest {

  static final String MAC = "02:42:0a:00:00:03";
  /** garp_master_delay 2, garp_master_repeat 3, garp_master_refresh 4 (repeat 1), 1 s adverts. */
  static final GarpConfig CONF = new GarpConfig(3, 2_000, 4_000, 1, 1_000, false);
  static final Moment TAKEOVER = new Moment.Vip("loadbalancer-2", true,
      new Moment.Clock(0, "the start"));

  static Checker check(GarpConfig c, double endSeconds) {
    return GarpChecks.timing("loadbalancer-2", "10.0.0.100", TAKEOVER,
        new Moment.Clock(us(endSeconds), "the end"), c, 500, "test tolerance");
  }

  /** The VIP taken at 1 s; bursts at the given times with the given counts. */
  static History wire(double[] at, int[] count) {
    List<Event> e = new ArrayList<>(List.of(vip(1.0, "loadbalancer-2", true)));
    for (int i = 0; i < at.length; i++) {
      e.addAll(garps(at[i], MAC, count[i]));
    }
    return History.of(e);
  }

  @Test
  void keepalivedsScheduleIsValid() {
    // first at 1.01, second at +2, refreshes at the first advert after +4 from becoming master
    // (+5: the advert at +4 came a hair before the deadline), then +4 from that one (+9, +13).
    History h = wire(new double[] {1.01, 3.01, 6.02, 10.02, 14.03},
        new int[] {3, 3, 1, 1, 1});
    Verdict v = check(CONF, 16).check(h);
    assertThat(v.passed()).as(v.sentence()).isTrue();
    assertThat(v.figures()).containsEntry("bursts", 5.0).containsEntry("refreshes", 3.0)
        .containsEntry("second_burst_s", 2.0);
  }

  @Test
  void theDefaultsAreTwoBurstsOfFiveAndNothingMore() {
    GarpConfig defaults = new GarpConfig(5, 5_000, 0, 1, 1_000, false);
    assertThat(check(defaults, 12).check(wire(new double[] {1.0, 6.0}, new int[] {5, 5}))
        .passed()).isTrue();
    Verdict refreshed = check(defaults, 12).check(wire(new double[] {1.0, 6.0, 10.0},
        new int[] {5, 5, 1}));
    assertThat(refreshed.passed()).as(refreshed.sentence()).isFalse();
    assertThat(refreshed.sentence()).contains("neither the second burst nor a refresh");
  }

  @Test
  void keepalivedsDefaultTimingFailsAConfigThatAsksForOther() {
    // The agent before issue 20 item 6: 5 GARPs, again 5 s later, no refresh.
    Verdict v = check(CONF, 12).check(wire(new double[] {1.0, 6.0}, new int[] {5, 5}));
    assertThat(v.passed()).isFalse();
    assertThat(v.sentence()).contains("the first burst had 5 GARPs, garp_master_repeat 3")
        .contains("no second burst 2.00 s after the first")
        .contains("a refresh at +5.00 s had 5 GARPs").contains("no refresh");
  }

  @Test
  void aRefreshTooEarlyOrMissingFails() {
    Verdict early = check(CONF, 10).check(wire(new double[] {1.0, 3.0, 3.8, 7.8},
        new int[] {3, 3, 1, 1}));
    assertThat(early.passed()).isFalse();
    assertThat(early.sentence()).contains("a burst of 1 at +2.80 s");
    Verdict missing = check(CONF, 16).check(wire(new double[] {1.0, 3.0, 5.0},
        new int[] {3, 3, 1}));
    assertThat(missing.passed()).isFalse();
    assertThat(missing.sentence()).contains("no refresh 4.00 s (+ up to 1.00 s) after the one"
        + " at +4.00 s");
  }

  @Test
  void wrongCountsInTheSecondBurstOrARefreshFail() {
    Verdict v = check(CONF, 8).check(wire(new double[] {1.0, 3.0, 5.5}, new int[] {3, 2, 2}));
    assertThat(v.passed()).isFalse();
    assertThat(v.sentence()).contains("the second burst had 2 GARPs")
        .contains("a refresh at +4.50 s had 2 GARPs, garp_master_refresh_repeat 1");
  }

  @Test
  void aLateFirstBurstFails() {
    Verdict v = check(new GarpConfig(3, 0, 0, 1, 1_000, false), 6)
        .check(wire(new double[] {2.0}, new int[] {3}));
    assertThat(v.passed()).isFalse();
    assertThat(v.sentence()).contains("the first burst came 1.00 s after");
  }

  @Test
  void keepalived23RefreshesOnATimerFromDelayPlusRefresh() {
    GarpConfig timer = new GarpConfig(3, 2_000, 4_000, 1, 1_000, true);
    History h = wire(new double[] {1.0, 3.0, 7.0, 11.0}, new int[] {3, 3, 1, 1});
    assertThat(check(timer, 13).check(h).passed()).as(check(timer, 13).check(h).sentence())
        .isTrue();
    assertThat(check(CONF, 13).check(h).passed()).as("not 2.2.7's schedule").isFalse();
  }

  @Test
  void onlyTheNewMastersMacAndTheWiresEventsCount() {
    List<Event> e = new ArrayList<>(List.of(vip(1.0, "loadbalancer-2", true)));
    e.addAll(garps(1.0, MAC, 3));
    e.addAll(garps(3.0, MAC, 3));
    e.add(garp(3.5, "02:42:0a:00:00:02")); // another node's GARP
    e.add(new GarpSeen(us(4.0), "loadbalancer-2", "10.0.0.100", MAC)); // the agent's own event
    Verdict v = check(new GarpConfig(3, 2_000, 0, 1, 1_000, false), 6).check(History.of(e));
    assertThat(v.passed()).as(v.sentence()).isTrue();
    assertThat(v.figures()).containsEntry("other_mac_garps", 1.0);
  }

  @Test
  void noGarpsAtAllFailsAndNoTakeoverIsUnknown() {
    History none = History.of(List.of(vip(1.0, "loadbalancer-2", true)));
    assertThat(check(CONF, 6).check(none).passed()).isFalse();
    Verdict unknown = check(CONF, 6).check(History.of(List.of(garp(1.0, MAC))));
    assertThat(unknown.sentence()).contains("does not show");
  }
}
