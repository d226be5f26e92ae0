package lbchaos.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lbchaos.proxy.balance.Member;

/**
 * Client side of a "mode tcp" session: on accept, gets a server through the {@link Connector}
 * (queueing, retries, redispatch), then replaces itself with a {@link Relay} each way. Idle
 * timeouts ("timeout client", "timeout server") start once the session is connected.
 */
final class TcpSession extends ChannelInboundHandlerAdapter {

  private final Connector connector;
  private final Optional<Duration> clientTimeout;
  private final Optional<Duration> serverTimeout;

  TcpSession(Connector connector, Optional<Duration> clientTimeout,
      Optional<Duration> serverTimeout) {
    this.connector = connector;
    this.clientTimeout = clientTimeout;
    this.serverTimeout = serverTimeout;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel client = ctx.channel();
    InetAddress addr = client.remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress() : InetAddress.getLoopbackAddress();
    connector.connect(addr, client.eventLoop(), client::isActive,
        (server, m) -> connected(ctx, server, m), reason -> client.close());
  }

  private void connected(ChannelHandlerContext ctx, Channel server, Member m) {
    Channel client = ctx.channel();
    BackendPool pool = connector.pool();
    server.closeFuture().addListener(f -> pool.release(m));
    AtomicInteger shut = new AtomicInteger();
    serverTimeout.ifPresent(t -> server.pipeline().addLast(idle(t)));
    server.pipeline().addLast(new Relay(client, shut, pool.stats(m).bout));
    ctx.pipeline().replace(this, "relay", new Relay(server, shut, pool.stats(m).bin));
    clientTimeout.ifPresent(t -> ctx.pipeline().addBefore("relay", "idle", idle(t)));
    if (!client.isActive()) {
      server.close();
      return;
    }
    client.read();
    server.read();
  }

  private static IdleStateHandler idle(Duration t) {
    return new IdleStateHandler(0, 0, t.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
