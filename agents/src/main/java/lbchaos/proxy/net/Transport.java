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
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringFixedBufferRingAllocator;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
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

  /** Netty's switch for multishot receives, read once when its IoUring class loads. */
  static final String MULTISHOT = "io.netty.iouring.recvMultiShotEnabled";

  static {
    // Single-shot receives from the ReadRing. The relays ask for each next read themselves
    // (AUTO_READ off); a multishot receive keeps delivering until Netty cancels and re-arms it,
    // and cost twice the user CPU per kept-alive request (mode tcp, 8 alternating rounds:
    // 31.1 against 15.4 us, BENCHMARKS.md). Set before this class first touches IoUring; a JVM
    // that loaded IoUring earlier, or set the property itself, keeps what it has.
    if (System.getProperty(MULTISHOT) == null) {
      System.setProperty(MULTISHOT, "false");
    }
  }

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

  /**
   * Where io_uring reads land: a ring of buffers each event loop lends the kernel, which takes
   * one when data arrives, instead of a buffer allocated for every pending read. A kept-alive
   * connection spends most of its life with a read pending; with the ring it holds no buffer
   * while it waits. The kernel consumes a buffer in pieces (6.12 and later; the proxy uses no
   * ring where it cannot, see {@link #readsFromRing}), so small reads share one and a read takes
   * at most what is left of the current buffer. A read finds the ring empty only when more
   * reads complete at once than it has buffers: the kernel fails it with ENOBUFS, Netty grows
   * the ring up to {@code buffers} or, at that size, fires an
   * {@code IoUringBufferRingExhaustedEvent} down the pipeline, and reads again: slower, nothing
   * lost. A chunk the pipeline still holds is a retained slice of its buffer, and the ring's
   * slot is refilled with a new buffer as soon as the kernel has used the old one up, so slow
   * peers do not drain the ring.
   *
   * @param buffers at most this many lent per loop (a power of two; a quarter at first)
   * @param size bytes in each
   */
  record ReadRing(short buffers, int size) {
    /**
     * 32 of 32 KiB per loop: 1 MiB, touched only as reads fill them. The buffer's size is the
     * largest read, and a response bigger than it is relayed in as many reads and writes: with
     * 2 KiB buffers (sessions 28-31) a 10.7 KiB page cost the proxy 36 us of CPU per request in
     * mode tcp against 21 with 16 KiB or more, and a 135 KiB one 273 us against 66 (haproxy 17
     * and 56, which reads up to its 16 KiB bufsize; BENCHMARKS.md session 32). Beyond 32 KiB the
     * gain was within the noise.
     */
    static final ReadRing DEFAULT = new ReadRing((short) 32, 32 * 1024);
    /** The buffer group id channels name to read from the ring. */
    static final short GROUP = 1;

    IoUringBufferRingConfig config() {
      return IoUringBufferRingConfig.builder().bufferGroupId(GROUP).bufferRingSize(buffers)
          .batchSize(Math.max(2, buffers / 4))
          .allocator(new IoUringFixedBufferRingAllocator(size)).build();
    }
  }

  public EventLoopGroup group(int threads) {
    return group(threads, ReadRing.DEFAULT);
  }

  EventLoopGroup group(int threads, ReadRing ring) {
    IoHandlerFactory f = switch (this) {
      case EPOLL -> EpollIoHandler.newFactory();
      case IO_URING -> readsFromRing() ? IoUringIoHandler.newFactory(
          new IoUringIoHandlerConfig().setBufferRingConfig(ring.config()))
          : IoUringIoHandler.newFactory();
      case NIO -> NioIoHandler.newFactory();
    };
    return new MultiThreadIoEventLoopGroup(threads, f);
  }

  /**
   * io_uring on a kernel that consumes a ring's buffers in pieces (6.12 and later). On one that
   * takes buffer rings but consumes each whole (5.19 to 6.11) every read would take a buffer and
   * a connection holding a partial message would pin one; there Netty allocates each read's
   * buffer as it does on epoll, sized by what the last reads filled.
   */
  boolean readsFromRing() {
    return this == IO_URING && IoUring.isRegisterBufferRingIncSupported();
  }

  /** The accepted connections of {@code b} read from their loop's {@link ReadRing}. */
  void readFromRing(ServerBootstrap b) {
    if (readsFromRing()) {
      b.childOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, ReadRing.GROUP);
    }
  }

  /** The connections {@code b} opens read from their loop's {@link ReadRing}. */
  void readFromRing(Bootstrap b) {
    if (readsFromRing()) {
      b.option(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, ReadRing.GROUP);
    }
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
