package lbchaos.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mode http connection that leaves HTTP, as haproxy 2.6 lets it (checked side by side in the
 * node image): the server's 101 to a request with "Connection: upgrade" (WebSocket or another
 * protocol), or its 2xx to a CONNECT. The answer goes to the client, and from then on both legs
 * carry bytes as a mode tcp session's do ({@link Relay}), with "timeout tunnel" in place of the
 * client and server timeouts and the fin timeouts as in mode tcp ({@link FinTimeouts}).
 *
 * <p>What haproxy refuses here, the agent refuses too: a WebSocket upgrade without
 * Sec-WebSocket-Key gets its 400, and a 101 the request did not ask for (or a WebSocket 101
 * without Sec-WebSocket-Accept) its 502. An upgrade request with a body is not one: its Upgrade
 * header is dropped, as haproxy drops it.
 */
final class Tunnel {

  private Tunnel() {}

  /** What a request asks of its connection. */
  enum Ask {
    /** To stay HTTP. */
    NONE,
    /** "Connection: upgrade": a 101 opens the tunnel. */
    UPGRADE,
    /** An upgrade to WebSocket: a 101 opens it if it carries Sec-WebSocket-Accept. */
    WEBSOCKET,
    /** A CONNECT: a 2xx opens it. */
    CONNECT,
    /** A WebSocket upgrade without Sec-WebSocket-Key: not a valid request. */
    INVALID
  }

  /**
   * What {@code req} asks; a request that asks to upgrade and has a body loses its Upgrade
   * header here and stays HTTP.
   */
  static Ask ask(HttpRequest req) {
    if (req.method().equals(HttpMethod.CONNECT)) {
      return Ask.CONNECT;
    }
    var h = req.headers();
    if (!h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
      return Ask.NONE;
    }
    if (HttpUtil.getContentLength(req, 0L) > 0 || HttpUtil.isTransferEncodingChunked(req)) {
      h.remove(HttpHeaderNames.UPGRADE);
      return Ask.NONE;
    }
    if (!h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      return Ask.UPGRADE;
    }
    return h.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY) ? Ask.WEBSOCKET : Ask.INVALID;
  }

  /** The server's answer {@code resp} to a request that asked {@code ask} opens the tunnel. */
  static boolean opens(Ask ask, HttpResponse resp) {
    int code = resp.status().code();
    return switch (ask) {
      case CONNECT -> code >= 200 && code < 300;
      case UPGRADE -> code == 101;
      case WEBSOCKET -> code == 101
          && resp.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT);
      case NONE, INVALID -> false;
    };
  }

  /**
   * Turns both legs into relays, the answer that opened the tunnel already written to the client
   * (by the client's codec, still in place then). The codecs go last, each after its leg's relay
   * is in place: what a codec holds of bytes behind the answer or the request goes on to it.
   *
   * @param clientHttp the client's HTTP handlers, its codec last
   * @param serverHttp the server connection's, its codec last
   * @param early what the client sent behind its request, held back while it was answered (and
   *     its FIN, if it came behind them)
   * @param clientFinIn the client's FIN came, and nothing of it is in {@code early}
   */
  static void open(Channel client, List<ChannelHandler> clientHttp, Channel server,
      List<ChannelHandler> serverHttp, List<Object> early, boolean clientFinIn,
      ServerStats stats, AccessStamps stamps, Optional<Duration> tunnelTimeout,
      FinTimeouts fins) {
    AtomicInteger shut = new AtomicInteger();
    client.pipeline().addLast(fins.onClientSide(new Relay(server, shut, stats.bin, stamps, 'c')));
    clientHttp.forEach(client.pipeline()::remove);
    server.config().setAutoRead(false); // the relay reads as its peer drains
    server.pipeline().addLast(fins.onServerSide(new Relay(client, shut, stats.bout, stamps, 's')));
    serverHttp.forEach(server.pipeline()::remove);
    tunnelTimeout.ifPresent(t -> {
      Relay.finTimeout(client, t);
      Relay.finTimeout(server, t);
    });
    for (Object o : early) {
      if (o instanceof ChannelInputShutdownEvent) {
        client.pipeline().fireUserEventTriggered(o);
      } else {
        client.pipeline().fireChannelRead(o);
      }
    }
    if (clientFinIn) {
      client.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    }
    Relay.readMore(client);
    Relay.readMore(server);
  }
}
