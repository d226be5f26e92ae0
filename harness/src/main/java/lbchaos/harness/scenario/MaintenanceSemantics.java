package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.ArticleScenarios.masterDown;

import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.harness.check.Checker;
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
 * Rolling maintenance through haproxy's runtime API (management.txt 9.3, "set server <b>/<s>
 * state"): each webserver in turn is drained on every LB's proxy, so no new connection goes
 * to it while its health checks go on; then stopped, started again, marked UP by the checks,
 * and set ready. The client must see no failed request, and no answer from a server while it is
 * drained.
 */
final class MaintenanceSemantics {

  static final String BACKEND = "apiserver";

  private MaintenanceSemantics() {}

  /**
   * @param drainFirst false: the negative case, each webserver stopped without being drained,
   *     whose requests in flight and those sent before the checks mark it DOWN fail
   */
  static Scenario rollingMaintenance(LbSettings s, ProbeSpec p, boolean drainFirst) {
    String name = drainFirst ? "rolling-maintenance" : "rolling-maintenance-undrained";
    return new ArticleScenarios.Simple(name, drainFirst
        ? "each webserver in turn drained on both proxies through the stats socket, stopped,"
            + " started, set ready: no request fails, and a drained server answers none"
        : "each webserver in turn stopped and started without draining it first (the negative"
            + " case: requests fail until the checks mark it DOWN)", ss -> {
          Backend be = SlowBackendSemantics.backend(ss, s);
          CheckTiming check = ScenarioBounds.checkTiming(be, be.servers().getFirst());
          Tolerance tol = MACHINE.plus(Tolerance.probeInterval(p.rate()))
              .plus(Tolerance.of(p.timeout(), "a request in flight when the server stopped"));
          // A stopped container's address stops answering ARP: its checks time out.
          Bound detect = tol.applyTo(Expectations.backendDown(check, CheckFailure.CONNECT_TIMEOUT));
          Bound rejoin = tol.applyTo(Expectations.backendRejoin(check, CheckFailure.REFUSED))
              .plus(new Bound(Waits.DAEMON_START, "apache start"));
          // Answers to requests sent before the drain may still come in: 10 answers in a row
          // from the others, at the probe's rate with slack, plus one probe timeout.
          Bound settle = new Bound(p.interval().multipliedBy(30), "30 probe intervals")
              .plus(new Bound(p.timeout(), "a request in flight when the drain took effect"));
          Waits.ready(ss, masterDown(s));
          List<String> web = ss.lab().webservers().stream().map(n -> n.name()).toList();
          if (web.size() != 2) {
            throw new IllegalStateException("rolling-maintenance judges a drained server by the"
                + " other one serving alone: it needs 2 webservers, the topology has "
                + web.size());
          }
          String lbs = String.join(",", ss.lab().lbs().stream().map(n -> n.name()).toList());
          List<Checker> checks = new ArrayList<>();
          long from = Events.nowMicros();
          ss.startProbe(p);
          Waits.answers(ss, 20, p);
          for (int i = 0; i < web.size(); i++) {
            String w = web.get(i);
            String other = web.get(1 - i);
            String server = "backend-" + (i + 1);
            Fault drain = Faults.drain(lbs, BACKEND + "/" + server);
            long drained = 0;
            if (drainFirst) {
              ss.nemesis().inject(drain);
              drained = Events.nowMicros();
              Waits.noneFrom(ss, w, 10, drained, settle);
            }
            Fault stop = Faults.stop(w);
            long stopped = Events.nowMicros();
            ss.nemesis().inject(stop);
            Waits.serverState(ss, server, false, stopped, detect);
            long started = Events.nowMicros();
            ss.nemesis().heal(stop);
            Waits.serverState(ss, server, true, started, rejoin);
            long readied = Events.nowMicros();
            if (drainFirst) {
              ss.nemesis().heal(drain);
              checks.add(Checks.servedOnlyBy(other, w + " is drained on every proxy")
                  .within(drained, readied));
            }
            Waits.answerFrom(ss, w, readied, settle);
          }
          Waits.answers(ss, 20, p);
          ss.stopProbe();
          checks.addFirst(Checks.failedRequests(0).within(from, Long.MAX_VALUE));
          return checks;
        });
  }
}
