package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proxy leaves TCP_NODELAY to Netty's socket configs, which switch it on at creation (one
 * setsockopt per connection saved). A proxy with Nagle on would hold back small writes behind
 * delayed ACKs, so check the default on every transport rather than trust it.
 */
class TransportDefaultsTest {

  @ParameterizedTest
  @EnumSource(Transport.class)
  void socketChannelsStartWithNagleOff(Transport t) throws Exception {
    assumeThat(t.unavailabilityCause()).as(t + " on this host").isNull();
    SocketChannel ch = t.socketChannel().getDeclaredConstructor().newInstance();
    try {
      assertThat(ch.config().isTcpNoDelay()).as("%s: TCP_NODELAY", t).isTrue();
    } finally {
      ch.unsafe().closeForcibly();
    }
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
}
