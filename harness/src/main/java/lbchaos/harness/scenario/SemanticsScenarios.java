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

  /** split-brain's settings with adverts to the peer's address instead of the group. */
  public static final LbSettings UNICAST = WEIGHTED.withUnicast(true);

  /** backup-server's servers without the {@code backup} keyword: its key check must fail. */
  public static final LbSettings BACKUP_NEGATIVE = BackupSemantics.NO_BACKUP;

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
        new Case(WEIGHTED, VrrpSemantics.haproxyKilled(WEIGHTED)),
        new Case(WEIGHTED, VrrpSemantics.gracefulStop(WEIGHTED)),
        new Case(v3, VrrpSemantics.subSecondAdverts(v3)),
        new Case(WEIGHTED, PreemptSemantics.preemptBack(WEIGHTED)),
        new Case(nopreempt, PreemptSemantics.nopreempt(nopreempt)),
        new Case(delayed, PreemptSemantics.preemptDelay(delayed)),
        new Case(WEIGHTED, PreemptSemantics.splitBrain(WEIGHTED)),
        new Case(UNICAST, PreemptSemantics.unicastBlocked(UNICAST)),
        new Case(WEIGHTED, PreemptSemantics.notifyOrder(WEIGHTED)),
        new Case(garp, GarpSemantics.garpTiming(garp)),
        // A slow application, not a slow link: this machine's kernel has no sch_netem.
        new Case(SlowBackendSemantics.SETTINGS,
            SlowBackendSemantics.slowBackend(SlowBackendSemantics.SETTINGS, p)),
        new Case(LbSettings.ARTICLE, BackendSemantics.slowBackendStays(LbSettings.ARTICLE, p)),
        new Case(LbSettings.ARTICLE, BackendSemantics.lossyBackend(LbSettings.ARTICLE, p)),
        new Case(BackupSemantics.SETTINGS,
            BackupSemantics.backupServer(BackupSemantics.SETTINGS, p)));
  }

  /** The case of this name, built for this probe. */
  public static Case named(String name, ProbeSpec p) {
    return all(p).stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no semantics scenario " + name));
  }
}
