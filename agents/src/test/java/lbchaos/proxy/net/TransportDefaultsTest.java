package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.socket.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proxy leaves TCP_NODELAY to Netty's socket configs, which switch it on at creation (one
 * setsockopt per connection saved). A proxy with Nagle on would hold back small writes behind
 * delayed ACKs, so check the default on both transports rather than trust it.
 */
class TransportDefaultsTest {

  @Test
  void socketChannelsStartWithNagleOff() throws Exception {
    for (Transport t : List.of(Transport.best(), Transport.nio())) {
      SocketChannel ch = t.socketChannel().getDeclaredConstructor().newInstance();
      try {
        assertThat(ch.config().isTcpNoDelay()).as("%s: TCP_NODELAY", t.name()).isTrue();
      } finally {
        ch.unsafe().closeForcibly();
      }
    }
  }
}
