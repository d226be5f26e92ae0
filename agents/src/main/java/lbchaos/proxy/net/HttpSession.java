package lbchaos.proxy.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.config.ErrorMessage;
import lbchaos.proxy.config.HttpReuse;
import lbchaos.proxy.check.Traffic;
import lbchaos.proxy.stick.Tracking;

/**
 * Client side of a "mode http" session: HTTP/1.1 keep-alive towards the client, one request at
 * a time (the next is read after the response is written), each request balanced on its own.
 * A request goes over an idle connection to the server picked when the backend's http-reuse
 * allows it ({@link IdleConnections}; with "safe", haproxy's default, never the first request of
 * a client connection), else over a new one (retries and redispatch apply to its connect); once
 * the server's response has gone on whole and it keeps the connection alive, the connection is left
 * idle for later requests: any session's, or with http-reuse never only this session's
 * ({@link SessionConnections}); with option http-server-close it is closed. Adds
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
final class HttpSession extends ChannelInboundHandlerAdapter {

  /** The backend requests go to when there are no rules (or the rules' default). */
  private final Routing.Route fallback;
  /** The frontend's rules and the routes to its backends; null: none, every request to fallback. */
  private Routing routing;
  private final Optional<String> statsUri;
  private final Supplier<String[]> stats;
  private final Optional<Duration> httpRequest;
  /** "timeout http-keep-alive": the wait for a next request of which nothing has come yet. */
  private Optional<Duration> httpKeepAlive = Optional.empty();
  /** The frontend's "timeout client-fin", for a tunnel ({@link Tunnel}). */
  private Optional<Duration> clientFinTimeout = Optional.empty();
  private final boolean quietEmpty;
  /** "option http-ignore-probes": a connection that sends nothing but its FIN gets no 400. */
  private final boolean ignoreProbes;
  /** The frontend's "option http-buffer-request": a body is in before the rules run. */
  private boolean bufferRequest;
  /** A request is being read or answered; event-loop state, like the next fields. */
  private boolean busy;
  private boolean stopping;
  /** Waiting for a request's headers (none yet, or part of them). */
  private boolean waiting = true;
  /** No answer has been written on this connection yet. */
  private boolean first = true;
  /**
   * One of haproxy's own error answers is written: nothing else is, the connection closes (after
   * a body's 408, once the client closes or idles out).
   */
  private boolean refused;
  /** The client has sent its FIN: no request follows the one being answered. */
  private boolean clientFin;
  private io.netty.util.concurrent.ScheduledFuture<?> requestTimer;
  /** Null when the frontend does not log; then the next fields stay unused. */
  private AccessLogger logger;
  /** The frontend's default backend; the backend each request went to (its rules chose). */
  private BackendPool defaultLogPool;
  private BackendPool logPool;
  /** The moments of the request being read or answered; null between requests. */
  private AccessStamps current;
  private String requestLine = "<BADREQ>";
  /**
   * A request's head was taken and it is not answered yet. Once its body is in, the client's
   * next read is asked for at once rather than after the answer: with AUTO_READ off, Netty's
   * epoll transport drops the socket's read interest after a read that nothing asked to follow
   * and adds it back at the next read(), two epoll_ctl calls per request (12 % of the proxy's
   * CPU in mode http with keep-alive, JFR CPU samples on loopback). What that read brings (a
   * pipelined request, a FIN) is held by {@link #arrivals()} and passed on once the answer is
   * written.
   */
  private boolean inFlight;
  /** The frontend's errorfiles: a request's until a backend is chosen. */
  private final ErrorPages frontPages;
  /**
   * The errorfiles of where the request in flight is: its frontend's until a backend is chosen,
   * then the backend's before them.
   */
  private ErrorPages pages;
  /**
   * The http-after-response rules of where the request in flight is, as {@link #pages}: its
   * frontend's until a backend is chosen, then the backend's and the frontend's.
   */
  private List<lbchaos.proxy.acl.HttpRules> after;
  /** The frontend's http-after-response rules (empty: none). */
  private final List<lbchaos.proxy.acl.HttpRules> frontAfter;
  /** The request in flight, for the after rules of an answer made before its rules ran. */
  private HttpRequest asking;
  /** The request in flight as its rules left it, once they ran (null before). */
  private lbchaos.proxy.acl.Request asked;
  /** The body of the request being answered, on its way to the server as it comes. */
  private final RequestBody body = new RequestBody();
  /** The "sess." variables set-var left, for the connection's later requests and answers. */
  private java.util.Map<String, Object> sessVars = java.util.Map.of();
  /** What the request rules left of the request in flight (variables too), null without rules. */
  private lbchaos.proxy.acl.Request ruled;
  /** The stick counters of the request in flight, let go when it ends ({@link #untrack}). */
  private Tracking tracking = Tracking.NONE;
  /** An answer went out before its request's body was all in: the next request, once it is. */
  private boolean nextAfterBody;
  /** The bytes {@link #arrivals()} read while a request was answered, and a FIN behind them. */
  private final HeldBack held = new HeldBack();
  /**
   * What the codec decoded while a request was answered: the parts of pipelined requests that
   * came in the same read as it (the codec decodes all it has), and the FIN behind them. Passed
   * on, a request at a time, once the answer is written: answers go out in the order of the
   * requests (RFC 9112 9.3.2), where two requests answered at once would race.
   */
  private final HeldBack decoded = new HeldBack();
  /**
   * What the client sends now is held until the answer is written: a request is in flight and
   * its body is all in (the rest is the next request's).
   */
  private boolean holding() {
    return inFlight && !body.open();
  }

  /** The status of an answer whose head went on and whose end has not: 0 when none. */
  private int streamed;
  /** http-reuse never: this session's own idle server connections; null until one is kept. */
  private SessionConnections own;
  /** The frontend's "max-session-srv-conns": how many idle ones {@link #own} may hold. */
  private int maxOwn = lbchaos.proxy.config.Frontend.DEFAULT_MAX_SESSION_SRV_CONNS;

  /** Logs each request to {@code logger} (null: none); {@code pool}: the backend, if any. */
  void accessLog(AccessLogger logger, BackendPool pool) {
    this.logger = logger;
    this.defaultLogPool = pool;
    this.logPool = pool;
  }

  private void logged(ChannelHandlerContext ctx, int status) {
    if (current != null) {
      logger.log(current, logPool, client(ctx.channel()), status, requestLine);
      current = null;
      requestLine = "<BADREQ>";
    }
  }

  private static String client(Channel ch) {
    return ch.remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress() + ":" + a.getPort() : "-:-";
  }

  /**
   * The bytes of a response's head as the encoder writes them, and of its body if it holds it
   * (haproxy's %B counts them so; a chunked body's framing is not counted).
   */
  private static long wireBytes(HttpResponse r) {
    long n = r.protocolVersion().text().length() + 1 + r.status().toString().length() + 2
        + Codecs.headerBytes(r.headers());
    return n + (r instanceof FullHttpResponse f ? f.content().readableBytes() : 0);
  }

  /**
   * @param fallback where a request goes when no rule routes it (and every request without
   *     {@link #routing})
   * @param stats yields {csv, prometheus} when the stats page is asked for
   */
  HttpSession(Routing.Route fallback, Optional<String> statsUri, Supplier<String[]> stats,
      Optional<Duration> httpRequest, boolean quietEmpty, boolean ignoreProbes) {
    this.fallback = fallback;
    this.frontPages = fallback.pages().front();
    this.pages = frontPages;
    this.frontAfter = fallback.frontAfter();
    this.after = frontAfter;
    this.httpRequest = httpRequest;
    this.quietEmpty = quietEmpty;
    this.ignoreProbes = ignoreProbes;
    this.statsUri = statsUri;
    this.stats = stats;
  }

  /** With http-reuse never, at most {@code max} idle server connections are kept per client. */
  HttpSession maxSessionSrvConns(int max) {
    this.maxOwn = max;
    return this;
  }

  /** Waits for a next request, after an answer, at most {@code t} ("timeout http-keep-alive"). */
  HttpSession keepAlive(Optional<Duration> t) {
    this.httpKeepAlive = t;
    return this;
  }

  /** Once a connection is a tunnel, the client idles out at {@code t} after a FIN. */
  HttpSession clientFin(Optional<Duration> t) {
    this.clientFinTimeout = t;
    return this;
  }

  /** With {@code on}, a request's body is read before it is routed ({@link #awaitBody}). */
  HttpSession bufferRequest(boolean on) {
    this.bufferRequest = on;
    return this;
  }

  /** Each request is routed by {@code r} (acl, http-request, use_backend rules). */
  HttpSession routing(Routing r) {
    this.routing = r;
    return this;
  }

  /**
   * To go first in the pipeline: marks the session busy when a request's first bytes arrive,
   * before the codec has a request's head, so a soft stop does not cut a request half read.
   */
  ChannelInboundHandlerAdapter arrivals() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        held.at(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (holding()) {
          held.add(msg); // the next request's bytes, read early (see request)
          return;
        }
        arrived(ctx, msg);
      }

      @Override
      public void channelReadComplete(ChannelHandlerContext ctx) {
        // not while a request is answered: the codec would ask for more reads, and what is
        // held must stay one read's worth
        if (!holding()) {
          ctx.fireChannelReadComplete();
        }
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!held.keepsFin(evt)) { // the client's FIN stays behind the bytes it sent before it
          ctx.fireUserEventTriggered(evt);
        }
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        held.release();
        ctx.fireChannelInactive();
      }
    };
  }

  private void arrived(ChannelHandlerContext ctx, Object msg) {
    began();
    ctx.fireChannelRead(msg);
  }

  /** A request's first bytes are in: the session is busy, and its moments are stamped. */
  private void began() {
    busy = true;
    if (logger != null && current == null) {
      current = new AccessStamps();
    }
  }

  /**
   * Passes on what arrived while the last request was answered, up to the next whole one, then
   * the read-complete held back since that request came in. Passed on even when nothing was
   * held: the codec clears its per-read state with it, and without that it would not ask for
   * the rest of a next request whose first read holds only part of it (it would take that read
   * as one that had yielded a message already), and the connection would hang.
   */
  private void replayHeld() {
    for (Object m; !holding() && (m = held.next()) != null; ) {
      arrived(held.ctx(), m);
    }
    held.ctx().fireChannelReadComplete();
  }

  /**
   * To go right after the HTTP codec: a request's headers are complete when the codec yields its
   * head, before its body ("timeout http-request" covers the headers).
   */
  ChannelInboundHandlerAdapter headers() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        decoded.at(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (holding()) {
          decoded.add(msg); // a pipelined request's part: after the answer
          return;
        }
        headed(msg);
        ctx.fireChannelRead(msg);
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!decoded.keepsFin(evt)) { // the FIN stays behind the requests sent before it
          ctx.fireUserEventTriggered(evt);
        }
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        decoded.release();
        ctx.fireChannelInactive();
      }
    };
  }

  /** A message from the codec on its way to the session: a request's head is in. */
  private void headed(Object msg) {
    if (msg instanceof io.netty.handler.codec.http.HttpRequest r) {
      // an invalid request is logged as haproxy logs it: "<BADREQ>"
      if (current != null && r.decoderResult().isSuccess()) {
        current.headers = System.nanoTime();
        requestLine = r.method().name() + " " + r.uri() + " " + r.protocolVersion().text();
      }
      waiting = false;
      cancelRequestTimer();
    }
  }

  /**
   * Passes on what the codec decoded while the last request was answered, up to the next whole
   * request, or the FIN behind them.
   */
  private void replayDecoded() {
    for (Object m; !holding() && (m = decoded.next()) != null; ) {
      if (m instanceof io.netty.handler.codec.http.HttpRequest) {
        began(); // its bytes came before the answer; its moments count from now
      }
      headed(m);
      decoded.ctx().fireChannelRead(m);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    awaitRequest(ctx);
    ctx.read();
  }

  /**
   * Starts the wait for the next request's headers: "timeout http-request", or after an answer,
   * with nothing of the next request in yet, "timeout http-keep-alive" if set (haproxy 2.6
   * mux_h1.c h1_set_idle_expiration: the deadline set then is kept until the headers are in).
   */
  private void awaitRequest(ChannelHandlerContext ctx) {
    waiting = true;
    cancelRequestTimer();
    Optional<Duration> wait = !first && held.isEmpty() && decoded.isEmpty()
        && httpKeepAlive.isPresent() ? httpKeepAlive : httpRequest;
    wait.ifPresent(t -> requestTimer = ctx.executor().schedule(
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
   */
  private void requestTimedOut(ChannelHandlerContext ctx) {
    requestTimer = null;
    if (!waiting || !ctx.channel().isActive()) {
      return;
    }
    waiting = false;
    if (busy || (first && !quietEmpty)) {
      logPool = null; // as haproxy logs it: the frontend's, no backend
      refuse(ctx, muxError(408, OwnAnswers.REQUEST_TIMEOUT), 408, "cR");
    } else {
      ctx.close();
    }
  }

  /**
   * "option http-buffer-request" or a "wait-for-body" rule (haproxy 2.6 http_ana.c
   * http_wait_for_msg_body): {@code then} runs once the request's body is all in or fills
   * haproxy's buffer ({@link RequestBody#room}), or {@code atLeast} bytes of it are in (0: no
   * such bound); a request without a body, or a CONNECT, goes on at once. An HTTP/1.1 client's
   * "Expect: 100-continue" is answered here and not passed on (http_handle_expect_hdr). The wait
   * lasts at most {@code limit} from the end of the headers ("timeout http-request"; without it
   * "timeout client" bounds each silence): then 408, logged "cR" without timers, and the
   * connection stays open, what comes dropped, until the client closes it or idles out, as
   * 2.6.12's does.
   */
  private void awaitBody(ChannelHandlerContext ctx, HttpRequest req, Optional<Duration> limit,
      long atLeast, Runnable then) {
    boolean hasBody = HttpUtil.isTransferEncodingChunked(req)
        || HttpUtil.getContentLength(req, 0L) > 0;
    if (!hasBody || req.method().equals(HttpMethod.CONNECT)) {
      then.run();
      return;
    }
    if (req.protocolVersion().equals(HttpVersion.HTTP_1_1)
        && req.headers().containsValue(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true)) {
      req.headers().remove(HttpHeaderNames.EXPECT);
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    int room = RequestBody.room(req);
    boolean now = body.whenBuffered(atLeast > 0 ? (int) Math.min(atLeast, room) : room, () -> {
      cancelRequestTimer();
      if (current != null) {
        current.headers = current.request = System.nanoTime(); // haproxy's TR covers the wait
      }
      then.run();
    });
    if (!now) {
      limit.ifPresent(t -> requestTimer = ctx.executor().schedule(
          () -> bodyTimedOut(ctx), t.toNanos(), TimeUnit.NANOSECONDS));
    }
  }

  /** The body did not come in time ({@link #awaitBody}): 408, the connection left open. */
  private void bodyTimedOut(ChannelHandlerContext ctx) {
    requestTimer = null;
    if (!body.buffering() || !ctx.channel().isActive()) {
      return;
    }
    body.drop(); // nothing went to a server; what comes of the body is read and dropped
    inFlight = false; // nor is anything held: the client's FIN closes the connection
    if (current != null) {
      current.headers = current.request = 0; // the request was never whole: timers -1
    }
    String answer = OwnAnswers.raw(after(ctx, OwnAnswers.message(408, pages)));
    if (current != null) {
      current.bytesOut = answer.length();
    }
    refuse(ctx, answer, 408, "cR", answer.isEmpty()); // an empty errorfile: closed at once
  }

  /**
   * haproxy's 400, then close: to a request the codec could not read (logged "PR--", as
   * haproxy's h1 mux refuses it), or one the client ended with its FIN before it was whole
   * ("CR--"); logged against the frontend, no server.
   */
  private void badRequest(ChannelHandlerContext ctx, String termination) {
    waiting = false;
    cancelRequestTimer();
    logPool = null;
    refuse(ctx, muxError(400, OwnAnswers.BAD_REQUEST), 400, termination);
  }

  /**
   * The h1 mux's own {@code answer} for a request it could not read or that did not come in
   * time: an errorfile does not replace it, but an empty one for its status in the frontend
   * has haproxy close without a word (mux_h1.c h1_send_error).
   */
  private String muxError(int status, String answer) {
    return frontPages.file(status).filter(ErrorMessage::silent).isPresent() ? "" : answer;
  }

  /**
   * One of haproxy's own error answers, logged with {@code status} and {@code termination},
   * then close.
   */
  private void refuse(ChannelHandlerContext ctx, String answer, int status, String termination) {
    refuse(ctx, answer, status, termination, true);
  }

  /** As {@link #refuse(ChannelHandlerContext, String, int, String)}; {@code close}: then. */
  private void refuse(ChannelHandlerContext ctx, String answer, int status, String termination,
      boolean close) {
    if (refused) {
      return;
    }
    refused = true;
    if (logger != null) {
      if (current == null) {
        current = new AccessStamps();
      }
      current.fail(termination);
      logged(ctx, status);
    }
    ChannelFuture written = underCodec(ctx).writeAndFlush(
        Unpooled.copiedBuffer(answer, StandardCharsets.ISO_8859_1));
    if (close) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Where the proxy's own error answers are written from: the codec's place, under it (it may
   * hold half a request) and through what is above the socket (TLS, the idle timer).
   */
  private static ChannelHandlerContext underCodec(ChannelHandlerContext ctx) {
    ChannelHandlerContext codec = ctx.pipeline().context(HttpServerCodec.class);
    return codec != null ? codec : ctx.pipeline().firstContext();
  }

  /** The request in flight ended: its stick entries are let go (conn_cur goes down). */
  private void untrack() {
    tracking.end();
    tracking = Tracking.NONE;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    untrack();
    cancelRequestTimer();
    if (own != null) {
      own.closeAll();
    }
    body.abort(); // a server that has part of a request has the connection closed
    if (current != null && busy) {
      // the client left: before its request was whole (haproxy's 400 "CR"), before the answer,
      // or while its body went on ("CD")
      current.fail(waiting ? "CR" : streamed != 0 ? "CD" : "CH");
      logged(ctx, waiting ? 400 : streamed != 0 ? streamed : -1);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req) {
      request(ctx, req);
    }
    if (!(msg instanceof HttpContent piece)) {
      return;
    }
    if (!body.open()) {
      piece.release(); // of a request refused at its head, or what came after a refusal
    } else if (piece.decoderResult().isFailure()) {
      // a chunk that does not parse: haproxy's 400 if the answer has not begun, and the server,
      // which has part of the request, loses its connection
      piece.release();
      body.abort();
      badRequest(ctx, "PR");
    } else if (body.piece(piece)) {
      bodyEnded(ctx);
    }
  }

  /** The request's body is all in: the next read is asked for (see {@link #inFlight}). */
  private void bodyEnded(ChannelHandlerContext ctx) {
    if (nextAfterBody) {
      nextAfterBody = false;
      if (stopping || clientFin) {
        ctx.close();
      } else {
        nextRequest(ctx);
      }
    } else {
      ctx.read();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    body.readMore(ctx);
    ctx.fireChannelReadComplete();
  }

  /** A request's head is in: it is routed, and sent on once a server's connection is there. */
  private void request(ChannelHandlerContext ctx, HttpRequest req) {
    busy = true;
    if (refused) {
      return; // what the codec decoded after a refusal, before the close
    }
    if (req.method().name().equals("PRI") && req.protocolVersion().majorVersion() == 2) {
      // HTTP/2's preface (h2c with prior knowledge): haproxy switches to HTTP/2 here, the agent
      // does not speak it, and such a request must not reach a server as HTTP/1
      badRequest(ctx, "PR");
      return;
    }
    if (req.decoderResult().isFailure()) {
      // Not a request: nothing goes to a server. Cut short by the client's FIN, haproxy logs
      // the client's abort ("CR"), else its own refusal ("PR").
      badRequest(ctx, req.decoderResult().cause()
          instanceof io.netty.handler.codec.PrematureChannelClosureException ? "CR" : "PR");
      return;
    }
    java.util.List<String> hosts = req.headers().getAll(HttpHeaderNames.HOST);
    if (!HostAuthority.agree(req.method().name(), req.uri(), hosts)) {
      badRequest(ctx, "PR"); // Host lines that differ, or a target naming another host
      return;
    }
    String target = HostAuthority.target(req.uri());
    if (!target.equals(req.uri())) {
      req.setUri(target);
      hostLine(req.headers(), hosts.isEmpty() ? null : HostAuthority.host(target));
    } else if (hosts.size() > 1) {
      hostLine(req.headers(), hosts.getFirst());
    }
    Tunnel.Ask ask = Tunnel.ask(req);
    if (ask == Tunnel.Ask.INVALID) {
      badRequest(ctx, "PR"); // haproxy's h1 parser refuses a WebSocket upgrade without its key
      return;
    }
    inFlight = true;
    body.begin(); // read on as its body comes (channelReadComplete), then the next (bodyEnded)
    if (current != null) {
      current.request = System.nanoTime();
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    pages = frontPages;
    after = frontAfter;
    asking = req;
    asked = null;
    if (bufferRequest) {
      logPool = null; // a 408 while the body comes is the frontend's: no backend yet
      awaitBody(ctx, req, httpRequest, 0, () -> serve(ctx, req, keepAlive, ask));
    } else {
      serve(ctx, req, keepAlive, ask);
    }
  }

  /**
   * The "sess." variables of {@code r}, kept for the connection's next request ({@code r} holds
   * those kept before, but those an unset-var removed).
   */
  private void keepSessVars(lbchaos.proxy.acl.Request r) {
    if (!r.vars().isEmpty() || !sessVars.isEmpty()) {
      var kept = new java.util.HashMap<String, Object>();
      r.vars().forEach((k, v) -> {
        if (k.startsWith("sess.")) {
          kept.put(k, v);
        }
      });
      sessVars = java.util.Map.copyOf(kept);
    }
  }

  /**
   * The first Host line says {@code value}, in its place; those after it, which said the same
   * (HostAuthority), go as haproxy drops them. No line is added when there was none (null).
   */
  private static void hostLine(HttpHeaders headers, String value) {
    if (value == null) {
      return;
    }
    var lines = headers.entries();
    headers.clear();
    boolean seen = false;
    for (var line : lines) {
      boolean host = line.getKey().equalsIgnoreCase("host");
      if (!host) {
        headers.add(line.getKey(), line.getValue());
      } else if (!seen) {
        headers.add(line.getKey(), value);
      }
      seen |= host;
    }
  }

  /** The request's rules, then its backend's server, or the proxy's own answer. */
  private void serve(ChannelHandlerContext ctx, HttpRequest req, boolean keepAlive,
      Tunnel.Ask ask) {
    if (statsUri.isPresent()) {
      String uri = req.uri();
      if (uri.startsWith(statsUri.get()) || uri.equals("/metrics")) {
        // haproxy's URIs: ";csv" after the stats URI asks for CSV, the URI alone for its page
        if (current != null) {
          current.fail("LR"); // answered by the proxy itself, as haproxy's stats page
        }
        String[] s = stats.get();
        boolean page = !uri.equals("/metrics") && !uri.contains(";csv");
        respond(ctx, OwnAnswers.of(after(ctx, OwnAnswers.message(new lbchaos.proxy.acl.Answer(
            200, "OK", List.of(Map.entry("content-type",
                page ? "text/html" : "text/plain; charset=utf-8")), uri.equals("/metrics") ? s[1]
                : page ? StatsHtml.render(s[0], "lbchaos proxy agent") : s[0])))), keepAlive);
        return;
      }
    }
    InetAddress addr = ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress() : InetAddress.getLoopbackAddress();
    logPool = defaultLogPool;
    if (routing == null) {
      decided(ctx, req, null, Routing.direct(fallback), keepAlive, ask, addr);
    } else {
      tracking = routing.tracking();
      lbchaos.proxy.acl.Request view = view(req, ctx.channel(),
          ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null).withVars(sessVars)
          .withTracking(tracking);
      asked = view;
      decided(ctx, req, view, routing.decide(view), keepAlive, ask, addr);
    }
  }

  /**
   * Carries out what the rules decided of {@code req} ({@code view}: what they were given, null
   * without rules): the proxy's own answer, or the route to a server, maybe once the body is in.
   */
  private void decided(ChannelHandlerContext ctx, HttpRequest req,
      lbchaos.proxy.acl.Request view, Routing.Decision decision, boolean keepAlive,
      Tunnel.Ask ask, InetAddress addr) {
    Routing.Route route;
    switch (decision) {
      case Routing.Answered a -> {
        if (current != null) {
          // haproxy: a deny is the proxy's refusal ("PR--"), a return or redirect its own
          // answer ("LR--"); logged against the section whose rule it was, no server.
          current.fail(a.answer().refusal() ? "PR" : "LR");
        }
        Routing.Route at = a.backend();
        logPool = at == null ? null : at.backend();
        if (at != null) {
          after = at.afterRules();
        }
        respond(ctx, a.answer(), at == null ? pages : at.pages(), keepAlive);
        return;
      }
      case Routing.BodyFirst b -> {
        // a 408 while it waits is logged against the backend it waits in, else the frontend
        if (b.route() == null) {
          logPool = null;
        } else {
          pages = b.route().pages();
          after = b.route().afterRules();
          if (b.route().backend() != null) {
            logPool = b.route().backend();
          }
        }
        // without rules (routing null) nothing is left to run but the route
        awaitBody(ctx, req, b.limit(), b.atLeast(), () -> decided(ctx, req, view,
            routing == null ? new Routing.Routed(b.route(), null) : routing.resume(b),
            keepAlive, ask, addr));
        return;
      }
      case Routing.Routed r -> {
        route = r.route();
        pages = route.pages();
        after = route.afterRules();
        if (route.backend() != null) {
          logPool = route.backend();
        }
        ruled = r.request() != null ? r.request() : view;
        if (ruled != null) {
          keepSessVars(ruled);
          asked = ruled;
        }
        if (r.request() != null && r.request() != view) {
          // set-header, set-path...: the request goes on as the rules left it
          req.headers().clear();
          r.request().headers().forEach(h -> req.headers().add(h.getKey(), h.getValue()));
          req.setUri(r.request().uri());
          if (!req.method().name().equals(r.request().method())) {
            req.setMethod(HttpMethod.valueOf(r.request().method()));
          }
        }
      }
    }
    AccessStamps stamps = current;
    Channel client = ctx.channel();
    Connector connector = route.connector();
    if (connector == null) {
      if (current != null) {
        current.fail("SC"); // no server to connect to: haproxy's <NOSRV> 503 "SC--"
      }
      respondError(ctx, 503, route.pages(), keepAlive);
      return;
    }
    HttpReuse reuse = route.reuse();
    route.forwardFor().headerFor(addr, req.headers()::contains)
        .ifPresent(h -> req.headers().add(h, addr.getHostAddress()));
    if (ask == Tunnel.Ask.UPGRADE || ask == Tunnel.Ask.WEBSOCKET) {
      req.headers().set(HttpHeaderNames.CONNECTION, "Upgrade"); // as haproxy writes it
    } else if (reuse.keepsAlive() && keepAlive) {
      req.headers().remove(HttpHeaderNames.CONNECTION);
      HttpUtil.setKeepAlive(req, true);
    } else {
      // As haproxy's h1 mux: a client's "Connection: close" goes to the server too, so a
      // connection per request leaves no idle connection behind.
      req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    boolean firstRequest = first;
    var loop = client.eventLoop();
    Routing.Route chosen = route;
    connector.connect(addr, loop, client::isActive,
        m -> takeIdle(connector, loop, m, reuse, firstRequest).map(server -> {
          if (stamps != null) {
            stamps.connected = stamps.picked; // a reused connection: Tc 0, as haproxy logs it
          }
          forward(ctx, chosen, server, m, true, req, keepAlive, ask);
          return true;
        }).orElse(false),
        (server, m) -> forward(ctx, chosen, server, m, false, req, keepAlive, ask),
        reason -> {
          body.drop();
          if (stamps != null) {
            stamps.fail(reason.startsWith("queue") ? "sQ" : "SC");
          }
          respondError(ctx, 503, chosen.pages(), keepAlive);
        }, stamps);
  }

  /**
   * An idle connection to {@code m} that this request may take: one of the backend's shared
   * ones, or with http-reuse never one of this session's own.
   */
  private Optional<Channel> takeIdle(Connector connector, EventLoop loop, Member m,
      HttpReuse reuse, boolean firstRequest) {
    if (reuse.shares()) {
      return connector.idle().take(loop, m, reuse, firstRequest);
    }
    return own == null ? Optional.empty() : own.take(m);
  }

  /**
   * Leaves {@code ch}, its exchange with {@code m} over, idle for later requests: the backend's
   * shared ones, or with http-reuse never this session's own while its client is connected.
   */
  private void keepIdle(Connector connector, HttpReuse reuse, Member m, Channel ch,
      boolean reused, Channel clientChannel) {
    if (reuse.shares()) {
      connector.idle().park(ch.eventLoop(), m, ch, reused);
    } else if (clientChannel.isActive()) {
      if (own == null) {
        own = new SessionConnections(maxOwn);
      }
      own.keep(m, ch);
    } else {
      ch.close(); // the session has ended: nothing would take or close it
    }
  }

  /**
   * Sends {@code req} to server {@code m} over {@code server}: a new connection, or an idle one
   * ({@code reused}) whose codecs are in place already.
   */
  private void forward(ChannelHandlerContext ctx, Routing.Route route, Channel server, Member m,
      boolean reused, HttpRequest req, boolean keepAlive, Tunnel.Ask ask) {
    BackendPool pool = route.connector().pool();
    ServerLeg leg;
    if (reused) {
      leg = ServerLeg.of(server);
    } else {
      route.serverTimeout().ifPresent(t -> server.pipeline().addLast(new IdleTimeout(t)));
      leg = new ServerLeg();
      server.pipeline().addLast(Codecs.client(), leg);
      server.config().setAutoRead(true);
    }
    leg.begin(new ResponseRelay(ctx, route, keepAlive, m, reused, leg, req, ask));
    server.write(req).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    body.to(server, pool.stats(m).bin);
    body.readMore(ctx);
  }

  /**
   * Passes one response back to the client as it comes, or the matching error status; tells the
   * pool what the answer said of the server ("observe layer7"). The head and the pieces of the
   * body one read from the server brought go on at the end of that read, as haproxy forwards
   * what it has parsed of a buffer: an answer that does not parse within its first read is still
   * haproxy's 502, and one that fails later, or that the server's FIN or "timeout server" cuts
   * short, ends with the client's connection closed on what was passed on ("SD", "sD"). The
   * body keeps the framing the server gave it (a length, chunks and their trailers); one that
   * runs to the server's close goes on with {@code Connection: close} and ends with the client's
   * connection too. While the client does not take what was written (above its high-water mark)
   * nothing more is read from the server: what an answer holds in the proxy stays bounded,
   * however long its body.
   */
  private final class ResponseRelay implements ServerLeg.Exchange {
    private final ChannelHandlerContext client;
    private final ServerLeg leg;
    private final Routing.Route route;
    /** The request as it went to the server: what http-response rules see of it. */
    private final HttpRequest req;
    /** The same as the request rules left it, with their variables (null without rules). */
    private final lbchaos.proxy.acl.Request ruled;
    private final Connector connector;
    private final HttpReuse reuse;
    private final boolean keepAlive;
    private final Member server;
    private final boolean reused;
    /** The request was a HEAD: the answer's Content-Length is the resource's, not its own. */
    private final boolean head;
    /** What the request asked of the connection: which answer opens a tunnel. */
    private final Tunnel.Ask ask;
    /** The final answer's head is in, or the exchange failed: nothing else is answered. */
    private boolean answered;
    private boolean released;
    /** An interim answer went on: its (empty) end is dropped. */
    private boolean interim;
    /** The answer that opens a tunnel, waiting for its end from the codec. */
    private FullHttpResponse opening;
    /** What this read brought of the answer, not yet written to the client. */
    private final List<HttpObject> pending = new java.util.ArrayList<>(4);
    /** Something of the answer was written to the client: a failure can no longer be a 502. */
    private boolean started;
    /** The answer's end was written, or it was cut short: what follows is dropped. */
    private boolean done;
    private int status;
    /** The client's connection stays open after the answer (as its head said). */
    private boolean keep;
    /** The server's connection is left idle once the answer is whole. */
    private boolean idle;

    ResponseRelay(ChannelHandlerContext client, Routing.Route route, boolean keepAlive,
        Member server, boolean reused, ServerLeg leg, HttpRequest req, Tunnel.Ask ask) {
      this.client = client;
      this.route = route;
      this.req = req;
      this.ruled = HttpSession.this.ruled;
      this.head = req.method().equals(HttpMethod.HEAD);
      this.ask = ask;
      this.leg = leg;
      this.connector = route.connector();
      this.reuse = route.reuse();
      this.keepAlive = keepAlive;
      this.server = server;
      this.reused = reused;
    }

    @Override
    public void read(ChannelHandlerContext ctx, Object msg) {
      if (done || (answered && opening == null && !(msg instanceof HttpContent))
          || (!answered && !(msg instanceof HttpObject))) {
        io.netty.util.ReferenceCountUtil.release(msg);
      } else if (opening != null) {
        io.netty.util.ReferenceCountUtil.release(msg); // the 101's or the CONNECT's empty end
        if (msg instanceof LastHttpContent) {
          FullHttpResponse resp = opening;
          opening = null;
          done = true;
          ctx.channel().closeFuture().addListener(f -> release());
          tunnel(client, ctx.channel(), resp, connector.pool(), server);
        }
      } else if (answered) {
        body(ctx, (HttpContent) msg);
      } else if (msg instanceof HttpResponse resp) {
        head(ctx, resp);
      } else {
        interim &= !(msg instanceof LastHttpContent); // an interim answer's end, or a stray
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }

    private void head(ChannelHandlerContext ctx, HttpResponse resp) {
      if (resp.decoderResult().isFailure() || otherCoding(resp)) {
        // Not HTTP, or in a transfer coding other than chunked alone: haproxy's 502, logged
        // as its refusal.
        io.netty.util.ReferenceCountUtil.release(resp);
        fail(ctx, 502, Traffic.HTTP_RSP, "PH");
        return;
      }
      int code = resp.status().code();
      if (Tunnel.opens(ask, resp)) {
        answered = true;
        if (current != null) {
          current.responded = System.nanoTime();
        }
        connector.pool().traffic(server, Traffic.ofStatus(code));
        opening = whole(resp);
        return;
      }
      if (code == 101) {
        // a switch the request did not ask for (or a WebSocket one without its accept key,
        // after which Netty's decoder would read a body to the close): 502 at once
        io.netty.util.ReferenceCountUtil.release(resp);
        fail(ctx, 502, Traffic.HTTP_RSP, "PH");
        return;
      }
      if (code >= 100 && code < 200) {
        // an interim answer (100 Continue, 103 Early Hints): on to the client, as haproxy
        // passes it; the final answer follows
        resp.headers().remove(HttpHeaderNames.CONNECTION);
        interim = true;
        client.writeAndFlush(whole(resp));
        return;
      }
      answered = true;
      status = code;
      streamed = code;
      if (resp.protocolVersion().majorVersion() != 1) {
        resp.setProtocolVersion(HttpVersion.HTTP_1_1); // as haproxy's h1 mux writes it
      }
      if (current != null) {
        current.responded = System.nanoTime();
      }
      connector.pool().traffic(server, Traffic.ofStatus(code));
      if (code / 100 == 4 && ruled != null) {
        ruled.tracking().httpError(); // haproxy counts a server's 4xx (http_wait_for_response)
      }
      boolean framed = bodiless(code) || HttpUtil.isContentLengthSet(resp)
          || HttpUtil.isTransferEncodingChunked(resp);
      // a body that runs to the server's close ends the client's connection too, as haproxy's
      idle = framed && reuse.keepsAlive() && keepAlive && HttpUtil.isKeepAlive(resp);
      keep = framed && keepAlive && !stopping;
      resp.headers().remove(HttpHeaderNames.CONNECTION);
      if (!route.responseRules().isEmpty() || !route.afterRules().isEmpty()) {
        java.util.Optional<lbchaos.proxy.acl.Answer> own = answerRules(resp);
        if (own.isPresent()) {
          io.netty.util.ReferenceCountUtil.release(resp);
          replaced(ctx, own.get());
          return;
        }
      }
      HttpUtil.setKeepAlive(resp, keep);
      if (current != null) {
        current.bytesOut = wireBytes(resp);
      }
      pending.add(resp);
      if (resp instanceof LastHttpContent) {
        end(ctx);
      }
    }

    /**
     * An http-response deny, return or redirect (haproxy's http_process_res_common, then
     * return_prx_err or return_prx_cond): the server's answer is dropped with its connection,
     * the rule's answer goes to the client, whose connection stays open if it asked so (2.6.12
     * and 3.0.11 served the next request on it), logged as the proxy's refusal of an answer
     * ("PH") or its own answer to it ("LH").
     */
    private void replaced(ChannelHandlerContext ctx, lbchaos.proxy.acl.Answer a) {
      ctx.close();
      done = true;
      streamed = 0;
      if (current != null) {
        current.fail(a.refusal() ? "PH" : "LH");
        current.responded = 0; // the server's answer is not the one logged: Tr -1, as haproxy's
      }
      respond(client, a, route.pages(), keepAlive);
    }

    /**
     * The http-response rules on the answer's head: its headers go on as they leave them; or a
     * deny's answer, to go instead.
     */
    private java.util.Optional<lbchaos.proxy.acl.Answer> answerRules(HttpResponse resp) {
      java.util.List<java.util.Map.Entry<String, String>> h = new java.util.ArrayList<>();
      resp.headers().iteratorAsString().forEachRemaining(h::add);
      var v = resp.protocolVersion();
      var answer = new lbchaos.proxy.acl.Response(resp.status().code(),
          resp.status().reasonPhrase(), v.majorVersion() + "." + v.minorVersion(), h);
      // without request rules, the request as response rules see it: no headers (answered)
      lbchaos.proxy.acl.Request asked = ruled != null ? ruled : view(req, java.util.List.of(),
          client.channel(), client.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null)
          .withVars(sessVars);
      var outcome = route.answer(asked.answered(answer));
      if (outcome.answer().isPresent()) {
        keepSessVars(outcome.request());
        return outcome.answer(); // its own answer then gets the after rules (respond)
      }
      lbchaos.proxy.acl.Request out = Routing.Route.after(route.afterRules(), outcome.request());
      keepSessVars(out);
      lbchaos.proxy.acl.Response after = out.response().orElseThrow();
      if (!after.headers().equals(h)) {
        resp.headers().clear();
        after.headers().forEach(e -> resp.headers().add(e.getKey(), e.getValue()));
      }
      if (after.status() != answer.status() || !after.reason().equals(answer.reason())) {
        // set-status: the client gets, and the log says, the new status line
        resp.setStatus(new HttpResponseStatus(after.status(), after.reason()));
        status = after.status();
        streamed = after.status();
      }
      return java.util.Optional.empty();
    }

    private void body(ChannelHandlerContext ctx, HttpContent piece) {
      if (piece.decoderResult().isFailure()) {
        // a chunk that does not parse: haproxy's 502 if nothing went on yet, else the cut
        piece.release();
        if (started) {
          cut(ctx, "SD");
        } else {
          discardPending();
          answered = false;
          fail(ctx, 502, Traffic.HTTP_RSP, "PH");
        }
        return;
      }
      if (current != null) {
        current.bytesOut += piece.content().readableBytes();
      }
      pending.add(piece);
      if (piece instanceof LastHttpContent) {
        end(ctx);
      }
    }

    @Override
    public void readComplete(ChannelHandlerContext ctx) {
      if (done || pending.isEmpty()) {
        return;
      }
      if (!client.channel().isActive()) {
        // the client has gone: the rest of the answer is of no use (its log says "CD")
        done = true;
        discardPending();
        ctx.close();
        return;
      }
      started = true;
      ChannelFuture written = flushPending();
      if (!client.channel().isWritable()) {
        // the client lags: read on from the server once this is written
        Channel s = ctx.channel();
        s.config().setAutoRead(false);
        written.addListener(f -> {
          if (!done) {
            s.config().setAutoRead(true);
          }
        });
      }
    }

    private void discardPending() {
      pending.forEach(io.netty.util.ReferenceCountUtil::release);
      pending.clear();
    }

    /** The final answer's head went on and its end has not: a failure now cuts it short. */
    private boolean streaming() {
      return answered && !done && opening == null;
    }

    /** Writes what is pending to the client, flushed; the last write's future. */
    private ChannelFuture flushPending() {
      ChannelFuture last = null;
      for (HttpObject m : pending) {
        last = client.write(m);
      }
      pending.clear();
      client.flush();
      return last;
    }

    /** The answer's end is in: it goes on, and the server's connection waits idle or closes. */
    private void end(ChannelHandlerContext ctx) {
      done = true;
      answerWritten(client, flushPending(), keep, status);
      Channel s = ctx.channel();
      s.config().setAutoRead(true);
      if (idle && !body.open()) {
        // The exchange is over: the server's slot is free, its connection waits for the next.
        leg.end();
        release();
        keepIdle(connector, reuse, server, s, reused, client.channel());
      } else {
        body.drop(); // the server answered before the request's body was all in: it goes
        ctx.close();
      }
    }

    /**
     * The answer was cut short after its head went on: what came goes on, then the client's
     * connection closes (haproxy's "SD" or "sD"); the server's closes at once.
     */
    private void cut(ChannelHandlerContext ctx, String termination) {
      done = true;
      ctx.close();
      connector.pool().traffic(server, Traffic.HTTP_BROKEN_PIPE);
      if (current != null) {
        current.fail(termination);
      }
      ChannelFuture written = pending.isEmpty() ? client.newSucceededFuture() : flushPending();
      answerWritten(client, written, false, status);
    }

    /**
     * An answer that has no body whatever its headers say (RFC 9110 6.4.1): its Content-Length,
     * or none, goes on as the server sent it, as haproxy passes it.
     */
    private boolean bodiless(int code) {
      return head || code < 200 || code == 204 || code == 304;
    }

    /** The server's slot (maxconn, leastconn, queue) is free once, whichever way it ended. */
    private void release() {
      if (!released) {
        released = true;
        connector.pool().release(server);
      }
    }

    @Override
    public void timedOut(ChannelHandlerContext ctx) {
      if (streaming()) {
        cut(ctx, "sD");
      } else {
        fail(ctx, 504, Traffic.HTTP_READ_TIMEOUT, "sH");
      }
    }

    @Override
    public void closed(ChannelHandlerContext ctx) {
      release();
      if (streaming()) {
        cut(ctx, "SD");
      } else {
        fail(ctx, 502, Traffic.HTTP_BROKEN_PIPE, "SH");
      }
    }

    @Override
    public void failed(ChannelHandlerContext ctx, Throwable cause) {
      if (streaming()) {
        cut(ctx, "SD");
      } else {
        fail(ctx, 502, Traffic.HTTP_RSP, "SH");
      }
    }

    /**
     * The exchange ends without the server's answer: haproxy's own answer {@code status}, logged
     * with {@code termination}; the connection to the server is closed.
     */
    private void fail(ChannelHandlerContext ctx, int status, Traffic what, String termination) {
      ctx.close();
      if (!answered) {
        answered = true;
        done = true;
        if (current != null) {
          current.fail(termination);
        }
        connector.pool().traffic(server, what);
        if (reused && termination.equals("SH") && status == 502) {
          // An idle connection the server closed as the request went out: as haproxy, close
          // the client's connection without an answer, which a client retries on a new one
          // (why "safe" never sends a first request this way).
          client.close();
          return;
        }
        // As haproxy (side by side): the client's connection stays open, if it asked so, after
        // a 504 or a 502 to an invalid answer; after the server's abort ("SH") it closes.
        respondError(client, status, route.pages(), keepAlive && !termination.equals("SH"));
      }
    }
  }

  /** A head without a body as one whole message (an interim answer, one that opens a tunnel). */
  private static FullHttpResponse whole(HttpResponse head) {
    var r = new DefaultFullHttpResponse(head.protocolVersion(), head.status(),
        Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE);
    r.setDecoderResult(head.decoderResult());
    return r;
  }

  /**
   * The answer is in a transfer coding other than chunked alone ("gzip, chunked", say), which
   * haproxy's h1 parser refuses: nothing but chunks frames an HTTP/1.1 body in transit.
   */
  private static boolean otherCoding(HttpResponse resp) {
    for (String v : resp.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
      for (String coding : v.split(",")) {
        if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("chunked")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The server's answer opened a tunnel: it goes to the client as the server wrote it, then both
   * legs relay bytes ({@link Tunnel}); the session is logged with the answer's status once the
   * client's connection has closed. What the codec made of bytes the client sent behind its
   * request before the answer is dropped (a client waits for the answer, RFC 6455 4.1).
   */
  private void tunnel(ChannelHandlerContext ctx, Channel server, FullHttpResponse resp,
      BackendPool pool, Member m) {
    cancelRequestTimer();
    if (own != null) {
      own.closeAll();
    }
    int status = resp.status().code();
    Tracking tunnelled = tracking; // a tunnel is the request's stream until it closes
    tracking = Tracking.NONE;
    ctx.channel().closeFuture().addListener(f -> tunnelled.end());
    AccessStamps stamps = current;
    if (stamps != null) {
      stamps.bytesOut = wireBytes(resp);
      ctx.channel().closeFuture().addListener(f -> logged(ctx, status));
    }
    ctx.writeAndFlush(resp);
    List<Object> early = held.drain();
    decoded.release();
    var t = pool.config().timeouts();
    Tunnel.open(ctx.channel(), List.of(held.ctx().handler(), decoded.ctx().handler(),
        this,
        ctx.pipeline().get(io.netty.handler.codec.http.HttpServerCodec.class)), server,
        List.of(ServerLeg.of(server),
            server.pipeline().get(io.netty.handler.codec.http.HttpClientCodec.class)),
        early, clientFin, pool.stats(m), stamps, t.tunnel(),
        FinTimeouts.of(clientFinTimeout, t));
  }

  /**
   * What the rules see of {@code req}: its line, headers in order, the connection's two ends,
   * and whether it came over TLS (ssl_fc: the bind terminates TLS, see Termination).
   */
  private static lbchaos.proxy.acl.Request view(HttpRequest req, Channel client, boolean tls) {
    java.util.List<java.util.Map.Entry<String, String>> h = new java.util.ArrayList<>();
    req.headers().iteratorAsString().forEachRemaining(h::add);
    return view(req, h, client, tls);
  }

  /** The request as rules see it, with {@code h} for its headers. */
  private static lbchaos.proxy.acl.Request view(HttpRequest req,
      java.util.List<java.util.Map.Entry<String, String>> h, Channel client, boolean tls) {
    var v = req.protocolVersion();
    return new lbchaos.proxy.acl.Request(req.method().name(), req.uri(),
        v.majorVersion() + "." + v.minorVersion(), h, end(client.remoteAddress()),
        end(client.localAddress()), tls);
  }

  /** A channel's address as a socket address (an embedded channel's: loopback, port 0). */
  private static InetSocketAddress end(java.net.SocketAddress a) {
    return a instanceof InetSocketAddress s ? s
        : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** A rule's answer; its page as the errorfile of {@code pages} for its status has it. */
  private void respond(ChannelHandlerContext ctx, lbchaos.proxy.acl.Answer a, ErrorPages pages,
      boolean keepAlive) {
    if (a.page()) {
      respondError(ctx, a.status(), pages, keepAlive);
    } else {
      respond(ctx, OwnAnswers.of(after(ctx, OwnAnswers.message(a))), keepAlive);
    }
  }

  /** haproxy's answer for {@code status} where {@code pages} apply, logged as that status. */
  private void respondError(ChannelHandlerContext ctx, int status, ErrorPages pages,
      boolean keepAlive) {
    ErrorMessage page = OwnAnswers.message(status, pages);
    ErrorMessage m = after(ctx, page);
    if (m.silent()) {
      // an empty errorfile: nothing is written, the connection closes
      body.drop();
      if (current != null) {
        current.bytesOut = 0;
      }
      answerWritten(ctx, ctx.newSucceededFuture(), false, status);
      return;
    }
    // the log says the slot's status, or the one a set-status gave
    respond(ctx, OwnAnswers.of(m), keepAlive, m.status() != page.status() ? m.status() : status);
  }

  /**
   * An answer of the proxy's own as the http-after-response rules of where the request is
   * leave it (haproxy 2.6 http_forward_proxy_resp): its headers and status line; the same
   * message when there are none, or no request.
   */
  private ErrorMessage after(ChannelHandlerContext ctx, ErrorMessage m) {
    if (after.isEmpty() || m.silent() || asking == null) {
      return m;
    }
    lbchaos.proxy.acl.Request base = asked != null ? asked : view(asking, List.of(),
        ctx.channel(), ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null)
        .withVars(sessVars);
    var head = new lbchaos.proxy.acl.Response(m.status(), m.reason(),
        m.version().substring("HTTP/".length()), m.headers());
    lbchaos.proxy.acl.Request out = Routing.Route.after(after, base.answered(head));
    keepSessVars(out);
    lbchaos.proxy.acl.Response edited = out.response().orElseThrow();
    return edited.equals(head) ? m : new ErrorMessage(m.version(), edited.status(),
        edited.reason(), edited.headers(), m.body(), m.framed(), m.close());
  }

  private void respond(ChannelHandlerContext ctx, FullHttpResponse resp, boolean keepAlive) {
    respond(ctx, resp, keepAlive, resp.status().code());
  }

  /**
   * Writes the response; then reads the next request (keep-alive) or closes; the log says
   * {@code status} (an errorfile's own may differ). Once stopping, the response says {@code
   * Connection: close} whatever the client asked; nor does the connection stay open after an
   * answer of unknown length or one that says close (an errorfile's).
   */
  private void respond(ChannelHandlerContext ctx, FullHttpResponse resp, boolean keepAlive,
      int status) {
    body.drop(); // no server takes the rest of the request's body
    boolean keep = keepAlive && !stopping && framed(resp)
        && !resp.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
    HttpUtil.setKeepAlive(resp, keep);
    if (current != null) {
      current.bytesOut = wireBytes(resp);
    }
    answerWritten(ctx, ctx.writeAndFlush(resp), keep, status);
  }

  /** The answer's end is known from its head: a length, or a status without a body. */
  private static boolean framed(HttpResponse r) {
    int code = r.status().code();
    return r.headers().contains(HttpHeaderNames.CONTENT_LENGTH) || code == 204 || code == 304
        || code < 200;
  }

  /**
   * Once an answer's last write is done ({@code written}): logs it, then reads the next request
   * ({@code keep}: the answer said the connection stays open) or closes.
   */
  private void answerWritten(ChannelHandlerContext ctx, ChannelFuture written, boolean keep,
      int status) {
    written.addListener((ChannelFutureListener) f -> {
      untrack();
      streamed = 0;
      if (!f.isSuccess() && current != null) {
        current.fail("CD");
      }
      if (logger != null) {
        logged(ctx, status);
      }
      // a soft stop that arrived while the answer was being written closes it as idle
      inFlight = false;
      if (keep && f.isSuccess() && !stopping && !clientFin) {
        if (body.open()) {
          // answered before the request's body was all in: the rest is read and dropped first
          body.drop();
          nextAfterBody = true;
          body.readMore(ctx);
        } else {
          nextRequest(ctx);
        }
      } else {
        ctx.close();
      }
    });
  }

  /** The answer is written and the request's body all in: on to the next request. */
  private void nextRequest(ChannelHandlerContext ctx) {
    busy = false;
    first = false;
    awaitRequest(ctx);
    replayDecoded();
    replayHeld();
    ctx.read();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (waiting) {
        requestTimedOut(ctx);
      } else if (body.buffering()) {
        bodyTimedOut(ctx); // "timeout client" while the body was awaited: 408 too
      } else {
        ctx.close();
      }
    } else if (evt instanceof ChannelInputShutdownEvent) {
      // As haproxy's h1 mux: a client's FIN between requests closes its connection at once,
      // not at "timeout client"; one that comes while a request is answered closes it after
      // the answer. One that ends a request before its head is whole (the codec has said
      // nothing of it), or a first connection that sent nothing, gets a 400 first (but for
      // http-ignore-probes).
      clientFin = true;
      if (refused) {
        // after the error answer, once it is written (a 408 left the connection open)
        underCodec(ctx).writeAndFlush(Unpooled.EMPTY_BUFFER)
            .addListener(ChannelFutureListener.CLOSE);
      } else if (waiting && (busy || (first && !ignoreProbes))) {
        badRequest(ctx, "CR");
      } else if (!busy) {
        ctx.close();
      } else if (body.open()) {
        // the FIN cut the request's body short: it can never be whole ("CD")
        if (current != null) {
          current.fail("CD");
        }
        body.abort();
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
    if (cause instanceof RuntimeException && !(cause instanceof CodecException)
        || cause instanceof Error) {
      // the agent's own code failed on this request (a bug, not the network): said on stderr,
      // and answered haproxy's internal error when nothing of an answer went out yet, rather
      // than a connection closed without a word
      System.err.println("proxy: internal error on a request from " + client(ctx.channel())
          + ": " + cause);
      cause.printStackTrace();
      untrack();
      if (busy && streamed == 0) {
        ErrorMessage internal = OwnAnswers.message(500, pages);
        try {
          internal = after(ctx, internal);
        } catch (RuntimeException again) {
          // haproxy's "const" reply: an internal error in its own answer's rules is not ruled
        }
        refuse(ctx, OwnAnswers.raw(internal), 500, "PI");
        return;
      }
    }
    ctx.close();
  }
}
