package lbchaos.proxy.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * What one of an HTTP session's handlers keeps back while a request is answered, so that answers
 * go out in the order of the requests: what reached it meanwhile, in order, and the client's FIN
 * behind it. Once the answer is written the session takes it back in order ({@link #next}) and
 * passes it on from that handler, until a request is being answered again.
 */
final class HeldBack {

  private ChannelHandlerContext ctx;
  /** Null until something is held: most connections never hold anything. */
  private ArrayDeque<Object> held;

  /** The handler's own context, from its handlerAdded: where replayed messages go on from. */
  void at(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  ChannelHandlerContext ctx() {
    return ctx;
  }

  void add(Object msg) {
    if (held == null) {
      held = new ArrayDeque<>(2);
    }
    held.add(msg);
  }

  /** Nothing is held. */
  boolean isEmpty() {
    return held == null || held.isEmpty();
  }

  /** Keeps the client's FIN when anything is held before it; false: it may go on now. */
  boolean keepsFin(Object evt) {
    if (evt instanceof ChannelInputShutdownEvent && !isEmpty()) {
      held.add(evt);
      return true;
    }
    return false;
  }

  /**
   * The next message held, or null when nothing is (or the channel has closed). The client's
   * FIN, its turn come, is passed on from the handler here, as the event it was.
   */
  Object next() {
    while (!isEmpty() && ctx.channel().isActive()) {
      Object m = held.poll();
      if (!(m instanceof ChannelInputShutdownEvent)) {
        return m;
      }
      ctx.fireUserEventTriggered(m);
    }
    return null;
  }

  /** What is held, in order (the FIN as its event), taken out. */
  java.util.List<Object> drain() {
    if (isEmpty()) {
      return java.util.List.of();
    }
    var out = java.util.List.copyOf(held);
    held.clear();
    return out;
  }

  /** The connection is gone: what is held is released. */
  void release() {
    if (held != null) {
      held.forEach(ReferenceCountUtil::release);
      held.clear();
    }
  }
}
