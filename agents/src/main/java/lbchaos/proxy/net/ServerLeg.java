package lbchaos.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a mode http server connection, for the connection's whole life. During an
 * exchange it hands what the server sends to that exchange; while the connection waits idle
 * between exchanges ({@link IdleConnections}, {@link SessionConnections}) anything the server
 * sends unasked, an error or "timeout server" closes it (it is no longer in a known state).
 *
 * <p>Why one handler that changes state rather than one added per exchange and another per idle
 * wait: each pipeline change takes the pipeline's lock, names the handler and builds a context;
 * two additions and two removals per request were about 4 % of the proxy's own CPU in mode http
 * with keep-alive (frame-pointer profile, BENCHMARKS.md session 27). Event-loop state: only the
 * channel's loop calls it.
 */
final class ServerLeg extends ChannelInboundHandlerAdapter {

  /** One request's exchange with the server, from the request written to the response read. */
  interface Exchange {
    /** A message from the server: a response's head, a piece of its body, or anything else. */
    void read(ChannelHandlerContext ctx, Object msg);

    /** The end of one read from the server: what it brought may go on now. */
    void readComplete(ChannelHandlerContext ctx);

    /** "timeout server" ran out. */
    void timedOut(ChannelHandlerContext ctx);

    /** The connection has closed, whoever closed it. */
    void closed(ChannelHandlerContext ctx);

    void failed(ChannelHandlerContext ctx, Throwable cause);
  }

  /** The exchange in progress; null between exchanges. */
  private Exchange exchange;
  /** While idle, what runs when the connection closes (it leaves its pool); else null. */
  private Runnable gone;

  /** The leg of a server connection set up by {@link HttpSession}. */
  static ServerLeg of(Channel server) {
    return server.pipeline().get(ServerLeg.class);
  }

  /** What the server sends next belongs to {@code e}. */
  void begin(Exchange e) {
    exchange = e;
    gone = null;
  }

  /** The exchange is over: the connection waits idle; {@code gone} runs if it closes meanwhile. */
  void park(Runnable gone) {
    exchange = null;
    this.gone = gone;
  }

  /** The exchange is over and the connection is not kept: nothing is told of its close. */
  void end() {
    exchange = null;
    gone = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (exchange != null) {
      exchange.read(ctx, msg);
    } else {
      ReferenceCountUtil.release(msg);
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.readComplete(ctx);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (exchange != null) {
        exchange.timedOut(ctx);
      } else {
        ctx.close(); // "timeout server" while idle
      }
    } else if (evt instanceof ChannelInputShutdownEvent) {
      // The server's FIN: the codec has passed on all it made of what came before it, and
      // nothing follows. An answer still awaited never comes (haproxy's 502 at once, not a 504
      // at "timeout server"); an idle connection is of no more use.
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.closed(ctx);
    } else if (gone != null) {
      Runnable g = gone;
      gone = null;
      g.run();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (exchange != null) {
      exchange.failed(ctx, cause);
    } else {
      ctx.close();
    }
  }
}
