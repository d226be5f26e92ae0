package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lbchaos.event.AdvertSeen;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

/** The starved-backup row's counts, and the #22 targets that read them and the 0.01 s row. */
class SpuriousTest {

  static final String MASTER = "10.0.0.48";
  static final String BACKUP = "10.0.0.97";

  static AdvertSeen advert(long at, String from, int prio) {
    return new AdvertSeen(at, "observer", from, 51, prio, 3, 10, true, 255);
  }

  @Test
  void aQuietWindowCountsNothingAndABackupThatTookOverCountsItsChangesAndAdverts() {
    History quiet = History.of(advert(1, MASTER, 255), advert(2, MASTER, 255));
    assertThat(Trials.spurious(quiet, MASTER, BACKUP)).as("master advertising, backup silent")
        .isEqualTo(Map.of("spurious_transitions", 0.0, "backup_adverts", 0.0,
            "master_gap_ms", 0.001));
    History starved = History.of(advert(1, MASTER, 255),
        new VrrpStateChange(2, "loadbalancer-2", "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER, "t"),
        advert(3, BACKUP, 254), advert(4, MASTER, 255), advert(5, BACKUP, 0),
        new VrrpStateChange(6, "loadbalancer-2", "VI_1", VrrpRole.MASTER, VrrpRole.BACKUP, "t"));
    assertThat(Trials.spurious(starved, MASTER, BACKUP)).as("two changes, one advert of the"
        + " backup's (its priority 0 resignation is no master's advert); the master's adverts"
        + " at 1 and 4 µs: its longest gap 3 µs")
        .isEqualTo(Map.of("spurious_transitions", 2.0, "backup_adverts", 1.0,
            "master_gap_ms", 0.003));
  }

  @Test
  void theTargetsMissOneSpuriousChangeAndAnOutageOver60MsAtTenMsAdverts() {
    var rs = Targets.check(List.of(
        TargetsTest.row("backup starved v3 0.1s spurious_transitions", "java", 0, 1),
        TargetsTest.row("failover kill v3 0.01s outage_s", "java", 0.04, 0.05, 0.07)));
    assertThat(TargetsTest.result(rs, "backup starved v3 0.1s spurious_transitions").met())
        .as("one change in one trial misses 'none'").isFalse();
    assertThat(TargetsTest.result(rs, "failover kill v3 0.01s outage_s").met())
        .as("70 ms in one takeover misses 60 ms at p99").isFalse();
    var ok = Targets.check(List.of(
        TargetsTest.row("backup starved v3 0.1s spurious_transitions", "java", 0, 0),
        TargetsTest.row("failover kill v3 0.01s outage_s", "java", 0.04, 0.06)));
    assertThat(TargetsTest.result(ok, "backup starved v3 0.1s spurious_transitions").met())
        .as("none").isTrue();
    assertThat(TargetsTest.result(ok, "failover kill v3 0.01s outage_s").met())
        .as("60 ms is within").isTrue();
  }

  @Test
  void theCalmSoakAtTenMsAdvertsIsHeldToTheSameNone() {
    var rs = Targets.check(List.of(
        TargetsTest.row("calm v3 0.01s spurious_transitions", "java", 2),
        TargetsTest.row("calm v3 0.01s spurious_transitions", "reference", 0)));
    assertThat(TargetsTest.result(rs, "calm v3 0.01s spurious_transitions").met())
        .as("a failover and back in the calm soak misses 'none'").isFalse();
    var ok = Targets.check(List.of(
        TargetsTest.row("calm v3 0.01s spurious_transitions", "java", 0)));
    assertThat(TargetsTest.result(ok, "calm v3 0.01s spurious_transitions").met())
        .as("none").isTrue();
  }

  @Test
  void theLongerCalmIntervalsSayWhereItHoldsAndAreNoTarget() {
    var rs = Targets.check(List.of(
        TargetsTest.row("calm v3 0.01s spurious_transitions", "java", 3),
        TargetsTest.row("calm v3 0.05s spurious_transitions", "java", 0),
        TargetsTest.row("calm v3 0.02s spurious_transitions", "java", 1)));
    assertThat(rs.stream().map(Targets.Result::row).filter(r -> r.startsWith("calm")))
        .as("only the 0.01 s soak is held to 'none'")
        .containsExactly("calm v3 0.01s spurious_transitions");
    assertThat(TargetsTest.result(rs, "calm v3 0.01s spurious_transitions").met()).isFalse();
  }

  @Test
  void theFullPlanSoaksAtThreeIntervalsTheQuickOneAtTheShortest() {
    assertThat(Bench.Plan.FULL.calmAdverts().stream().map(Bench::calmRow))
        .containsExactly("calm v3 0.01s", "calm v3 0.02s", "calm v3 0.05s");
    assertThat(Bench.Plan.QUICK.withTrials(1).calmAdverts().stream().map(Bench::calmRow))
        .as("the quick plan keeps one 2-minute soak per stack").containsExactly("calm v3 0.01s");
  }
}
