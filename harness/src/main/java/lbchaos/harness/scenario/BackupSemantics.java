package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.ArticleScenarios.masterDown;

import java.util.List;
import java.util.Set;
import lbchaos.event.Events;
import lbchaos.harness.check.Checks;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.CheckTiming;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.proxy.config.Backend;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Tolerance;

/**
 * haproxy's {@code backup} servers: one takes traffic only while no active server of its backend
 * is UP (haproxy's configuration manual, "backup"), and it never does while one is, not even
 * just after the proxy started: haproxy starts a checked server UP and takes it out only after
 * {@code fall} failed checks (haproxy issue #2729 is a backup taking traffic after a restart).
 */
final class BackupSemantics {

  static final String ACTIVE = "webserver-1";
  static final String ACTIVE_SERVER = "backend-1";
  static final String BACKUP = "webserver-2";

  /** backend-2 is the backup; checks every second, down after 2 failures, up after 2 passes. */
  static final LbSettings SETTINGS = LbSettings.ARTICLE.withHaproxyExtra(
      "default-server inter 1s fall 2 rise 2\n"
          + "  server backend-1 ${webserver-1}:80 check\n"
          + "  server backend-2 ${webserver-2}:80 check backup");

  /** The same servers without the {@code backup} keyword: the negative case of the scenario. */
  static final LbSettings NO_BACKUP = LbSettings.ARTICLE.withHaproxyExtra(
      SETTINGS.haproxyExtra().replace(" check backup", " check"));

  private BackupSemantics() {}

  static Scenario backupServer(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("backup-server",
        "backend-2 is a backup server: it gets no request while backend-1 is UP, all of them"
            + " once backend-1 is marked DOWN (within the bound from inter/fall), none again once"
            + " backend-1 is back (rise), and none after the serving LB restarts", ss -> {
          Backend be = SlowBackendSemantics.backend(ss, s);
          CheckTiming check = ScenarioBounds.checkTiming(be, be.servers().getFirst());
          Tolerance tol = MACHINE.plus(Tolerance.probeInterval(p.rate()))
              .plus(Tolerance.of(p.timeout(), "a request in flight when the server died"));
          // A killed container's address stops answering ARP: its checks time out.
          Bound detect = tol.applyTo(Expectations.backendDown(check, CheckFailure.CONNECT_TIMEOUT));
          Bound rejoin = tol.applyTo(Expectations.backendRejoin(check, CheckFailure.REFUSED))
              .plus(new Bound(Waits.DAEMON_START, "apache start"));
          String holder = Waits.ready(ss, masterDown(s), Set.of(ACTIVE));
          String why = "backend-1, an active server, is UP";

          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          Fault kill = Faults.kill(ACTIVE);
          long killed = Events.nowMicros();
          ss.nemesis().inject(kill);
          Waits.serverState(ss, ACTIVE_SERVER, false, killed, detect);
          Waits.onlyFrom(ss, BACKUP, 10, killed, detect.plus(
              new Bound(p.interval().multipliedBy(10), "10 probe intervals")));
          long backupServing = Events.nowMicros();
          Waits.answersAfter(ss, 20, backupServing, p);

          long healed = Events.nowMicros();
          ss.nemesis().heal(kill);
          Waits.serverState(ss, ACTIVE_SERVER, true, healed, rejoin);
          // Requests sent before the last proxy said UP may still reach the backup.
          long rejoined = Events.nowMicros() + p.timeout().toNanos() / 1000;
          // Waits that do not assume the backup semantics: the checks judge them.
          Waits.answerFrom(ss, ACTIVE, healed, rejoin.plus(new Bound(p.timeout(),
              "probe timeout")));
          Waits.answersAfter(ss, 20, rejoined, p);

          // The serving LB restarts: the other's proxy serves meanwhile, then the restarted
          // one again (the VIP's owner preempts), with its health checks starting afresh.
          Fault restart = Faults.restart(holder);
          long restarted = Events.nowMicros();
          ss.nemesis().inject(restart);
          Waits.holder(ss, holder, masterDown(s).value().plus(Waits.DAEMON_START));
          Waits.answers(ss, 20, p);
          ss.stopProbe();
          ss.nemesis().heal(restart);
          int maxFailed = (int) Math.ceil(detect.seconds() * p.rate()) + 1;
          return List.of(
              Checks.servedOnlyBy(ACTIVE, why).within(from, killed),
              Checks.backendDown(ACTIVE_SERVER, ACTIVE, detect).within(from, healed),
              Checks.failedRequests(maxFailed).within(from, healed),
              Checks.servedOnlyBy(BACKUP, "backend-1 is DOWN").within(backupServing, healed),
              Checks.backendRejoin(ACTIVE_SERVER, ACTIVE, rejoin).within(from, Long.MAX_VALUE),
              Checks.servedOnlyBy(ACTIVE, why).within(rejoined, restarted),
              Checks.servedOnlyBy(ACTIVE, why + ", also after " + holder + " restarted")
                  .within(restarted, Long.MAX_VALUE));
        });
  }
}
