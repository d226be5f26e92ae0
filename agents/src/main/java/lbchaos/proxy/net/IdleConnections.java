package lbchaos.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
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
 * anything unasked (it is no longer in a known state).
 */
final class IdleConnections {

  static final Duration PURGE_DELAY = Duration.ofSeconds(5);
  private static final String PARKED = "parked";

  /** One idle connection; {@code reused}: it has carried a request it did not open for. */
  private static final class Idle {
    final Channel channel;
    final boolean reused;
    ScheduledFuture<?> purge;

    Idle(Channel channel, boolean reused) {
      this.channel = channel;
      this.reused = reused;
    }
  }

  private final Map<EventLoop, Map<Integer, ArrayDeque<Idle>>> byLoop = new ConcurrentHashMap<>();

  /**
   * An idle connection to {@code m} on {@code loop} that {@code policy} lets this request take,
   * the most recently parked first (the warmest); called on {@code loop}.
   */
  Optional<Channel> take(EventLoop loop, Member m, HttpReuse policy, boolean firstOfSession) {
    if (!policy.shares()) {
      return Optional.empty();
    }
    ArrayDeque<Idle> q = queue(loop, m);
    for (Iterator<Idle> it = q.descendingIterator(); it.hasNext(); ) {
      Idle i = it.next();
      if (!i.channel.isActive()) {
        it.remove();
        continue;
      }
      if (policy.mayTake(firstOfSession, i.reused)) {
        it.remove();
        i.purge.cancel(false);
        unguard(i.channel);
        return Optional.of(i.channel);
      }
    }
    return Optional.empty();
  }

  /**
   * Leaves {@code ch}, whose exchange has ended with the response read whole, for a later
   * request to {@code m}; called on {@code loop}, the channel's own.
   *
   * @param reused whether the exchange that ended was itself on a taken connection
   */
  void park(EventLoop loop, Member m, Channel ch, boolean reused) {
    ArrayDeque<Idle> q = queue(loop, m);
    Idle i = new Idle(ch, reused);
    q.addLast(i);
    guard(ch, () -> {
      q.remove(i);
      i.purge.cancel(false);
    });
    i.purge = loop.schedule(() -> {
      if (q.remove(i)) {
        ch.close();
      }
    }, PURGE_DELAY.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Watches {@code ch} while it waits idle: anything the server sends unasked, an error or
   * "timeout server" closes it (it is no longer in a known state); {@code gone} runs when it
   * closes, whoever closed it. Called on the channel's loop; {@link #unguard} before its next use.
   */
  static void guard(Channel ch, Runnable gone) {
    ch.pipeline().addLast(PARKED, new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        ctx.close();
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
          ctx.close(); // "timeout server" while idle
        }
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        gone.run();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    });
  }

  /** Takes {@code ch} out of its idle watch, for a request to go over it. */
  static void unguard(Channel ch) {
    ch.pipeline().remove(PARKED);
  }

  private ArrayDeque<Idle> queue(EventLoop loop, Member m) {
    return byLoop.computeIfAbsent(loop, l -> new HashMap<>())
        .computeIfAbsent(m.index(), x -> new ArrayDeque<>());
  }
}
