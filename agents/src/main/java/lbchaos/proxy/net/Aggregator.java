package lbchaos.proxy.net;

import io.netty.handler.codec.http.FullHttpMessage;
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

  @Override
  protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
    if (aggregated.content().isReadable()) {
      super.finishAggregation(aggregated);
    }
  }
}
