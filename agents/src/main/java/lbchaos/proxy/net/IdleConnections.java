package lbchaos.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.config.HttpReuse;

/**
 * Server connections a finished exchange left open for later requests of a backend (haproxy's
 * {@code http-reuse}), per event loop and server. A server channel lives on the event loop of
 * the client that opened it, so each loop keeps its own and only that loop's thread touches
 * them: no lock. An idle connection is closed after {@link #PURGE_DELAY} unused (haproxy's
 * {@code pool-purge-delay} default), when the server closes it, or when the server sends
 * anything unasked (it is no longer in a known state; {@link ServerLeg} watches it meanwhile).
 *
 * <p>One purge timer per loop, set for the oldest idle connection's end, rather than one per
 * connection parked and cancelled when it is taken (a few hundred microseconds later under load):
 * each request kept alive scheduled and cancelled one. Time is the loop's ({@code ticker()}), as
 * its timers'.
 */
final class IdleConnections {

  static final Duration PURGE_DELAY = Duration.ofSeconds(5);

  /** One idle connection; {@code reused}: it has carried a request it did not open for. */
  private record Idle(Channel channel, boolean reused, long parkedAt) {}

  /** A loop's idle connections by server; whether its purge timer is set (while any is idle). */
  private static final class Loop {
    final Map<Integer, ArrayDeque<Idle>> byServer = new HashMap<>();
    boolean purgeSet;
  }

  private final Map<EventLoop, Loop> byLoop = new ConcurrentHashMap<>();

  /**
   * An idle connection to {@code m} on {@code loop} that {@code policy} lets this request take,
   * the most recently parked first (the warmest); called on {@code loop}.
   */
  Optional<Channel> take(EventLoop loop, Member m, HttpReuse policy, boolean firstOfSession) {
    if (!policy.shares()) {
      return Optional.empty();
    }
    ArrayDeque<Idle> q = queue(loop(loop), m);
    for (Iterator<Idle> it = q.descendingIterator(); it.hasNext(); ) {
      Idle i = it.next();
      if (!i.channel.isActive()) {
        it.remove();
        continue;
      }
      if (policy.mayTake(firstOfSession, i.reused)) {
        it.remove();
        ServerLeg.of(i.channel).end();
        return Optional.of(i.channel);
      }
    }
    return Optional.empty();
  }

  /**
   * Leaves {@code ch}, whose exchange has ended with the response passed on whole, for a later
   * request to {@code m}; called on {@code loop}, the channel's own.
   *
   * @param reused whether the exchange that ended was itself on a taken connection
   */
  void park(EventLoop loop, Member m, Channel ch, boolean reused) {
    Loop l = loop(loop);
    ArrayDeque<Idle> q = queue(l, m);
    Idle i = new Idle(ch, reused, loop.ticker().nanoTime());
    q.addLast(i);
    ServerLeg.of(ch).park(() -> q.remove(i));
    if (!l.purgeSet) {
      schedulePurge(loop, l, PURGE_DELAY.toNanos());
    }
  }

  /**
   * Closes the loop's connections idle for {@link #PURGE_DELAY}, then sets the timer again for
   * the oldest left, if any. Each server's queue is in the order parked: its oldest is first.
   */
  private void purge(EventLoop loop, Loop l) {
    l.purgeSet = false;
    long now = loop.ticker().nanoTime();
    long purgeDelay = PURGE_DELAY.toNanos();
    long next = Long.MAX_VALUE;
    for (ArrayDeque<Idle> q : l.byServer.values()) {
      while (!q.isEmpty() && now - q.peekFirst().parkedAt >= purgeDelay) {
        Idle i = q.pollFirst();
        ServerLeg.of(i.channel).end();
        i.channel.close();
      }
      if (!q.isEmpty()) {
        next = Math.min(next, q.peekFirst().parkedAt + purgeDelay - now);
      }
    }
    if (next != Long.MAX_VALUE) {
      schedulePurge(loop, l, next);
    }
  }

  private void schedulePurge(EventLoop loop, Loop l, long delayNanos) {
    l.purgeSet = true;
    loop.schedule(() -> purge(loop, l), delayNanos, TimeUnit.NANOSECONDS);
  }

  private Loop loop(EventLoop loop) {
    return byLoop.computeIfAbsent(loop, x -> new Loop());
  }

  private static ArrayDeque<Idle> queue(Loop l, Member m) {
    return l.byServer.computeIfAbsent(m.index(), x -> new ArrayDeque<>());
  }
}
