package lbchaos.proxy.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.Arrays;
import java.util.Locale;

/**
 * The proxy's Netty transport. io_uring where the kernel and the seccomp profile allow it: it
 * submits the accept, connect, recv, send and close of many sockets in one system call where
 * epoll needs one each plus epoll_ctl changes (measured on loopback, mode tcp at 16 clients:
 * about 15 % less CPU per connection). Docker 25 and later block io_uring in their default
 * seccomp profile; there, and on old kernels, epoll; NIO where neither native library loads.
 */
public enum Transport {
  IO_URING, EPOLL, NIO;

  /** The first this host can run, in the order declared (NIO always can). */
  public static Transport best() {
    return Arrays.stream(values()).filter(t -> t.unavailabilityCause() == null).findFirst()
        .orElseThrow();
  }

  /**
   * @param name auto, io_uring, epoll or nio
   * @throws IllegalArgumentException for another name, or a transport this host cannot run
   */
  public static Transport named(String name) {
    Transport t = switch (name) {
      case "auto" -> best();
      case "io_uring" -> IO_URING;
      case "epoll" -> EPOLL;
      case "nio" -> NIO;
      default -> throw new IllegalArgumentException("--transport: unknown transport '" + name
          + "' (auto, io_uring, epoll or nio)");
    };
    Throwable why = t.unavailabilityCause();
    if (why != null) {
      throw new IllegalArgumentException("--transport " + name + ": not available here ("
          + why.getMessage() + ")");
    }
    return t;
  }

  /** Why this host cannot run the transport (native library, kernel, seccomp); null if it can. */
  public Throwable unavailabilityCause() {
    return switch (this) {
      case IO_URING -> IoUring.unavailabilityCause();
      case EPOLL -> Epoll.unavailabilityCause();
      case NIO -> null;
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public EventLoopGroup group(int threads) {
    IoHandlerFactory f = switch (this) {
      case EPOLL -> EpollIoHandler.newFactory();
      case IO_URING -> IoUringIoHandler.newFactory();
      case NIO -> NioIoHandler.newFactory();
    };
    return new MultiThreadIoEventLoopGroup(threads, f);
  }

  /**
   * Listening sockets for {@code address}, of its family. Netty's default is an IPv6 socket
   * that also takes IPv4 (IPV6_V6ONLY off) wherever the host has IPv6, so an IPv4 listener
   * would be an IPv6 socket and so would every connection it accepts (accepted sockets take
   * the listener's family): a setsockopt at creation, and the kernel's larger IPv6 socket per
   * connection. io_uring's channels take no family in Netty 4.2 and keep the default.
   */
  public ChannelFactory<? extends ServerChannel> serverChannels(InetAddress address) {
    SocketProtocolFamily family = familyOf(address);
    return switch (this) {
      case EPOLL -> () -> new EpollServerSocketChannel(family);
      case IO_URING -> IoUringServerSocketChannel::new;
      case NIO -> () -> new NioServerSocketChannel(SelectorProvider.provider(), family);
    };
  }

  /** Connecting sockets for {@code address}, of its family (see {@link #serverChannels}). */
  public ChannelFactory<? extends SocketChannel> socketChannels(InetAddress address) {
    SocketProtocolFamily family = familyOf(address);
    return switch (this) {
      case EPOLL -> () -> new EpollSocketChannel(family);
      case IO_URING -> IoUringSocketChannel::new;
      case NIO -> () -> new NioSocketChannel(SelectorProvider.provider(), family);
    };
  }

  private static SocketProtocolFamily familyOf(InetAddress address) {
    return address instanceof Inet4Address ? SocketProtocolFamily.INET
        : SocketProtocolFamily.INET6;
  }

  /**
   * Lets a listener bind an address this node does not hold yet (the VIP on the backup LB):
   * IP_FREEBIND with the native transports; with NIO only the net.ipv4.ip_nonlocal_bind sysctl
   * helps.
   */
  public void allowNonLocalBind(ServerBootstrap b) {
    switch (this) {
      case EPOLL -> b.option(EpollChannelOption.IP_FREEBIND, true);
      case IO_URING -> b.option(IoUringChannelOption.IP_FREEBIND, true);
      case NIO -> { }
    }
    b.option(ChannelOption.SO_REUSEADDR, true);
  }

  /**
   * Whether a bind address gets one listening socket per event loop, sharing the port through
   * SO_REUSEPORT (the native transports; haproxy sets it on its listeners too). The kernel then
   * spreads connections across the sockets and each connection stays on the loop that accepted
   * it; one shared socket would hand every other connection to another thread, a task and a
   * wake-up each.
   */
  public boolean listenerPerLoop() {
    return this != NIO;
  }

  /** Sets SO_REUSEPORT where {@link #listenerPerLoop()}. */
  public void sharePort(ServerBootstrap b) {
    if (listenerPerLoop()) {
      b.option(UnixChannelOption.SO_REUSEPORT, true);
    }
  }

  /**
   * A connect-only health check's socket, as haproxy makes it: the handshake's last ACK held
   * back (TCP_QUICKACK off, native transports) and the close a reset (SO_LINGER 0). The server
   * then sees SYN and RST: no connection reaches its application and none waits in TIME_WAIT.
   * With NIO the ACK goes out, and the server accepts a connection that is reset at once.
   */
  public void connectOnly(Bootstrap b) {
    b.option(ChannelOption.SO_LINGER, 0);
    switch (this) {
      case EPOLL -> b.option(EpollChannelOption.TCP_QUICKACK, false);
      case IO_URING -> b.option(IoUringChannelOption.TCP_QUICKACK, false);
      case NIO -> { }
    }
  }
}
