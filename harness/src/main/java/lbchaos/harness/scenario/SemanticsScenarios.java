package lbchaos.harness.scenario;

import lbchaos.harness.check.Checker;

import java.time.Duration;
import java.util.List;
import lbchaos.harness.config.LbSettings;

/**
 * keepalived's and haproxy's documented behaviour, one scenario each, every bound from the config
 * (lbchaos.harness.expect) plus a stated tolerance. Each scenario comes with the settings its
 * configs must be rendered with, since several need other knobs than the article's.
 */
public final class SemanticsScenarios {

  /**
   * Priorities where a failing check's weight changes the election (254 - 2 {@literal <} 253),
   * and a check every second with fall 2 / rise 2 so detection takes seconds, not the
   * article's 30.
   */
  public static final LbSettings WEIGHTED = LbSettings.ARTICLE.withPriorities(254, 253)
      .withCheck(-2, 1, 2, 2);

  /** The article's priorities (255/254, weight -2) with the same fast check. */
  public static final LbSettings OWNER = LbSettings.ARTICLE.withCheck(-2, 1, 2, 2);

  /**
   * A weight smaller than the priority gap: a failing check takes the master from 254 to 252,
   * still above the backup's 250 (keepalived issues #2108, #942).
   */
  public static final LbSettings GAP = LbSettings.ARTICLE.withPriorities(254, 250)
      .withCheck(-2, 1, 2, 2);

  /** weight-gap's negative case: weight -5 takes the master to 249, below 250, so it moves. */
  public static final LbSettings GAP_NEGATIVE = GAP.withCheck(-5, 1, 2, 2);

  /**
   * asymmetric-partition: the yielding master advertises once more (higher_prio_send_advert),
   * so the remaining one hears a lower priority and sends its GARPs (garp_lower_prio_repeat,
   * keepalived's default 5).
   */
  public static final LbSettings PARTITION = WEIGHTED.withGarp(
      lbchaos.vrrp.state.Garp.DEFAULT.withHigherPrioSendAdvert(true));

  /** asymmetric-partition's negative case: neither keyword, so no GARP tells the client. */
  public static final LbSettings PARTITION_NEGATIVE = WEIGHTED.withGarp(
      lbchaos.vrrp.state.Garp.DEFAULT.withLowerPrio(
          lbchaos.vrrp.state.Garp.DEFAULT.lowerPrioDelay(), 0));
  /** split-brain's settings with adverts to the peer's address instead of the group. */
  public static final LbSettings UNICAST = WEIGHTED.withUnicast(true);

  /**
   * link-down's negative case: dont_track_primary, so the master keeps the VIP on its dead link
   * and never goes FAULT, which the scenario's key check (link-fault) must catch.
   */
  public static final LbSettings LINK_UNTRACKED = WEIGHTED.withDontTrackPrimary(true);

  /** backup-server's servers without the {@code backup} keyword: its key check must fail. */
  public static final LbSettings BACKUP_NEGATIVE = BackupSemantics.NO_BACKUP;

  /** server-errors' negative case: a plain layer-4 check and no observe, so the server stays in. */
  public static final LbSettings SERVER_ERRORS_NEGATIVE = ServerErrorsSemantics.NEGATIVE;

  /**
   * slow-client's negative case: "timeout http-request" a minute, run by the scenario built for
   * its own settings (whose bound is 3 s).
   */
  public static final LbSettings SLOW_CLIENT_NEGATIVE = SlowClientSemantics.NEGATIVE;

  /**
   * slow-body's negative case: slow-client's settings, without "option http-buffer-request",
   * run by the scenario built for slow-body's (whose bound is the same 3 s).
   */
  public static final LbSettings SLOW_BODY_NEGATIVE = SlowClientSemantics.SETTINGS;

  /** sync-group's negative case: the same two instances without the vrrp_sync_group. */
  public static final LbSettings SYNC_GROUP_NEGATIVE = SyncSemantics.NEGATIVE;

  /** sync-group built for other settings (its negative case). */
  public static Scenario syncGroup(LbSettings s) {
    return SyncSemantics.syncGroup(s);
  }

  /** A scenario and the settings of the topology it runs on. */
  public record Case(LbSettings settings, Scenario scenario) {
    public String name() {
      return scenario.name();
    }
  }

  private SemanticsScenarios() {}

  public static List<Case> all(ProbeSpec p) {
    LbSettings v3 = WEIGHTED.withAdverts(3, Duration.ofMillis(100));
    LbSettings nopreempt = WEIGHTED.withPreemption(true, Duration.ZERO);
    LbSettings delayed = WEIGHTED.withPreemption(false, PreemptSemantics.DELAY);
    LbSettings garp = WEIGHTED.withGarp(GarpSemantics.GARP);
    return List.of(
        new Case(WEIGHTED, VrrpSemantics.backendsUnreachable(WEIGHTED)),
        new Case(OWNER, VrrpSemantics.ownerIgnoresWeight(OWNER)),
        new Case(GAP, VrrpSemantics.weightGap(GAP)),
        new Case(WEIGHTED, VrrpSemantics.haproxyKilled(WEIGHTED)),
        new Case(WEIGHTED, VrrpSemantics.gracefulStop(WEIGHTED)),
        new Case(v3, VrrpSemantics.subSecondAdverts(v3)),
        new Case(WEIGHTED, PreemptSemantics.preemptBack(WEIGHTED)),
        new Case(nopreempt, PreemptSemantics.nopreempt(nopreempt)),
        new Case(delayed, PreemptSemantics.preemptDelay(delayed)),
        new Case(WEIGHTED, PreemptSemantics.splitBrain(WEIGHTED)),
        new Case(PARTITION, PartitionSemantics.asymmetricPartition(PARTITION, p)),
        new Case(UNICAST, PreemptSemantics.unicastBlocked(UNICAST)),
        new Case(WEIGHTED, PreemptSemantics.notifyOrder(WEIGHTED)),
        new Case(WEIGHTED, LinkSemantics.linkDown(WEIGHTED, p)),
        new Case(FlapSemantics.SETTINGS, FlapSemantics.notifyFlaps(FlapSemantics.SETTINGS)),
        new Case(garp, GarpSemantics.garpTiming(garp)),
        // A slow application, not a slow link: this machine's kernel has no sch_netem.
        new Case(SlowBackendSemantics.SETTINGS,
            SlowBackendSemantics.slowBackend(SlowBackendSemantics.SETTINGS, p)),
        new Case(LbSettings.ARTICLE, BackendSemantics.slowBackendStays(LbSettings.ARTICLE, p)),
        new Case(LbSettings.ARTICLE, BackendSemantics.lossyBackend(LbSettings.ARTICLE, p)),
        new Case(BackupSemantics.SETTINGS,
            BackupSemantics.backupServer(BackupSemantics.SETTINGS, p)),
        new Case(LbSettings.ARTICLE,
            MaintenanceSemantics.rollingMaintenance(LbSettings.ARTICLE, p, true)),
        new Case(ServerErrorsSemantics.SETTINGS,
            ServerErrorsSemantics.serverErrors(ServerErrorsSemantics.SETTINGS, p)),
        new Case(SlowClientSemantics.SETTINGS,
            SlowClientSemantics.slowClient(SlowClientSemantics.SETTINGS, p)),
        new Case(AccessLogSemantics.SETTINGS,
            AccessLogSemantics.accessLog(AccessLogSemantics.SETTINGS, p)),
        new Case(SyncSemantics.SETTINGS, SyncSemantics.syncGroup(SyncSemantics.SETTINGS)),
        // the article's scenarios over HTTPS (HttpsSemantics)
        new Case(HttpsSemantics.ARTICLE, HttpsSemantics.roundRobin(p)),
        new Case(HttpsSemantics.ARTICLE, HttpsSemantics.backendDown(p)),
        new Case(HttpsSemantics.ARTICLE, HttpsSemantics.masterDown(p)),
        new Case(HttpsSemantics.WEIGHTED, HttpsSemantics.gracefulStop()),
        // the article's master-down over IPv6 (Ipv6Semantics)
        new Case(Ipv6Semantics.ARTICLE, Ipv6Semantics.masterDown(p)),
        new Case(SlowClientSemantics.BODY, SlowClientSemantics.slowBody(SlowClientSemantics.BODY,
            p)));
  }

  /** master-down-ipv6's negative case: the backup's instance is IPv4, the IPv6 VIP cannot move. */
  public static final LbSettings MASTER_DOWN_IPV6_NEGATIVE = Ipv6Semantics.NEGATIVE;

  /** master-down-ipv6 built for other settings (its negative case). */
  public static Scenario masterDownIpv6(LbSettings s, ProbeSpec p) {
    return Ipv6Semantics.masterDown(s, p);
  }

  /** The article's settings with HTTPS on the frontend (https-round-robin and its kin). */
  public static final LbSettings HTTPS = HttpsSemantics.ARTICLE;

  /** https-round-robin's negative case: a client that does not speak TLS. */
  public static Scenario httpsPlainClient(ProbeSpec p) {
    return HttpsSemantics.plainClient(p);
  }

  /** weight-gap built for other settings (its negative case), every figure from them. */
  public static Scenario weightGap(LbSettings s) {
    return VrrpSemantics.weightGap(s);
  }

  /** link-down built for other settings (its negative case). */
  public static Scenario linkDown(LbSettings s, ProbeSpec p) {
    return LinkSemantics.linkDown(s, p);
  }

  /** notify-flaps' negative case: scripts that report MASTER as BACKUP and back. */
  public static final LbSettings NOTIFY_FLAPS_NEGATIVE = FlapSemantics.NEGATIVE;

  /** notify-flaps built for other settings (its negative case). */
  public static Scenario notifyFlaps(LbSettings s) {
    return FlapSemantics.notifyFlaps(s);
  }

  /** asymmetric-partition built for other settings (its negative case). */
  public static Scenario asymmetricPartition(LbSettings s, ProbeSpec p) {
    return PartitionSemantics.asymmetricPartition(s, p);
  }

  /**
   * rolling-maintenance's negative case: each webserver stopped without draining it first, so
   * requests fail and the scenario's failed-requests check does not pass.
   */
  public static Scenario rollingMaintenanceUndrained(ProbeSpec p) {
    return MaintenanceSemantics.rollingMaintenance(LbSettings.ARTICLE, p, false);
  }

  /** server-errors built for other settings (its negative case). */
  public static Scenario serverErrors(LbSettings s, ProbeSpec p) {
    return ServerErrorsSemantics.serverErrors(s, p);
  }

  /** access-log built for other settings (its negative case: no "log global", no logs). */
  public static Scenario accessLog(LbSettings s, ProbeSpec p) {
    return AccessLogSemantics.accessLog(s, p);
  }

  /** The case of this name, built for this probe. */
  public static Case named(String name, ProbeSpec p) {
    return all(p).stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no semantics scenario " + name));
  }
}
