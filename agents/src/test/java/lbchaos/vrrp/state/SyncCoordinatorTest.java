package lbchaos.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import lbchaos.vrrp.state.SyncCoordinator.Order;
import lbchaos.vrrp.state.SyncCoordinator.Outcome;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's sync group rules (vrrp_sync.c), one per test, without sockets. */
class SyncCoordinatorTest {

  final SyncCoordinator g = new SyncCoordinator("VG", List.of("VI_1", "VI_2", "VI_3"));

  /** Every member started and in {@code s} (the group at start is BACKUP). */
  void all(State s) {
    for (String m : g.members()) {
      g.entered(m, State.INITIALIZE, State.BACKUP);
    }
    if (s == State.MASTER) {
      g.masterDownFired("VI_2");
      g.masterDownFired("VI_3");
      assertThat(g.masterDownFired("VI_1")).as("fixture: all want master").isTrue();
      g.entered("VI_1", State.BACKUP, State.MASTER);
      g.entered("VI_2", State.BACKUP, State.MASTER);
      g.entered("VI_3", State.BACKUP, State.MASTER);
    }
  }

  static Order to(String m, State s) {
    return new Order(m, new Input.SyncTo(s));
  }

  @Test
  void startsInBackupAndStartingMembersMoveNothing() {
    assertThat(g.starting()).as("keepalived notifies a group starting BACKUP")
        .isEqualTo(State.BACKUP);
    assertThat(g.entered("VI_1", State.INITIALIZE, State.BACKUP)).as("INIT -> BACKUP")
        .isEqualTo(new Outcome(List.of(), Optional.empty()));
  }

  @Test
  void oneMemberFaultingTakesEveryOtherToFault() {
    all(State.MASTER);
    g.entered("VI_2", State.MASTER, State.FAULT);
    Outcome o = g.trackFailed("VI_2");
    assertThat(o.orders()).as("the others, in the group's order")
        .containsExactly(to("VI_1", State.FAULT), to("VI_3", State.FAULT));
    assertThat(o.entered()).as("the group's FAULT notify").contains(State.FAULT);
    assertThat(g.trackFailed("VI_2")).as("the same fault again moves nothing")
        .isEqualTo(new Outcome(List.of(), Optional.empty()));
  }

  @Test
  void aSecondMemberFaultingWhileTheGroupIsInFaultMovesNothing() {
    all(State.BACKUP);
    g.trackFailed("VI_1");
    assertThat(g.trackFailed("VI_2").orders()).as("already FAULT").isEmpty();
  }

  @Test
  void theGroupLeavesFaultOnlyWhenTheLastFaultedMemberRecovers() {
    all(State.BACKUP);
    g.entered("VI_1", State.BACKUP, State.FAULT);
    g.trackFailed("VI_1");
    g.entered("VI_2", State.BACKUP, State.FAULT);
    g.entered("VI_3", State.BACKUP, State.FAULT);
    g.trackFailed("VI_2");
    assertThat(g.trackRecovered("VI_1")).as("VI_2 still failing: VI_1 stays FAULT").isFalse();
    assertThat(g.trackRecovered("VI_2")).as("the last one: it may leave FAULT").isTrue();
    Outcome o = g.entered("VI_2", State.FAULT, State.BACKUP);
    assertThat(o.orders()).as("the others come back as BACKUP (vrrp_sync_backup)")
        .containsExactly(to("VI_1", State.BACKUP), to("VI_3", State.BACKUP));
    assertThat(o.entered()).contains(State.BACKUP);
  }

  @Test
  void aMasterGoingBackupTakesTheOtherMastersToBackup() {
    all(State.MASTER);
    Outcome o = g.entered("VI_3", State.MASTER, State.BACKUP);
    assertThat(o.orders()).containsExactly(to("VI_1", State.BACKUP), to("VI_2", State.BACKUP));
    assertThat(o.entered()).as("the group's BACKUP notify").contains(State.BACKUP);
  }

  @Test
  void aBackupBecomesMasterOnlyWhenEveryMemberWouldAndThenTakesTheOthers() {
    all(State.BACKUP);
    assertThat(g.masterDownFired("VI_1")).as("VI_2 and VI_3 still hear a master").isFalse();
    assertThat(g.masterDownFired("VI_2")).as("VI_3 still does").isFalse();
    g.masterHeard("VI_1");
    assertThat(g.masterDownFired("VI_3")).as("VI_1 accepted an advert since").isFalse();
    assertThat(g.masterDownFired("VI_1")).as("now all three want MASTER").isTrue();
    Outcome o = g.entered("VI_1", State.BACKUP, State.MASTER);
    assertThat(o.orders()).containsExactly(to("VI_2", State.MASTER), to("VI_3", State.MASTER));
    assertThat(o.entered()).contains(State.MASTER);
    assertThat(g.entered("VI_2", State.BACKUP, State.MASTER).orders())
        .as("a member the group ordered moves nothing more").isEmpty();
  }

  @Test
  void aMemberStartingWhileTheGroupIsInFaultIsSentToFault() {
    g.trackFailed("VI_1");
    assertThat(g.starting()).as("keepalived's group_member_down").isEqualTo(State.FAULT);
    assertThat(g.entered("VI_2", State.INITIALIZE, State.BACKUP).orders())
        .containsExactly(to("VI_2", State.FAULT));
  }
}
