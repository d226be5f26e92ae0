package lbchaos.proxy.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The listening sockets of one bind address: one per event loop where the transport has
 * {@link Transport#listenerPerLoop()}, each accepting onto its own loop, else one for the
 * whole group.
 */
record Listener(List<Channel> sockets) {

  Listener {
    if (sockets.isEmpty()) {
      throw new IllegalArgumentException("a listener needs a socket");
    }
    sockets = List.copyOf(sockets);
  }

  /**
   * Binds {@code address}.
   *
   * @param bootstrap a bootstrap accepting on the given loops, with its options and handler
   */
  static Listener bind(Transport transport, EventLoopGroup group, InetSocketAddress address,
      Function<EventLoopGroup, ServerBootstrap> bootstrap) throws InterruptedException {
    if (!transport.listenerPerLoop()) {
      return new Listener(List.of(bootstrap.apply(group).bind(address).sync().channel()));
    }
    List<Channel> bound = new ArrayList<>();
    InetSocketAddress at = address;
    try {
      for (EventExecutor e : group) {
        // an event loop is a group of one: accepted connections stay on it
        ServerBootstrap b = bootstrap.apply((EventLoop) e);
        transport.sharePort(b);
        Channel ch = b.bind(at).sync().channel();
        bound.add(ch);
        // port 0 picks a free port once; the other sockets share that one
        at = new InetSocketAddress(address.getAddress(),
            ((InetSocketAddress) ch.localAddress()).getPort());
      }
    } catch (RuntimeException | InterruptedException ex) {
      bound.forEach(ch -> ch.close().syncUninterruptibly());
      throw ex;
    }
    return new Listener(bound);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) sockets.getFirst().localAddress();
  }

  /** Pauses or resumes accepting; paused, connections wait in the kernel backlog. */
  void accepting(boolean ok) {
    for (Channel ch : sockets) {
      if (ch.config().isAutoRead() != ok) {
        ch.config().setAutoRead(ok);
      }
    }
  }

  void close() {
    sockets.forEach(Channel::close);
  }

  void closeSync() {
    sockets.forEach(ch -> ch.close().syncUninterruptibly());
  }
}
