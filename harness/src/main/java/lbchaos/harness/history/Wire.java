package lbchaos.harness.history;

import java.util.List;
import lbchaos.event.AdvertSeen;
import lbchaos.event.GarpSeen;

/**
 * What the wire carried, as the captures saw it, apart from what the nodes say. Two kinds of
 * capture write it: the observer on its own bridge port ({@value #OBSERVER}), which sees
 * multicast adverts and broadcast ARP, and one tap inside each LB's network namespace
 * ({@code observer@loadbalancer-1}), which sees the adverts that LB sends, unicast ones
 * included: the bridge forwards a unicast frame only to its destination's port, so the observer
 * never sees it. An agent's own receiver also reports AdvertSeen, but only when the master or its
 * priority changes: that is what a node says, not a capture, and it is not the wire's.
 */
public final class Wire {

  /** The observer on the bridge. */
  public static final String OBSERVER = "observer";
  private static final String TAP = OBSERVER + "@";

  private Wire() {}

  /** The source name of the capture in {@code node}'s network namespace. */
  public static String tap(String node) {
    return TAP + node;
  }

  /** Whether {@code source} is a capture of the wire (the observer or a tap). */
  public static boolean isCapture(String source) {
    return source.equals(OBSERVER) || isTap(source);
  }

  public static boolean isTap(String source) {
    return source.startsWith(TAP);
  }

  /** The adverts the captures saw, in time order. */
  public static List<AdvertSeen> adverts(History h) {
    return h.of(AdvertSeen.class).stream().filter(a -> isCapture(a.source())).toList();
  }

  /** The gratuitous ARPs the captures saw, in time order. */
  public static List<GarpSeen> garps(History h) {
    return h.of(GarpSeen.class).stream().filter(g -> isCapture(g.source())).toList();
  }

  /** Everything the captures recorded. */
  public static History captured(History h) {
    return h.filter(e -> isCapture(e.source()));
  }

  /** The history as the observer on the bridge alone would have recorded it: no tap. */
  public static History bridgeOnly(History h) {
    return h.filter(e -> !isTap(e.source()));
  }
}
