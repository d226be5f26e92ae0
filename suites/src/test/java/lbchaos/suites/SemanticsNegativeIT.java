package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.SemanticsScenarios;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.GAP_NEGATIVE),
        SemanticsScenarios.weightGap(SemanticsScenarios.GAP_NEGATIVE));
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
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.PARTITION_NEGATIVE),
        SemanticsScenarios.asymmetricPartition(SemanticsScenarios.PARTITION_NEGATIVE,
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
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.BACKUP_NEGATIVE), scenario);
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("served-only-by")).first()
        .satisfies(v -> assertThat(v.passed())
            .as("webserver-2 answered while backend-1 was UP: %s", v).isFalse());
  }

  /**
   * The negative case of rolling-maintenance: each webserver stopped without being drained
   * first, so the client's requests to it fail until the checks mark it DOWN, and the
   * scenario's key check (no failed request) fails.
   */
  @Test
  void rollingMaintenanceFailsItsKeyCheckWithoutTheDrain() {
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE),
        SemanticsScenarios.rollingMaintenanceUndrained(ProbeSpec.DEFAULT));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("failed-requests")).singleElement()
        .satisfies(v -> assertThat(v.passed())
            .as("requests failed while an undrained webserver was stopped: %s", v).isFalse());
  }

  /**
   * The negative case of unicast-blocked: a unicast advert reaches only its peer's bridge port,
   * so the same run judged from the bridge observer alone (the taps in the LBs' namespaces left
   * out) has no evidence of the split brain: its key check does not pass (it is unknown: no
   * advert seen), while with the taps it passes.
   */
  @Test
  void unicastBlockedCannotBeSeenFromTheBridgeAlone() {
    var c = SemanticsScenarios.named("unicast-blocked", ProbeSpec.DEFAULT);
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(c.settings()), c.scenario());
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("wire-split-brain")).first()
        .satisfies(v -> assertThat(v.passed())
            .as("with the taps the split brain is on the wire: %s", v).isTrue());
    var bridge = lbchaos.harness.judge.Judge.judge(
        lbchaos.harness.history.Wire.bridgeOnly(r.history()), r.evidence().checks());
    assertThat(bridge).filteredOn(v -> v.name().equals("wire-split-brain")).first()
        .satisfies(v -> assertThat(v.outcome())
            // UNKNOWN when the observer saw no advert at all (the usual case); a unicast frame
            // the bridge flooded before it learnt the peer's port would make it a FAIL ("no
            // split brain"): either way it must not pass.
            .as("from the bridge alone: %s", v).isNotEqualTo(lbchaos.verdict.Outcome.PASS));
  }

  /**
   * The negative case of link-down: with dont_track_primary the master does not track its own
   * interface, so when that link goes down it stays MASTER with the VIP on a dead link instead of
   * going FAULT: the scenario's key check (link-fault: it gives the VIP up at the link event) must
   * fail, while the backup still takes over (it hears no adverts), which shows the run itself
   * worked. On the java stack too: the agent's own link tracking is what is under test there.
   */
  @ParameterizedTest
  @EnumSource(value = Stack.class, names = {"REFERENCE", "JAVA"})
  void linkDownFailsItsKeyCheckWhenThePrimaryIsNotTracked(Stack stack) {
    var s = SemanticsScenarios.LINK_UNTRACKED;
    var r = SuiteRun.runAndAttach(stack, LabSpec.article(stack).withSettings(s),
        SemanticsScenarios.linkDown(s, ProbeSpec.DEFAULT));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("link-fault")).singleElement()
        .satisfies(v -> assertThat(v.passed())
            .as("the master kept the VIP on its dead link: %s", v).isFalse());
    assertThat(r.verdicts()).filteredOn(v -> v.name().equals("link-takeover")).singleElement()
        .satisfies(v -> assertThat(v.passed()).as("the backup took over: %s", v).isTrue());
  }

  /**
   * The negative case of server-errors: mode http with a plain layer-4 check and no observe.
   * Nothing looks at the 500s, so backend-1 stays in rotation, and the key check (DOWN within the
   * bound) fails.
   */
  @Test
  void serverErrorsFailsItsKeyCheckWithoutObserveOrHttpCheck() {
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.SERVER_ERRORS_NEGATIVE),
        SemanticsScenarios.serverErrors(SemanticsScenarios.SERVER_ERRORS_NEGATIVE,
            ProbeSpec.DEFAULT));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("backend-down")).singleElement()
        .satisfies(v -> assertThat(v.passed())
            .as("backend-1 stayed in with its 500s: %s", v).isFalse());
  }

  /**
   * The negative case of slow-client: the scenario built for its own settings (bound 3 s) run on
   * a config whose "timeout http-request" is a minute: the slow client is still open when it gives
   * up past the bound, and the key check fails.
   */
  @Test
  void slowClientFailsItsKeyCheckWithALongTimeoutHttpRequest() {
    keyCheckFails("slow-client", SemanticsScenarios.SLOW_CLIENT_NEGATIVE,
        "cut-at-timeout-http-request", "not cut within the bound");
  }

  /**
   * The negative case of slow-body: the scenario built for its settings run on a config without
   * "option http-buffer-request": haproxy passes the body on to the webserver as it comes, and
   * no 408 cuts the client within the bound.
   */
  @Test
  void slowBodyFailsItsKeyCheckWithoutHttpBufferRequest() {
    keyCheckFails("slow-body", SemanticsScenarios.SLOW_BODY_NEGATIVE,
        "cut-at-timeout-http-request", "no 408 within the bound");
  }

  /**
   * Scenario {@code name}, built for its own settings, run on the reference stack on
   * {@code settings} instead: its one check {@code check} must fail ({@code why}).
   */
  private static void keyCheckFails(String name, lbchaos.harness.config.LbSettings settings,
      String check, String why) {
    var c = SemanticsScenarios.named(name, ProbeSpec.DEFAULT);
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(settings), c.scenario());
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals(check)).singleElement()
        .satisfies(v -> assertThat(v.passed()).as("%s: %s", why, v).isFalse());
  }

  /**
   * The negative case of notify-flaps: a notify script and a fifo script that report MASTER as
   * BACKUP and BACKUP as MASTER. The flaps are the same; the scenario's key checks (each node's
   * last notification names its final state, for the scripts and for the FIFO) fail.
   */
  @Test
  void notifyFlapsFailsItsKeyChecksWhenTheNotificationsNameTheWrongState() {
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.NOTIFY_FLAPS_NEGATIVE),
        SemanticsScenarios.notifyFlaps(SemanticsScenarios.NOTIFY_FLAPS_NEGATIVE));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("notify-last-state")).hasSize(2)
        .allSatisfy(v -> assertThat(v.passed())
            .as("the scripts named the opposite state: %s", v).isFalse());
  }

  /**
   * The negative case of access-log: the article's config as it is, whose frontend has "option
   * tcplog" but no "log" line, so no request is logged and the scenario's key check fails.
   */
  @Test
  void accessLogFailsItsKeyCheckWhenTheFrontendDoesNotLog() {
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE),
        SemanticsScenarios.accessLog(lbchaos.harness.config.LbSettings.ARTICLE,
            ProbeSpec.DEFAULT));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("access-log-per-request")).singleElement()
        .satisfies(v -> assertThat(v.passed())
            .as("no access log without a log line: %s", v).isFalse());
  }

  /**
   * The negative case of sync-group: the same two instances without their vrrp_sync_group, so
   * VI_1's failing check moves only its own VIP and VI_2's stays on the master, which the
   * scenario's key check (the second VIP on the backup) catches.
   */
  @Test
  void syncGroupFailsItsKeyCheckWithoutTheGroup() {
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.SYNC_GROUP_NEGATIVE),
        SemanticsScenarios.syncGroup(SemanticsScenarios.SYNC_GROUP_NEGATIVE));
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("sync-vip1-moved")).singleElement()
        .satisfies(v -> assertThat(v.passed()).as("VI_1 moves on its own: %s", v).isTrue());
    assertThat(r.verdicts()).filteredOn(v -> v.name().equals("sync-vip2-moved"))
        .singleElement().satisfies(v -> assertThat(v.passed())
            .as("VI_2 stayed on the master without the group: %s", v).isFalse());
  }

  /**
   * The negative case of https-round-robin: a client that speaks plain HTTP to the ssl bind gets
   * no answer, so the checks that pass over TLS (every request answered, in strict turns) fail.
   */
  @Test
  void httpsRoundRobinFailsForAClientThatDoesNotSpeakTls() {
    var r = SuiteRun.runAndAttach(Stack.REFERENCE, LabSpec.article(Stack.REFERENCE)
        .withSettings(SemanticsScenarios.HTTPS),
        SemanticsScenarios.httpsPlainClient(ProbeSpec.DEFAULT));
    assertThat(r.error()).as("the scenario ran to its checks").isNull();
    assertThat(r.verdicts()).as("error: %s", r.error())
        .filteredOn(v -> v.name().equals("failed-requests"))
        .singleElement().satisfies(v -> assertThat(v.passed())
            .as("plain HTTP to the TLS port is answered by no server: %s", v).isFalse());
  }

  /**
   * The negative case of master-down-ipv6: the backup's instance is IPv4 (its VIP the IPv4 one),
   * so when the master is killed nobody takes the IPv6 VIP over: one-vip-holder (a time without
   * a holder longer than the takeover bound) must fail. On the java stack: the agent's VIP events
   * name the address it adds, where keepalived's log adapter maps an instance name to the plan's
   * VIP, which here differs per LB (the backup's VI_1 holds the IPv4 one).
   */
  @Test
  void masterDownIpv6FailsWhenTheBackupRunsNoIpv6Instance() {
    var s = SemanticsScenarios.MASTER_DOWN_IPV6_NEGATIVE;
    var r = SuiteRun.runAndAttach(Stack.JAVA, LabSpec.article(Stack.JAVA)
        .withSettings(s), SemanticsScenarios.masterDownIpv6(s, ProbeSpec.DEFAULT));
    assertThat(r.error()).as("the scenario ran to its checks").isNull();
    assertThat(r.verdicts()).filteredOn(v -> v.name().equals("single-vip-holder"))
        .singleElement().satisfies(v -> assertThat(v.passed())
            .as("the IPv6 VIP stayed without a holder: %s", v).isFalse());
    assertThat(r.verdicts()).filteredOn(v -> v.name().equals("single-vip-holder"))
        .singleElement().satisfies(v -> assertThat(v.toString())
            .as("for the gap, not a dual holder").contains("held by nobody"));
  }
}
