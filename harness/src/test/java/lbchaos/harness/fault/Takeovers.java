package lbchaos.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;
import lbchaos.event.VrrpStateChange;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.Session;

/** What the fault ITs of both stacks wait on: the baseline, and a takeover under a fault. */
final class Takeovers {

  private Takeovers() {}

  /** lb1 holds the VIP, which answers. */
  static void awaitBaseline(Session s, Duration vip, Duration answer) {
    await("loadbalancer-1 holds the VIP").atMost(vip).pollInterval(Duration.ofMillis(200))
        .until(() -> s.lab().vipHolders().equals(List.of("loadbalancer-1")));
    await("an answer through the VIP").atMost(answer).pollInterval(Duration.ofMillis(200))
        .until(() -> s.lab().curlVip(Duration.ofSeconds(2)).ok());
  }

  static boolean seenSince(Session s, long from, Predicate<Event> p) {
    return s.history().between(from, Long.MAX_VALUE).events().stream().anyMatch(p);
  }

  static Predicate<Event> becomes(String node, VrrpStateChange.VrrpRole role) {
    return e -> e instanceof VrrpStateChange v && v.source().equals(node) && v.to() == role;
  }

  /** lb2 becomes MASTER within {@code takeover} of the fault, BACKUP within {@code back} of its heal. */
  static void vipMovesToLb2While(Session s, Fault f, Duration takeover, Duration back) {
    long t0 = Events.nowMicros();
    s.nemesis().inject(f);
    await("loadbalancer-2 MASTER under " + f.name()).atMost(takeover)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> seenSince(s, t0, becomes("loadbalancer-2", VrrpStateChange.VrrpRole.MASTER)));
    long t1 = Events.nowMicros();
    s.nemesis().heal(f);
    await("loadbalancer-2 BACKUP again after " + f.name()).atMost(back)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> seenSince(s, t1, becomes("loadbalancer-2", VrrpStateChange.VrrpRole.BACKUP)));
  }

  /** Each event seen after the one before it (the first after {@code from}), all within {@code within}. */
  @SafeVarargs
  static void awaitInOrder(Session s, long from, Duration within, Predicate<Event>... steps) {
    await("in order: " + steps.length + " state changes").atMost(within)
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          long t = from;
          for (Predicate<Event> step : steps) {
            var next = s.history().between(t, Long.MAX_VALUE).events().stream().filter(step)
                .findFirst();
            if (next.isEmpty()) {
              return false;
            }
            t = next.get().at();
          }
          return true;
        });
  }

  /**
   * With the article's 255/254 priorities keepalived ignores the check's weight, so after the
   * master's proxy dies the VIP stays where nothing listens: clients are refused until the heal.
   */
  static void proxyGoneVipStays(Session s, Fault killProxy, Duration refused, Duration back) {
    s.startProbe(ProbeSpec.DEFAULT);
    long t0 = Events.nowMicros();
    s.nemesis().inject(killProxy);
    await("refused requests through the VIP").atMost(refused)
        .pollInterval(Duration.ofMillis(100)).until(() -> s.history().between(t0, Long.MAX_VALUE)
            .probes().stream().filter(p -> p.error() == ProbeSample.ErrorKind.REFUSED).count() >= 3);
    assertThat(s.lab().vipHolders()).as("the VIP did not move").containsExactly("loadbalancer-1");
    s.nemesis().heal(killProxy);
    long t1 = Events.nowMicros();
    await("answers again after the heal").atMost(back)
        .pollInterval(Duration.ofMillis(100)).until(() -> s.history().between(t1, Long.MAX_VALUE)
            .probes().stream().anyMatch(ProbeSample::ok));
    s.stopProbe();
  }
}
