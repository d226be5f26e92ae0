package lbchaos.proxy.net;

import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Netty's aggregator for requests, but one without a body keeps the framing headers it came
 * with: Netty's adds "Content-Length: 0" to any message that had none, which would send a GET on
 * to the server with a length haproxy does not add. A body that came chunked gets its length,
 * which is all that frames it once whole. Answers are not aggregated: they go on as they come
 * (HttpSession's ResponseRelay).
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
