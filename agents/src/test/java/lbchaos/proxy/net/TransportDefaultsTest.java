package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sockets of the address's family: an IPv4 listener or server connection is an IPv4 socket,
 * not Netty's default IPv6 one that also takes IPv4 (io_uring excepted: Netty 4.2 gives its
 * channels no family). The proxy leaves TCP_NODELAY to Netty's socket configs, which switch it on at creation (one
 * setsockopt per connection saved). A proxy with Nagle on would hold back small writes behind
 * delayed ACKs, so check the default on every transport rather than trust it.
 */
class TransportDefaultsTest {

  @ParameterizedTest
  @EnumSource(Transport.class)
  void socketChannelsStartWithNagleOff(Transport t) throws Exception {
    assumeThat(t.unavailabilityCause()).as(t + " on this host").isNull();
    SocketChannel ch = t.socketChannels(InetAddress.getLoopbackAddress()).newChannel();
    try {
      assertThat(ch.config().isTcpNoDelay()).as("%s: TCP_NODELAY", t).isTrue();
    } finally {
      ch.unsafe().closeForcibly();
    }
  }

  /** The proxy's reads from its ring are single-shot (see Transport's static block). */
  @Test
  void ioUringReceivesAreSingleShot() {
    assumeThat(Transport.IO_URING.unavailabilityCause()).as("io_uring on this host").isNull();
    assertThat(System.getProperty(Transport.MULTISHOT)).isEqualTo("false");
    assertThat(io.netty.channel.uring.IoUring.isRecvMultishotEnabled()).isFalse();
  }

  @Test
  void namedPicksTheTransportOrSaysWhyNot() {
    assertThat(Transport.named("nio")).isEqualTo(Transport.NIO);
    assertThat(Transport.named("auto")).isEqualTo(Transport.best());
    assertThatThrownBy(() -> Transport.named("kqueue"))
        .hasMessageContaining("unknown transport 'kqueue'");
    for (Transport t : Transport.values()) {
      if (t.unavailabilityCause() == null) {
        assertThat(Transport.named(t.label())).isEqualTo(t);
      } else {
        assertThatThrownBy(() -> Transport.named(t.label())).hasMessageContaining("not available");
      }
    }
  }

  /**
   * A listener on an address and a connection to it, from the transport's factories for that
   * address: both sockets are of its family. The kernel lists IPv4 sockets in /proc/net/tcp
   * and IPv6 ones (v4-mapped addresses included) in /proc/net/tcp6, by local port and state.
   */
  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"EPOLL", "NIO"})
  void socketsAreOfTheAddressFamily(Transport t) throws Exception {
    assumeThat(t.unavailabilityCause()).as(t + " on this host").isNull();
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    assertThat(families(t, v4, v4)).containsExactly("tcp", "tcp");
    InetAddress v6 = InetAddress.getByName("::1");
    assumeThat(Files.exists(Path.of("/proc/net/if_inet6"))).as("IPv6 on this host").isTrue();
    assertThat(families(t, v6, v6)).containsExactly("tcp6", "tcp6");
  }

  /**
   * The negative case: a listener made for an IPv6 address (Netty's dual-stack socket) that is
   * bound to an IPv4 one shows as IPv6, so the check above tells the two apart.
   */
  @Test
  void aDualStackSocketReadsAsIpv6() throws Exception {
    assumeThat(Files.exists(Path.of("/proc/net/if_inet6"))).as("IPv6 on this host").isTrue();
    assertThat(families(Transport.NIO, InetAddress.getByName("::"),
        InetAddress.getByName("127.0.0.1")).getFirst()).isEqualTo("tcp6");
  }

  /** The /proc/net table of the listener and of the client connection, in that order. */
  private static java.util.List<String> families(Transport t, InetAddress made,
      InetAddress bound) throws Exception {
    EventLoopGroup g = t.group(1);
    try {
      Channel server = new ServerBootstrap().group(g).channelFactory(t.serverChannels(made))
          .childHandler(new ChannelInboundHandlerAdapter()).bind(new InetSocketAddress(bound, 0))
          .sync().channel();
      InetSocketAddress at = (InetSocketAddress) server.localAddress();
      Channel client = new Bootstrap().group(g).channelFactory(t.socketChannels(made))
          .handler(new ChannelInboundHandlerAdapter()).connect(at).sync().channel();
      try {
        return java.util.List.of(table(at.getPort()),
            table(((InetSocketAddress) client.localAddress()).getPort()));
      } finally {
        client.close().sync();
        server.close().sync();
      }
    } finally {
      g.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  /** /proc/net/tcp's states of the two sockets made here: ESTABLISHED and LISTEN. */
  private static final java.util.Set<String> LIVE = java.util.Set.of("01", "0A");

  private static String table(int localPort) throws IOException {
    String port = String.format(Locale.ROOT, ":%04X", localPort);
    java.util.Set<String> in = new java.util.TreeSet<>();
    for (String name : new String[] {"tcp", "tcp6"}) {
      for (String line : Files.readAllLines(Path.of("/proc/self/net", name))) {
        String[] f = line.trim().split("\\s+");
        // Live sockets only: a TIME_WAIT left by any earlier connection on the host that had
        // this port (tens of thousands after load runs) may sit in the other table.
        if (f.length > 3 && f[1].endsWith(port) && LIVE.contains(f[3])) {
          in.add(name);
        }
      }
    }
    assertThat(in).as("tables listing local port %d", localPort).hasSize(1);
    return in.iterator().next();
  }
}
