package lbchaos.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import lbchaos.proxy.balance.Member;

/**
 * Client side of a "mode tcp" session: on accept, gets a server through the {@link Connector}
 * (queueing, retries, redispatch), then replaces itself with a {@link Relay} each way. Idle
 * timeouts ("timeout client", "timeout server") start once the session is connected.
 *
 * <p>Like haproxy, it reads the client's first bytes while the server connection is being made
 * (what it keeps is bounded by two reads' buffers), and the epoll transport reports
 * a FIN (EPOLLRDHUP) even with AUTO_READ off: data and a half-close can arrive before the server
 * connection exists. They are kept (at most two reads) and replayed, and the request goes out as
 * soon as the connect completes instead of one read later.
 */
final class TcpSession extends ChannelInboundHandlerAdapter {

  private final Connector connector;
  private final Optional<Duration> clientTimeout;
  private final Optional<Duration> serverTimeout;
  private FinTimeouts fins = FinTimeouts.NONE;
  private final List<Object> early = new ArrayList<>();
  private boolean clientFin;
  /** Null when the frontend does not log. */
  private final AccessLogger logger;
  private final AccessStamps stamps;

  TcpSession(Connector connector, Optional<Duration> clientTimeout,
      Optional<Duration> serverTimeout) {
    this(connector, clientTimeout, serverTimeout, null);
  }

  TcpSession(Connector connector, Optional<Duration> clientTimeout,
      Optional<Duration> serverTimeout, AccessLogger logger) {
    this.logger = logger;
    this.stamps = logger == null ? null : new AccessStamps();
    this.connector = connector;
    this.clientTimeout = clientTimeout;
    this.serverTimeout = serverTimeout;
  }

  /** The half-closed timeouts. */
  TcpSession fins(FinTimeouts fins) {
    this.fins = fins;
    return this;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel client = ctx.channel();
    InetAddress addr = client.remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress() : InetAddress.getLoopbackAddress();
    if (logger != null) {
      // logged once the client's side has closed and, when there is one, the server's
      client.closeFuture().addListener(f -> ended(client, null));
    }
    connector.connect(addr, client.eventLoop(), client::isActive, m -> false,
        (server, m) -> connected(ctx, server, m), reason -> {
          if (stamps != null) {
            stamps.fail(reason.startsWith("queue") ? "sQ" : "SC");
          }
          client.close();
        }, stamps);
    if (client.isActive()) {
      client.read();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    early.add(msg);
    if (early.size() == 1) {
      // Asked again at once, the read keeps the socket's read interest: with AUTO_READ off,
      // Netty's epoll transport drops it after a read nothing asked to follow and adds it back
      // at the relay's first read, two epoll_ctl calls per connection. A second read, if data
      // comes before the connect, is the last one kept.
      ctx.read();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      clientFin = true;
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    early.forEach(ReferenceCountUtil::release);
    early.clear();
  }

  private void connected(ChannelHandlerContext ctx, Channel server, Member m) {
    Channel client = ctx.channel();
    BackendPool pool = connector.pool();
    server.closeFuture().addListener(f -> pool.release(m));
    AtomicInteger shut = new AtomicInteger();
    serverTimeout.ifPresent(t -> server.pipeline().addLast(new IdleTimeout(t)));
    server.pipeline().addLast(fins.onServerSide(
        new Relay(client, shut, pool.stats(m).bout, stamps, 's')));
    if (logger != null) {
      serverOpen = true;
      server.closeFuture().addListener(f -> ended(client, server));
    }
    List<Object> pending = List.copyOf(early);
    early.clear();
    boolean fin = clientFin;
    ctx.pipeline().replace(this, "relay", fins.onClientSide(
        new Relay(server, shut, pool.stats(m).bin, stamps, 'c')));
    clientTimeout.ifPresent(t -> ctx.pipeline().addBefore("relay", "idle", new IdleTimeout(t)));
    if (!client.isActive() && !fin) {
      pending.forEach(ReferenceCountUtil::release);
      server.close();
      return;
    }
    for (Object o : pending) {
      if (o instanceof io.netty.buffer.ByteBuf b) {
        pool.stats(m).bin.addAndGet(b.readableBytes());
      }
      server.write(o);
    }
    server.flush();
    server.read();
    if (fin) {
      fins.clientFinIn(client);
      Relay.propagateFin(client, server, shut, fins.serverFin());
    } else if (pending.isEmpty()) {
      client.read();
    } else {
      server.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener((ChannelFutureListener) f -> Relay.readMore(client));
    }
  }

  private boolean serverOpen;

  /** Logs the session once both sides are closed (the closes come on the client's loop). */
  private void ended(Channel client, Channel server) {
    if (server != null) {
      serverOpen = false;
    }
    if (client.isOpen() || serverOpen) {
      return;
    }
    String who = client.remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress() + ":" + a.getPort() : "-:-";
    logger.log(stamps, connector.pool(), who, -1, "");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
