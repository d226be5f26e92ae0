package lbchaos.proxy.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * haproxy's "timeout client" or "timeout server" on one channel: fires Netty's
 * {@link IdleStateEvent} (all idle) once nothing was read from it or written to it for the
 * timeout, and again each further timeout it stays idle; the session's handlers close on it.
 *
 * <p>What Netty's {@code IdleStateHandler} with an all-idle time does, except that a write is
 * activity when it is passed on, not when it completes: to learn of the completion that handler
 * gives every write a promise and a listener of its own, the relays' void-promise writes
 * included (two objects and a notification per chunk, each way). A relay writes to a peer only
 * while the peer drains (it stops reading above the peer's high-water mark), so a peer that
 * stops reading still goes idle, one high-water mark of data later at most.
 *
 * <p>One timer per channel, set when the channel is active and re-armed for the remainder when
 * it fires early, on the loop's clock.
 */
final class IdleTimeout extends ChannelDuplexHandler {

  private long timeoutNanos;
  private ChannelHandlerContext ctx;
  private long lastActivity;
  private ScheduledFuture<?> timer;
  /** Inactive or removed: the timer is not set again. */
  private boolean stopped;
  private boolean fired;

  IdleTimeout(Duration timeout) {
    this.timeoutNanos = Math.max(1, timeout.toNanos());
  }

  /**
   * From now on the timeout is {@code t}, counted from now: a half-closed side's "timeout
   * client-fin" or "timeout server-fin" (haproxy sets the side's read expiry to now + it).
   */
  void restart(Duration t) {
    timeoutNanos = Math.max(1, t.toNanos());
    if (ctx != null && !stopped) {
      if (timer != null) {
        timer.cancel(false);
      }
      lastActivity = now(ctx);
      schedule(ctx, timeoutNanos);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    lastActivity = now(ctx);
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    lastActivity = now(ctx);
    ctx.write(msg, promise);
  }

  private void start(ChannelHandlerContext ctx) {
    if (timer == null && !stopped) {
      lastActivity = now(ctx);
      schedule(ctx, timeoutNanos);
    }
  }

  private void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    timer = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void expire(ChannelHandlerContext ctx) {
    if (stopped) {
      return;
    }
    long left = lastActivity + timeoutNanos - now(ctx);
    if (left > 0) {
      schedule(ctx, left);
      return;
    }
    schedule(ctx, timeoutNanos);
    IdleStateEvent e = fired ? IdleStateEvent.ALL_IDLE_STATE_EVENT
        : IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT;
    fired = true;
    ctx.fireUserEventTriggered(e);
  }

  /** This side would time out within {@code nanos} from now, or has. */
  boolean dueWithin(long nanos) {
    return ctx != null && !stopped && lastActivity + timeoutNanos - now(ctx) <= nanos;
  }

  private static long now(ChannelHandlerContext ctx) {
    return ctx.executor().ticker().nanoTime();
  }
}
