package lbchaos.harness.check;

import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.event.NeighbourSeen;
import lbchaos.harness.history.History;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Verdict;

/**
 * What a client's own neighbour (ARP) table says: the MAC it sends the VIP's traffic to. A VIP
 * that moved on the routers but not in the clients' caches still fails their requests (keepalived
 * issues #166, #1884, #2649); only the table itself shows it.
 */
public final class NeighbourChecks {

  private NeighbourChecks() {}

  /**
   * Valid when, {@code bound} after {@code from}, {@code client}'s entry for {@code vip} holds
   * {@code node}'s {@code mac}; {@code names} gives the other MACs' nodes for the sentence.
   */
  public static Checker clientArp(String client, String vip, String node, String mac,
      Map<String, String> names, Moment from, Bound bound) {
    return new ClientArp(client, vip, node, mac, names, from, bound);
  }

  /** {@code client}'s recorded neighbour entries for {@code ip}, in time order. */
  public static List<NeighbourSeen> entries(History h, String client, String ip) {
    return h.of(NeighbourSeen.class).stream()
        .filter(e -> e.source().equals(client) && e.ip().equals(ip)).toList();
  }

  @JsonTypeName("client-arp")
  public record ClientArp(String client, String vip, String node, String mac,
      Map<String, String> names, Moment from, Bound bound) implements Checker {

    private static final String NAME = "client-arp";

    @Override
    public Verdict check(History h) {
      Optional<Long> t0 = from.in(h);
      if (t0.isEmpty()) {
        return Verdict.unknown(NAME, Map.of(), "the history does not show " + from.describe());
      }
      List<NeighbourSeen> entries = entries(h, client, vip);
      long deadline = t0.get() + bound.micros();
      if (entries.isEmpty() || h.events().getLast().at() < deadline) {
        return Verdict.unknown(NAME, Map.of(), entries.isEmpty() ? "no change of " + client
            + "'s neighbour entry for " + vip + " was recorded" : "the history ends before "
            + bound.describe() + " after " + from.describe());
      }
      // Already there at the origin: nothing shows that what followed it would have moved it.
      String before = null;
      for (NeighbourSeen e : entries) {
        if (e.at() <= t0.get()) {
          before = e.mac();
        }
      }
      if (mac.equals(before)) {
        return Verdict.unknown(NAME, Map.of(), client + "'s neighbour entry for " + vip
            + " already pointed at " + node + " (" + mac + ") at " + from.describe()
            + ": nothing shows that it would have moved there");
      }
      // The MAC the entry held at the deadline, and since when it held it.
      String held = null;
      long since = Long.MIN_VALUE;
      for (NeighbourSeen e : entries) {
        if (e.at() > deadline) {
          break;
        }
        if (e.mac() == null || !e.mac().equals(held)) {
          held = e.mac();
          since = e.at();
        }
      }
      boolean ok = mac.equals(held);
      Figures f = Figures.of().put("bound_s", bound.seconds());
      if (ok) {
        long took = Math.max(0, since - t0.get());
        f.put("client_arp_s", seconds(took));
        return new Verdict(NAME, true, f.map(), client + "'s neighbour entry for " + vip
            + " pointed at " + node + " (" + mac + ") " + s(took) + " after "
            + from.describe() + ", within " + bound.describe()).judgedBy("client_arp_s", bound);
      }
      Optional<NeighbourSeen> later = entries.stream()
          .filter(e -> e.at() > deadline && mac.equals(e.mac())).findFirst();
      f.put("client_arp_s", later.map(e -> seconds(e.at() - t0.get())).orElse(Double.NaN));
      return new Verdict(NAME, false, f.map(), client + "'s neighbour entry for " + vip
          + " still pointed at " + who(held) + " " + bound.describe() + " after "
          + from.describe() + ", not at " + node + " (" + mac + ")" + later.map(e -> "; it did "
              + s(e.at() - t0.get()) + " after").orElse("; it never did while recorded"))
          .judgedBy("client_arp_s", bound);
    }

    private String who(String m) {
      return m == null ? "no address" : names.getOrDefault(m, "an unknown node") + " (" + m + ")";
    }
  }
}
