package lbchaos.proxy.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lbchaos.proxy.balance.Member;

/**
 * Client side of a "mode http" session: HTTP/1.1 keep-alive towards the client, one request at
 * a time (the next is read after the response is written), each request balanced on its own
 * and sent on a fresh server connection (retries and redispatch apply to its connect). Adds
 * X-Forwarded-For with "option forwardfor", as haproxy. Errors map to haproxy's status codes:
 * 503 no server or connect failure, 502 bad or missing response, 504 server timeout.
 *
 * <p>Graceful stop ({@link SoftStop}), as haproxy's soft stop treats an HTTP/1.1 client: a
 * connection idle between requests is closed at once; one with a request in flight (or its
 * first bytes read) gets its answer with {@code Connection: close}, then is closed.
 */
final class HttpSession extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final int MAX_BODY = 16 * 1024 * 1024;

  private final Connector connector;
  private final boolean forwardFor;
  private final Optional<Duration> serverTimeout;
  private final Optional<String> statsUri;
  private final Supplier<String[]> stats;
  /** A request is being read or answered; event-loop state, like the next field. */
  private boolean busy;
  private boolean stopping;

  /**
   * @param stats yields {csv, prometheus} when the stats page is asked for
   */
  HttpSession(Connector connector, boolean forwardFor, Optional<Duration> serverTimeout,
      Optional<String> statsUri, Supplier<String[]> stats) {
    this.connector = connector;
    this.forwardFor = forwardFor;
    this.serverTimeout = serverTimeout;
    this.statsUri = statsUri;
    this.stats = stats;
  }

  /**
   * To go first in the pipeline: marks the session busy when a request's first bytes arrive,
   * before the codec has a whole request, so a soft stop does not cut a request half read.
   */
  ChannelInboundHandlerAdapter arrivals() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        busy = true;
        ctx.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    busy = true;
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (statsUri.isPresent()) {
      String uri = req.uri();
      if (uri.startsWith(statsUri.get()) || uri.equals("/metrics")) {
        String[] s = stats.get();
        String body = uri.equals("/metrics") ? s[1] : s[0];
        respond(ctx, text(HttpResponseStatus.OK, body), keepAlive);
        return;
      }
    }
    if (connector == null) {
      respond(ctx, text(HttpResponseStatus.SERVICE_UNAVAILABLE, "503 Service Unavailable\n"), keepAlive);
      return;
    }
    Channel client = ctx.channel();
    InetAddress addr = client.remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress() : InetAddress.getLoopbackAddress();
    if (forwardFor) {
      req.headers().add("X-Forwarded-For", addr.getHostAddress());
    }
    req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    req.retain();
    connector.connect(addr, client.eventLoop(), client::isActive,
        (server, m) -> forward(ctx, server, m, req, keepAlive),
        reason -> {
          req.release();
          respond(ctx, text(HttpResponseStatus.SERVICE_UNAVAILABLE, "503 Service Unavailable\n"),
              keepAlive);
        });
  }

  private void forward(ChannelHandlerContext ctx, Channel server, Member m, FullHttpRequest req,
      boolean keepAlive) {
    BackendPool pool = connector.pool();
    server.closeFuture().addListener(f -> pool.release(m));
    serverTimeout.ifPresent(t -> server.pipeline().addLast(
        new IdleStateHandler(0, 0, t.toNanos(), TimeUnit.NANOSECONDS)));
    server.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY),
        new ResponseRelay(ctx, keepAlive));
    server.config().setAutoRead(true);
    pool.stats(m).bin.addAndGet(req.content().readableBytes());
    server.writeAndFlush(req).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        server.close();
      }
    });
  }

  /** Passes one response back to the client, or the matching error status. */
  private final class ResponseRelay extends ChannelInboundHandlerAdapter {
    private final ChannelHandlerContext client;
    private final boolean keepAlive;
    private boolean answered;

    ResponseRelay(ChannelHandlerContext client, boolean keepAlive) {
      this.client = client;
      this.keepAlive = keepAlive;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpResponse resp && !answered) {
        answered = true;
        resp.headers().remove(HttpHeaderNames.CONNECTION);
        respond(client, resp, keepAlive);
        ctx.close();
      } else {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        fail(ctx, HttpResponseStatus.GATEWAY_TIMEOUT);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail(ctx, HttpResponseStatus.BAD_GATEWAY);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(ctx, HttpResponseStatus.BAD_GATEWAY);
    }

    private void fail(ChannelHandlerContext ctx, HttpResponseStatus status) {
      ctx.close();
      if (!answered) {
        answered = true;
        respond(client, text(status, status.code() + " " + status.reasonPhrase() + "\n"), false);
      }
    }
  }

  static FullHttpResponse text(HttpResponseStatus status, String body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    return r;
  }

  /**
   * Writes the response; then reads the next request (keep-alive) or closes. Once stopping,
   * the response says {@code Connection: close} whatever the client asked.
   */
  private void respond(ChannelHandlerContext ctx, FullHttpResponse resp, boolean keepAlive) {
    boolean keep = keepAlive && !stopping;
    HttpUtil.setContentLength(resp, resp.content().readableBytes());
    HttpUtil.setKeepAlive(resp, keep);
    ctx.writeAndFlush(resp).addListener((ChannelFutureListener) f -> {
      // a soft stop that arrived while the answer was being written closes it as idle
      if (keep && f.isSuccess() && !stopping) {
        busy = false;
        ctx.read();
      } else {
        ctx.close();
      }
    });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else if (evt == SoftStop.INSTANCE) {
      stopping = true;
      if (!busy) {
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
