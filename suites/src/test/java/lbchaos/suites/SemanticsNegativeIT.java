package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.scenario.SemanticsScenarios;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;

/**
 * The semantics scenarios' negative cases: each scenario run on configs that break the behaviour
 * it checks, so its key check is seen to fail rather than pass vacuously. One stack (reference)
 * is enough: the point is the check, not the daemon.
 */
class SemanticsNegativeIT {

  /**
   * The negative case of weight-gap: weight -5 takes the master below the backup, so the VIP
   * moves, and the scenario's key checks (the VIP stayed; lint predicted it) fail.
   */
  @Test
  void weightGapFailsItsKeyCheckWhenTheWeightExceedsTheGap() {
    var r = new ScenarioRunner(LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.GAP_NEGATIVE), System.out,
        ProbeWatcher.NONE).run(SemanticsScenarios.weightGap(SemanticsScenarios.GAP_NEGATIVE));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("vip-stayed") || v.name().equals("lint-predicts-gap"))
        .hasSize(2).allSatisfy(v -> assertThat(v.passed())
            .as("the VIP moved with weight -5: %s", v).isFalse());
  }

  /**
   * The negative case of asymmetric-partition: without garp_lower_prio_repeat and
   * higher_prio_send_advert no GARP follows the heal, and the client's ARP entry for the VIP
   * stays at the LB that yielded, which the scenario's key check catches.
   */
  @Test
  void asymmetricPartitionFailsItsKeyCheckWithoutTheGarpsAfterTheHeal() {
    var r = new ScenarioRunner(LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.PARTITION_NEGATIVE), System.out, ProbeWatcher.NONE)
        .run(SemanticsScenarios.asymmetricPartition(SemanticsScenarios.PARTITION_NEGATIVE,
            ProbeSpec.DEFAULT));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("client-arp")).singleElement()
        .satisfies(v -> assertThat(v.passed())
            .as("the client's cache stayed stale: %s", v).isFalse());
  }

  /**
   * The negative case of backup-server: the same servers without {@code backup} share the
   * rotation, and the scenario's key check (no answer from backend-2 while backend-1 is UP) fails
   * instead of passing vacuously.
   */
  @Test
  void backupServerFailsItsKeyCheckWhenTheServerIsNoBackup() {
    var scenario = SemanticsScenarios.named("backup-server",
        ProbeSpec.DEFAULT).scenario();
    var r = new ScenarioRunner(LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.BACKUP_NEGATIVE), System.out,
        ProbeWatcher.NONE).run(scenario);
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("served-only-by")).first()
        .satisfies(v -> assertThat(v.passed())
            .as("webserver-2 answered while backend-1 was UP: %s", v).isFalse());
  }
}
