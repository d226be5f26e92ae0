package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bind address on the native transports gets a socket per event loop, all on one port, and
 * each accepted connection stays on the loop of the socket that accepted it; NIO keeps one.
 */
class ListenerTest {

  private static final int LOOPS = 2;
  /** Connections made; the kernel hashes each to a socket, so all on one is 2^-39 likely. */
  private static final int CONNECTIONS = 40;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void acceptsOnEveryLoopAndKeepsEachConnectionOnIt(Transport t) throws Exception {
    assumeThat(t.unavailabilityCause()).as(t + " on this host").isNull();
    EventLoopGroup group = t.group(LOOPS);
    // accepted connection -> whether it landed on its listening socket's loop
    Map<Channel, Boolean> accepted = new ConcurrentHashMap<>();
    Listener l = null;
    try {
      l = Listener.bind(t, group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          loops -> new ServerBootstrap().group(loops)
              .channelFactory(t.serverChannels(InetAddress.getLoopbackAddress()))
              .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  accepted.put(ch, ch.eventLoop() == ch.parent().eventLoop());
                }
              }));
      int expected = t.listenerPerLoop() ? LOOPS : 1;
      assertThat(l.sockets()).hasSize(expected);
      int port = l.address().getPort();
      assertThat(l.sockets()).allSatisfy(s ->
          assertThat(((InetSocketAddress) s.localAddress()).getPort()).isEqualTo(port));
      assertThat(l.sockets().stream().map(Channel::eventLoop).distinct()).hasSize(expected);

      List<Socket> clients = new ArrayList<>();
      try {
        for (int i = 0; i < CONNECTIONS; i++) {
          clients.add(new Socket(InetAddress.getLoopbackAddress(), port));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == CONNECTIONS);
      } finally {
        for (Socket c : clients) {
          c.close();
        }
      }
      if (t.listenerPerLoop()) {
        assertThat(accepted.values()).as("accepted on the listening socket's loop")
            .containsOnly(true);
        assertThat(accepted.keySet().stream().map(Channel::parent).distinct())
            .as("listening sockets that accepted").hasSize(LOOPS);
      }
      assertThat(accepted.keySet().stream().map(ch -> (EventLoop) ch.eventLoop()).distinct())
          .as("loops serving connections").hasSize(LOOPS);
    } finally {
      if (l != null) {
        l.closeSync();
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
