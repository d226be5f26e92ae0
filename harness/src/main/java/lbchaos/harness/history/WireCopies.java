package lbchaos.harness.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;

/**
 * One event per advert on the wire, however many captures saw it. A multicast advert reaches the
 * observer on the bridge and is seen leaving by the tap in its sender's namespace; a unicast one
 * flooded before the bridge learnt its destination reaches the observer too. Each copy is one
 * advert, not several: counted twice, two copies a few microseconds apart would look like two
 * adverts, or like a sender advertising twice as often as it does.
 *
 * <p>The identity of an advert: its sender's address and its IP packet's CRC-32
 * ({@link AdvertSeen#frame}, the same octets at every vantage point of one bridge), seen from
 * another vantage point within half the advert's own interval. Copies are microseconds apart;
 * the sender's next advert comes a whole interval later, and may carry the very same octets
 * (the kernel writes IP ID 0 into a DF datagram of a raw socket, so the java agent's adverts
 * repeat byte for byte), so half an interval tells them apart whatever the interval. A copy is
 * matched one-to-one: an event absorbs at most one copy per other vantage point, and never one
 * from its own (one capture seeing two identical frames saw two frames, e.g. the advert a
 * master sends at once on hearing a resignation, RFC 5798 section 6.4.3). The bridge observer's
 * copy is the one kept where there is one, so the history judged from the bridge alone
 * ({@link Wire#bridgeOnly}) is exactly what the observer recorded, and a multicast run reads as
 * it did before there were taps; otherwise the first tap's copy, the moment the frame left.
 *
 * <p>Pure: events in time order in, in time order out with the copies removed. Events not read
 * off the wire (an agent's report, a history from before frames were digested) pass untouched.
 */
public final class WireCopies {

  private WireCopies() {}

  /** One kept advert, where it stands in the output, and the vantage points it stands for. */
  private record Kept(AdvertSeen advert, int index, Set<String> vantages) {}

  private record Identity(String from, String frame) {}

  public static List<Event> once(List<? extends Event> sorted) {
    Map<Identity, Deque<Kept>> recent = new HashMap<>();
    List<Event> out = new ArrayList<>(sorted.size());
    boolean moved = false;
    for (Event e : sorted) {
      if (!(e instanceof AdvertSeen a) || a.frame().isEmpty() || !Wire.isCapture(a.source())) {
        out.add(e);
        continue;
      }
      Deque<Kept> same = recent.computeIfAbsent(new Identity(a.from(), a.frame()),
          k -> new ArrayDeque<>());
      while (!same.isEmpty()
          && a.at() - same.peekFirst().advert().at() > window(same.peekFirst().advert())) {
        same.removeFirst(); // too old to be a copy of anything still to come
      }
      Kept original = same.stream().filter(k -> !k.vantages().contains(a.source()))
          .findFirst().orElse(null);
      if (original == null) {
        Set<String> vantages = new HashSet<>();
        vantages.add(a.source());
        same.addLast(new Kept(a, out.size(), vantages));
        out.add(a);
      } else {
        original.vantages().add(a.source());
        if (a.source().equals(Wire.OBSERVER)) {
          out.set(original.index(), a); // the bridge's copy, microseconds later
          moved = true;
        }
      }
    }
    // A copy put in its original's place may come after events it now precedes: microseconds.
    // Only then is the order to mend (a snapshot is taken at every poll of a wait).
    if (moved) {
      out.sort(java.util.Comparator.comparingLong(Event::at));
    }
    return out;
  }

  /** The same on a History. */
  public static History once(History h) {
    return History.of(once(h.events()));
  }

  /** Half the advert's interval, in micros (VRRP's default 1 s when it carries none). */
  static long window(AdvertSeen a) {
    long interval = a.intervalCentis() > 0 ? a.intervalCentis() * 10_000L : 1_000_000L;
    return interval / 2;
  }
}
