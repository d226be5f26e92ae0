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
import lbchaos.proxy.check.Traffic;

/**
 * Client side of a "mode http" session: HTTP/1.1 keep-alive towards the client, one request at
 * a time (the next is read after the response is written), each request balanced on its own
 * and sent on a fresh server connection (retries and redispatch apply to its connect). Adds
 * X-Forwarded-For with "option forwardfor", as haproxy. Errors map to haproxy's status codes:
 * 503 no server or connect failure, 502 bad or missing response, 504 server timeout.
 *
 * <p>Waiting for a request (haproxy 2.6 mux_h1.c h1_set_idle_expiration, h1_handle_req_tout):
 * its headers must all arrive within "timeout http-request", counted from the accept (first
 * request) or from the end of the previous answer, however the bytes trickle; "timeout client"
 * (the idle handler) bounds each silence meanwhile. When either runs out, a partly received
 * request, or a first one, is answered 408 and the connection closed; an idle keep-alive
 * connection is closed without a word.
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
  private final Optional<Duration> httpRequest;
  private final boolean quietEmpty;
  /** A request is being read or answered; event-loop state, like the next fields. */
  private boolean busy;
  private boolean stopping;
  /** Waiting for a request's headers (none yet, or part of them). */
  private boolean waiting = true;
  /** No answer has been written on this connection yet. */
  private boolean first = true;
  private io.netty.util.concurrent.ScheduledFuture<?> requestTimer;

  /**
   * @param stats yields {csv, prometheus} when the stats page is asked for
   */
  HttpSession(Connector connector, boolean forwardFor, Optional<Duration> serverTimeout,
      Optional<String> statsUri, Supplier<String[]> stats, Optional<Duration> httpRequest,
      boolean quietEmpty) {
    this.httpRequest = httpRequest;
    this.quietEmpty = quietEmpty;
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

  /**
   * To go right after the HTTP codec: a request's headers are complete when the codec yields its
   * head, before the aggregator waits for the body ("timeout http-request" covers the headers).
   */
  ChannelInboundHandlerAdapter headers() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof io.netty.handler.codec.http.HttpRequest) {
          waiting = false;
          cancelRequestTimer();
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    awaitRequest(ctx);
    ctx.read();
  }

  /** Starts the wait for the next request's headers. */
  private void awaitRequest(ChannelHandlerContext ctx) {
    waiting = true;
    cancelRequestTimer();
    httpRequest.ifPresent(t -> requestTimer = ctx.executor().schedule(
        () -> requestTimedOut(ctx), t.toNanos(), TimeUnit.NANOSECONDS));
  }

  private void cancelRequestTimer() {
    if (requestTimer != null) {
      requestTimer.cancel(false);
      requestTimer = null;
    }
  }

  /**
   * "timeout http-request" or "timeout client" ran out before the headers were in: 408 to a
   * request begun or to a first one, then close (h1_handle_req_tout); an idle keep-alive
   * connection just closes, as does an empty first one with dontlognull or http-ignore-probes.
   * Written below the codec, which may hold half a request.
   */
  private void requestTimedOut(ChannelHandlerContext ctx) {
    requestTimer = null;
    if (!waiting || !ctx.channel().isActive()) {
      return;
    }
    waiting = false;
    if (busy || (first && !quietEmpty)) {
      ctx.pipeline().firstContext().writeAndFlush(Unpooled.copiedBuffer(REQUEST_TIMEOUT,
          StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  /** haproxy 2.6's own 408 answer (src/http.c http_err_msgs). */
  static final String REQUEST_TIMEOUT = "HTTP/1.1 408 Request Time-out\r\n"
      + "content-length: 110\r\n"
      + "cache-control: no-cache\r\n"
      + "content-type: text/html\r\n"
      + "connection: close\r\n"
      + "\r\n"
      + "<html><body><h1>408 Request Time-out</h1>\n"
      + "Your browser didn't send a complete request in time.\n"
      + "</body></html>\n";

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelRequestTimer();
    ctx.fireChannelInactive();
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
        new ResponseRelay(ctx, keepAlive, m));
    server.config().setAutoRead(true);
    pool.stats(m).bin.addAndGet(req.content().readableBytes());
    server.writeAndFlush(req).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        server.close();
      }
    });
  }

  /**
   * Passes one response back to the client, or the matching error status; tells the pool what
   * the answer said of the server ("observe layer7").
   */
  private final class ResponseRelay extends ChannelInboundHandlerAdapter {
    private final ChannelHandlerContext client;
    private final boolean keepAlive;
    private final Member server;
    private boolean answered;

    ResponseRelay(ChannelHandlerContext client, boolean keepAlive, Member server) {
      this.client = client;
      this.keepAlive = keepAlive;
      this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpResponse resp && !answered) {
        answered = true;
        connector.pool().traffic(server, Traffic.ofStatus(resp.status().code()));
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
        fail(ctx, HttpResponseStatus.GATEWAY_TIMEOUT, Traffic.HTTP_READ_TIMEOUT);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail(ctx, HttpResponseStatus.BAD_GATEWAY, Traffic.HTTP_BROKEN_PIPE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(ctx, HttpResponseStatus.BAD_GATEWAY, Traffic.HTTP_RSP);
    }

    private void fail(ChannelHandlerContext ctx, HttpResponseStatus status, Traffic what) {
      ctx.close();
      if (!answered) {
        answered = true;
        connector.pool().traffic(server, what);
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
        first = false;
        awaitRequest(ctx);
        ctx.read();
      } else {
        ctx.close();
      }
    });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (waiting) {
        requestTimedOut(ctx);
      } else {
        ctx.close();
      }
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
