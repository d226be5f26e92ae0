package lbchaos.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lbchaos.event.VrrpStateChange.Takeover;
import lbchaos.event.VrrpStateChange.VrrpRole;
import org.junit.jupiter.api.Test;

/** The takeover timings a java backup's MASTER report carries (issue 22 item 3). */
class VrrpStateChangeTest {

  private static final VrrpStateChange TIMED = new VrrpStateChange(2_000, "loadbalancer-2",
      "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER, "master down timer",
      new Takeover(1_000, 1_250, 1_900));

  @Test
  void theSplitIsTheTimersLatenessThenItsWayToTheAdvert() {
    assertThat(TIMED.takeover().timerLateMicros()).as("fired minus due").isEqualTo(250);
    assertThat(TIMED.takeover().toAdvertMicros()).as("advert minus fired").isEqualTo(650);
    assertThat(new Takeover(1_000, 990, 995).timerLateMicros()).as("a timer run early")
        .isEqualTo(-10);
  }

  @Test
  void anAdvertBeforeItsTimerIsRefused() {
    assertThatThrownBy(() -> new Takeover(1_000, 1_250, 1_249))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("precedes");
  }

  @Test
  void theTimingsReadBack() {
    String line = Events.toJson(TIMED);
    assertThat(line).contains("\"takeover\":{\"dueAt\":1000,\"firedAt\":1250,\"advertAt\":1900}");
    assertThat(Events.parse(line)).contains(TIMED);
  }

  @Test
  void aChangeWithoutThemWritesNoFieldAndReadsAsAbsent() {
    VrrpStateChange plain = new VrrpStateChange(3, "loadbalancer-1", "VI_1", VrrpRole.MASTER,
        VrrpRole.BACKUP, "higher priority advert");
    String line = Events.toJson(plain);
    assertThat(line).doesNotContain("takeover");
    assertThat(Events.parse(line)).contains(plain);
    assertThat(((VrrpStateChange) Events.parse(line).orElseThrow()).takeover()).isNull();
  }

  @Test
  void aLineWrittenBeforeTheFieldReadsAsAChangeWithoutIt() {
    // The bytes an agent of session 18 wrote.
    String old = "{\"type\":\"vrrp-state\",\"at\":5,\"source\":\"loadbalancer-2\","
        + "\"instance\":\"VI_1\",\"from\":\"BACKUP\",\"to\":\"MASTER\","
        + "\"reason\":\"master down timer\"}";
    assertThat(Events.parse(old)).contains(new VrrpStateChange(5, "loadbalancer-2", "VI_1",
        VrrpRole.BACKUP, VrrpRole.MASTER, "master down timer"));
  }

  @Test
  void aTimingThatContradictsItselfIsNotAnEvent() {
    String bad = Events.toJson(TIMED).replace("\"advertAt\":1900", "\"advertAt\":1200");
    assertThat(Events.parse(bad)).as("advert before the timer").isEmpty();
  }
}
