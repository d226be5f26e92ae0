package lbchaos.proxy.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Netty's aggregator, but a message without a body keeps the framing headers it came with:
 * Netty's adds "Content-Length: 0" to any message that had none, which would send a GET on to
 * the server with a length haproxy does not add, and give a 304 or the answer to a HEAD a length
 * that is not the resource's (RFC 9110 8.6). A message with a body (one that came chunked) still
 * gets its length, which is all that frames it once whole.
 */
final class Aggregator extends HttpObjectAggregator {

  Aggregator() {
    super(HttpSession.MAX_BODY);
  }

  /** A 101 came: its connection is a tunnel or is closed, and no HTTP follows on it. */
  private boolean switched;

  /**
   * A 101 goes on as a whole answer at its head: it has no body (RFC 9110 15.2.2), but Netty's
   * decoder reads one to the close behind a WebSocket 101 without Sec-WebSocket-Accept (the
   * handshake of the draft before RFC 6455), an answer haproxy refuses with a 502 at once.
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpResponse r && !(msg instanceof FullHttpResponse)
        && r.status().code() == 101) {
      switched = true;
      var whole = new DefaultFullHttpResponse(r.protocolVersion(), r.status(),
          Unpooled.EMPTY_BUFFER, r.headers(), EmptyHttpHeaders.INSTANCE);
      whole.setDecoderResult(r.decoderResult());
      ctx.fireChannelRead(whole);
    } else if (switched && msg instanceof HttpContent c) {
      c.release();
    } else {
      super.channelRead(ctx, msg);
    }
  }

  @Override
  protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
    if (aggregated.content().isReadable()) {
      super.finishAggregation(aggregated);
    }
  }
}
