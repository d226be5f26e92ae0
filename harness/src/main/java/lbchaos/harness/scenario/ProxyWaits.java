package lbchaos.harness.scenario;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lbchaos.event.ServerState;
import lbchaos.harness.check.Bound;
import lbchaos.harness.history.History;

/**
 * Waits on the health verdicts of every LB's proxy, not just the first to speak. Each proxy
 * checks on its own phase (its first check is spread over inter from its own start), so two
 * proxies reach a verdict up to one interval apart. A scenario that heals as soon as one proxy
 * marked a server DOWN can heal before the other noticed: that one then sees the server pass
 * again before its fall count ran out and, as haproxy does, never marks it DOWN, and so never
 * UP either; it serves the server again at once while the first proxy still needs rise checks.
 * A check run then finds answers from the server but no UP event yet.
 */
public final class ProxyWaits {

  private ProxyWaits() {}

  /** Every LB's proxy marked {@code server} UP ({@code up}) or DOWN after {@code fromMicros}. */
  public static void everyProxy(Session s, String server, boolean up, long fromMicros,
      Bound bound) {
    Set<String> proxies = s.lab().lbs().stream().map(n -> n.name())
        .collect(Collectors.toCollection(TreeSet::new));
    await(server + (up ? " marked UP" : " marked DOWN") + " by every proxy " + proxies)
        .atMost(bound.value()).pollInterval(Duration.ofMillis(100))
        .until(() -> reporting(s.history(), server, up, fromMicros).containsAll(proxies));
  }

  /** The proxies that marked {@code server} UP or DOWN after {@code fromMicros}. */
  static Set<String> reporting(History h, String server, boolean up, long fromMicros) {
    return h.of(ServerState.class).stream()
        .filter(e -> e.at() >= fromMicros && e.up() == up
            && (server.equals(e.server()) || server.equals(e.backend() + "/" + e.server())))
        .map(ServerState::source).collect(Collectors.toCollection(TreeSet::new));
  }
}
