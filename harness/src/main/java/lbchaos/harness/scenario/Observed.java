package lbchaos.harness.scenario;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntPredicate;
import lbchaos.event.AdvertSeen;
import lbchaos.event.FaultEvent;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.verdict.Bound;
import lbchaos.harness.history.History;

/**
 * When things happened in a session's history, for the semantics scenarios: the VIP taken or given
 * up by a node, a state entered, an advert with some priority on the wire, a fault injected.
 */
final class Observed {

  /**
   * A wait gives up this long after its bound, so that a late event is still measured and the
   * verdict (not a timeout) reports how late it was.
   */
  static final Duration WAIT_SLACK = Duration.ofSeconds(3);

  private Observed() {}

  /** The other LB of the pair. */
  static String other(Session ss, String lb) {
    return ss.lab().lbs().stream().map(n -> n.name()).filter(n -> !n.equals(lb)).findFirst()
        .orElseThrow();
  }

  /** 0-based index of "loadbalancer-N", as the configs were rendered. */
  static int index(String lb) {
    return Integer.parseInt(lb.substring(lb.lastIndexOf('-') + 1)) - 1;
  }

  static String ip(Session ss, String node) {
    return ss.lab().node(node).ip();
  }

  /** Time of the last inject (or heal) of the fault named {@code fault}. */
  static long last(Session ss, String fault, FaultEvent.Phase phase) {
    return ss.history().faults().stream()
        .filter(f -> f.fault().equals(fault) && f.phase() == phase).mapToLong(FaultEvent::at)
        .max().orElseThrow(() -> new IllegalStateException("no " + phase + " of " + fault));
  }

  static Optional<Long> vip(History h, String node, boolean added, long after) {
    return h.of(VipChange.class).stream()
        .filter(v -> v.added() == added && v.source().equals(node) && v.at() >= after)
        .map(VipChange::at).findFirst();
  }

  static Optional<Long> entered(History h, String node, VrrpRole role, long after) {
    return h.of(VrrpStateChange.class).stream()
        .filter(c -> c.to() == role && c.source().equals(node) && c.at() >= after)
        .map(VrrpStateChange::at).findFirst();
  }

  static Optional<Long> advert(History h, String fromIp, IntPredicate priority, long after) {
    return h.of(AdvertSeen.class).stream()
        .filter(a -> a.from().equals(fromIp) && priority.test(a.priority()) && a.at() >= after)
        .map(AdvertSeen::at).findFirst();
  }

  /** Lowest priority {@code fromIp} advertised after {@code after}; empty without adverts. */
  static Optional<Integer> lowestAdvert(History h, String fromIp, long after) {
    return h.of(AdvertSeen.class).stream()
        .filter(a -> a.from().equals(fromIp) && a.at() >= after).map(AdvertSeen::priority)
        .min(Integer::compare);
  }

  static Optional<Long> since(Optional<Long> at, long origin) {
    return at.map(t -> t - origin);
  }

  /** Waits for the VIP change; gives up quietly, so the verdict reports what was (not) seen. */
  static void awaitVip(Session ss, String node, boolean added, long after, Bound bound) {
    tryAwait(node + (added ? " taking" : " giving up") + " the VIP",
        bound.value().plus(WAIT_SLACK), () -> vip(ss.history(), node, added, after).isPresent());
  }

  /** True when the condition held within {@code atMost}; false (no exception) otherwise. */
  static boolean tryAwait(String what, Duration atMost, java.util.concurrent.Callable<Boolean> c) {
    try {
      await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(c);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * When {@code node} came back after a restart at {@code after}: its first event then (keepalived
   * logs its start at once; the adapter cannot report a state change when the node restarts in the
   * state it was killed in).
   */
  static long restarted(Session ss, String node, long after, Duration atMost) {
    await(node + " logging again").atMost(atMost).pollInterval(Duration.ofMillis(50))
        .until(() -> ss.history().events().stream()
            .anyMatch(e -> e.source().equals(node) && e.at() >= after));
    return ss.history().events().stream().filter(e -> e.source().equals(node) && e.at() >= after)
        .mapToLong(e -> e.at()).min().orElseThrow();
  }

  static void awaitEntered(Session ss, String node, VrrpRole role, long after, Duration atMost) {
    await(node + " entering " + role).atMost(atMost).pollInterval(Duration.ofMillis(50))
        .until(() -> entered(ss.history(), node, role, after).isPresent());
  }
}
