package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the server leg's decoder hands a body on: as it was read, not in smaller pieces. */
class CodecsEmbeddedTest {

  @Test
  void aBodyReadAtOnceGoesOnAsOnePiece() {
    EmbeddedChannel ch = new EmbeddedChannel(Codecs.client());
    // the client codec decodes an answer to a request it has sent
    ch.writeOutbound(new io.netty.handler.codec.http.DefaultFullHttpRequest(
        io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
        io.netty.handler.codec.http.HttpMethod.GET, "/"));
    ch.outboundMessages().forEach(ReferenceCountUtil::release);
    ch.outboundMessages().clear();
    int size = 32 * 1024;
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    ch.writeInbound(Unpooled.wrappedBuffer(head, new byte[size]));
    int pieces = 0;
    int bytes = 0;
    for (Object m; (m = ch.readInbound()) != null; ) {
      if (m instanceof HttpContent c) {
        pieces += c.content().isReadable() ? 1 : 0;
        bytes += c.content().readableBytes();
      } else {
        assertThat(m).isInstanceOf(HttpResponse.class);
      }
      ReferenceCountUtil.release(m);
    }
    assertThat(bytes).isEqualTo(size);
    // Netty's default (8 KiB) made four of it
    assertThat(pieces).isEqualTo(1);
    ch.finishAndReleaseAll();
  }
}
