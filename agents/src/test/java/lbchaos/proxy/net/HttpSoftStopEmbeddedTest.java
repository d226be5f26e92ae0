package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * HttpSession's soft stop, in the pipeline Generation builds (arrivals, codec, session),
 * without a backend: a request is answered 503 by the session itself, which is
 * enough to see when it closes and what the answer says.
 */
class HttpSoftStopEmbeddedTest {

  static EmbeddedChannel channel() {
    HttpSession session = new HttpSession(Routing.Route.NONE, Optional.empty(),
        () -> new String[] {"", ""}, Optional.empty(), false, false);
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setOption(ChannelOption.AUTO_READ, false);
    ch.pipeline().addLast(session.arrivals(), Codecs.server(),
        session);
    return ch;
  }

  static void send(EmbeddedChannel ch, String text) {
    ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
  }

  static String written(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      ByteBuf b = (ByteBuf) o;
      out.append(b.toString(StandardCharsets.US_ASCII));
      b.release();
    }
    return out.toString();
  }

  @Test
  void aFreshConnectionWithNothingReadClosesAtOnce() {
    EmbeddedChannel ch = channel();
    ch.pipeline().fireUserEventTriggered(SoftStop.INSTANCE);
    assertThat(ch.isActive()).as("idle, nothing read: closed").isFalse();
  }

  @Test
  void idleAfterAKeepAliveAnswerClosesAtOnce() {
    EmbeddedChannel ch = channel();
    send(ch, "GET / HTTP/1.1\r\nHost: lb\r\n\r\n");
    assertThat(written(ch)).as("first answer keeps the connection")
        .startsWith("HTTP/1.1 503").doesNotContainIgnoringCase("connection: close");
    assertThat(ch.isActive()).as("kept alive").isTrue();
    ch.pipeline().fireUserEventTriggered(SoftStop.INSTANCE);
    assertThat(ch.isActive()).as("idle between requests: closed on the soft stop").isFalse();
  }

  @Test
  void aHalfReadRequestIsFinishedAndAnsweredWithConnectionClose() {
    EmbeddedChannel ch = channel();
    send(ch, "GET / HTTP/1.1\r\nHo");
    ch.pipeline().fireUserEventTriggered(SoftStop.INSTANCE);
    assertThat(ch.isActive()).as("a request's first bytes make the session busy").isTrue();
    send(ch, "st: lb\r\n\r\n");
    assertThat(written(ch)).as("answered, told to close").startsWith("HTTP/1.1 503")
        .containsIgnoringCase("connection: close");
    assertThat(ch.isActive()).as("closed after the answer").isFalse();
  }

  @Test
  void withoutASoftStopTheConnectionStaysForTheNextRequest() {
    EmbeddedChannel ch = channel();
    send(ch, "GET / HTTP/1.1\r\nHost: lb\r\n\r\n");
    written(ch);
    send(ch, "GET / HTTP/1.1\r\nHost: lb\r\n\r\n");
    assertThat(written(ch)).as("second answer on the same connection").startsWith("HTTP/1.1 503");
    assertThat(ch.isActive()).as("still open").isTrue();
  }
}
