package lbchaos.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.FaultEvent;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.verdict.Bound;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.fault.Schedule;
import lbchaos.harness.fault.ScheduleRunner;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;

/**
 * Every source in one History on one clock: the probe's samples, the wire observer's adverts,
 * keepalived's and haproxy's lines through the adapters, and the harness's fault events, driven
 * by a nemesis schedule (kill the master, then a webserver), in the order cause and effect
 * happened.
 */
@LbChaos(stack = Stack.REFERENCE)
class HistoryIT {

  static final LbSettings S = LbSettings.ARTICLE;
  /** Shared 2-core machine: container scheduling, docker kill/start latency, log delivery. */
  static final Tolerance MACHINE = Tolerance.of(Duration.ofSeconds(2),
      "docker kill/start and log delivery on a shared 2-core machine");
  static final Duration DAEMON_START = Duration.ofSeconds(10);

  @Test
  void probeObserverAdaptersAndFaultsMakeOneOrderedHistory(Session s) {
    String lb1 = s.lab().node("loadbalancer-1").ip();
    String lb2 = s.lab().node("loadbalancer-2").ip();
    Bound takeover = MACHINE.applyTo(Expectations.masterDownInterval(Timings.vrrp(S, 1)));
    await("loadbalancer-1 holds the VIP").atMost(takeover.value().plus(DAEMON_START))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> s.lab().vipHolders().equals(List.of("loadbalancer-1")));
    s.startProbe(ProbeSpec.DEFAULT);
    await("10 answers through the VIP").atMost(DAEMON_START).pollInterval(Duration.ofMillis(100))
        .until(() -> s.answers().size() >= 10);

    // The master is down for its takeover bound, then the webserver for haproxy's detection
    // bound: long enough for each effect to show while the fault is in place.
    Bound detect = MACHINE.applyTo(Expectations.backendDown(Timings.haproxy(S),
        CheckFailure.CONNECT_TIMEOUT));
    Fault master = Faults.kill("loadbalancer-1");
    Fault web = Faults.kill("webserver-2");
    Schedule schedule = Schedule.window(Duration.ZERO, takeover.value(), master)
        .then(Schedule.window(Duration.ofSeconds(1), detect.value(), web));
    new ScheduleRunner(s.nemesis(), l -> System.out.println("nemesis: " + l)).run(schedule);

    Bound rejoin = MACHINE.applyTo(Expectations.backendRejoin(Timings.haproxy(S),
        CheckFailure.REFUSED));
    await("webserver-2 back in rotation").atMost(rejoin.value().plus(DAEMON_START))
        .pollInterval(Duration.ofMillis(200)).until(() -> s.history().of(ServerState.class)
            .stream().anyMatch(e -> e.server().equals("backend-2") && e.up()));
    s.stopProbe();

    History h = s.history();
    List<Event> es = h.events();
    int inject1 = index(es, 0, f -> f instanceof FaultEvent e && e.fault().equals("kill")
        && e.target().equals("loadbalancer-1") && e.phase() == FaultEvent.Phase.INJECT);
    assertThat(index(es, 0, e -> e instanceof ProbeSample p && p.ok()))
        .as("answers through the VIP before the first fault").isLessThan(inject1);
    assertThat(index(es, 0, e -> e instanceof AdvertSeen a && a.from().equals(lb1)
        && a.priority() == 255)).as("the observer saw lb1's adverts before").isLessThan(inject1);
    assertThat(index(es, 0, e -> e instanceof VrrpStateChange v && v.source()
        .equals("loadbalancer-1") && v.to() == VrrpStateChange.VrrpRole.MASTER))
        .as("keepalived's adapter: lb1 MASTER at start-up").isLessThan(inject1);

    int lb2Master = index(es, inject1, e -> e instanceof VrrpStateChange v
        && v.source().equals("loadbalancer-2") && v.to() == VrrpStateChange.VrrpRole.MASTER);
    assertThat(lb2Master).as("lb2 MASTER after the kill").isPositive();
    assertThat(index(es, inject1, e -> e instanceof VipChange v && v.added()
        && v.source().equals("loadbalancer-2"))).as("lb2 took the VIP after the kill")
        .isPositive();
    int heal1 = index(es, inject1, f -> f instanceof FaultEvent e
        && e.target().equals("loadbalancer-1") && e.phase() == FaultEvent.Phase.HEAL);
    assertThat(heal1).as("the kill healed after lb2 took over").isGreaterThan(lb2Master);
    assertThat(index(es, inject1, e -> e instanceof AdvertSeen a && a.from().equals(lb2)))
        .as("the observer saw lb2 advertise while lb1 was down").isBetween(inject1, heal1);
    // From lb2's takeover, not from the heal: the HEAL event is stamped once `docker start`
    // has returned, and the restarted keepalived can log MASTER a few milliseconds before that.
    assertThat(index(es, lb2Master, e -> e instanceof VrrpStateChange v
        && v.source().equals("loadbalancer-1") && v.to() == VrrpStateChange.VrrpRole.MASTER))
        .as("lb1 preempts back after its restart").isPositive();

    int inject2 = index(es, heal1, f -> f instanceof FaultEvent e
        && e.target().equals("webserver-2") && e.phase() == FaultEvent.Phase.INJECT);
    int down = index(es, inject2, e -> e instanceof ServerState st
        && st.server().equals("backend-2") && !st.up());
    int heal2 = index(es, inject2, f -> f instanceof FaultEvent e
        && e.target().equals("webserver-2") && e.phase() == FaultEvent.Phase.HEAL);
    assertThat(down).as("haproxy's adapter: backend-2 DOWN while webserver-2 was killed")
        .isPositive().isBetween(inject2, heal2);
    assertThat(index(es, heal2, e -> e instanceof ServerState st
        && st.server().equals("backend-2") && st.up())).as("backend-2 UP after the heal")
        .isPositive();
    assertThat(index(es, heal2, e -> e instanceof ProbeSample p && p.ok()))
        .as("answers after everything healed").isPositive();
    assertThat(h.faultWindows()).as("two windows, both healed")
        .hasSize(2).allMatch(w -> w.healAt().isPresent());
  }

  /** Index of the first event at or after {@code from} that matches; -1 when none. */
  static int index(List<Event> es, int from, Predicate<Event> p) {
    for (int i = Math.max(0, from); i < es.size(); i++) {
      if (p.test(es.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
