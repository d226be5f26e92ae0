package lbchaos.proxy.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Native epoll when the platform offers it, NIO otherwise. */
public record Transport(String name, boolean epoll) {

  public static Transport best() {
    return Epoll.isAvailable() ? new Transport("epoll", true) : new Transport("nio", false);
  }

  public static Transport nio() {
    return new Transport("nio", false);
  }

  public EventLoopGroup group(int threads) {
    return new MultiThreadIoEventLoopGroup(threads,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  public Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  public Class<? extends SocketChannel> socketChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /**
   * Lets a listener bind an address this node does not hold yet (the VIP on the backup LB):
   * IP_FREEBIND with epoll; with NIO only the net.ipv4.ip_nonlocal_bind sysctl helps.
   */
  public void allowNonLocalBind(ServerBootstrap b) {
    if (epoll) {
      b.option(EpollChannelOption.IP_FREEBIND, true);
    }
    b.option(ChannelOption.SO_REUSEADDR, true);
  }
}
