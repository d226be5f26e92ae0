package lbchaos.proxy.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Sits behind the TLS handler of an accepted connection and holds the session's start
 * (channelActive) until the handshake has succeeded, as haproxy creates the stream only once
 * the handshake is done: a client that fails it (plain HTTP on the TLS port, an unknown CA)
 * never makes a server connection. Channels run with AUTO_READ off, so it asks for the
 * ClientHello itself; the TLS handler reads on until the handshake ends.
 */
public final class HandshakeGate extends ChannelInboundHandlerAdapter {

  private boolean open;

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent e) {
      if (e.isSuccess()) {
        open = true;
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
      } else {
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (open) {
      ctx.fireChannelInactive();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a failed handshake (not TLS, a bad record): the client gets a close, as from haproxy
    ctx.close();
  }
}
