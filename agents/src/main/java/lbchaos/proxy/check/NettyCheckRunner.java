package lbchaos.proxy.check;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import lbchaos.proxy.config.CheckTiming;
import lbchaos.proxy.config.HealthCheck;
import lbchaos.proxy.tls.Origination;

/**
 * The I/O of one health check on Netty: TCP connect, then nothing (connect check), an HTTP
 * request and status line, or tcp-check send/expect steps. Timeouts as {@link CheckTiming}
 * describes: connect within connectTimeout, then the response within "timeout check", or the
 * whole check within inter when "timeout check" is not set.
 */
public final class NettyCheckRunner {

  private final Function<InetAddress, ChannelFactory<? extends SocketChannel>> channels;
  private final Consumer<Bootstrap> connectOnly;

  /**
   * @param connectOnly options for the socket of a connect-only check (which sends nothing and
   *     closes as soon as it is connected; the proxy's are {@code Transport#connectOnly})
   */
  public NettyCheckRunner(Function<InetAddress, ChannelFactory<? extends SocketChannel>> channels,
      Consumer<Bootstrap> connectOnly) {
    this.channels = channels;
    this.connectOnly = connectOnly;
  }

  public CompletableFuture<CheckResult> run(EventLoop loop, InetSocketAddress address,
      HealthCheck check, CheckTiming timing) {
    return run(loop, address, check, timing, Optional.empty());
  }

  /**
   * As above; with {@code tls} the check runs over TLS ("check-ssl", or a server with "ssl"):
   * the handshake comes first, a connect check passes once it succeeded (L6OK), and a failed
   * or unfinished handshake is a Layer6 failure (L6RSP, L6TOUT), as haproxy reports them.
   */
  public CompletableFuture<CheckResult> run(EventLoop loop, InetSocketAddress address,
      HealthCheck check, CheckTiming timing, Optional<Origination> tls) {
    CompletableFuture<CheckResult> done = new CompletableFuture<>();
    long start = System.nanoTime();
    Exchange ex = new Exchange(check, done, start);
    Bootstrap b = new Bootstrap().group(loop).channelFactory(channels.apply(address.getAddress()))
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timing.connectTimeout().toMillis())
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true);
    if (tls.isEmpty()) {
      b.handler(ex);
    } else {
      b.handler(new io.netty.channel.ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
          ch.pipeline().addLast(tls.get().handler(ch.alloc(), address.getPort()),
              new TlsGate(ex), ex);
        }
      });
    }
    if (check instanceof HealthCheck.TcpConnect && tls.isEmpty()) {
      connectOnly.accept(b);
    }
    // whole-check bound: inter without "timeout check", the later of the two timeouts with it
    Duration bound = timing.maxCheckDuration();
    var timer = loop.schedule(() -> ex.finish(ex.connected
        ? (check instanceof HealthCheck.TcpConnect ? CheckStatus.L4TOUT : CheckStatus.L7TOUT)
        : ex.handshaking ? CheckStatus.L6TOUT : CheckStatus.L4TOUT, Optional.empty(), ""),
        bound.toNanos(), TimeUnit.NANOSECONDS);
    done.whenComplete((r, e) -> timer.cancel(false));
    b.connect(address).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        ex.finish(f.cause() instanceof ConnectTimeoutException ? CheckStatus.L4TOUT
            : CheckStatus.L4CON, Optional.empty(), SocketErrors.text(f.cause()));
      }
    });
    return done;
  }

  /**
   * Between the TLS handler and the {@link Exchange}: holds the Exchange's start until the
   * handshake succeeded; a connect check then passes (L6OK), a failed handshake fails (L6RSP).
   */
  private static final class TlsGate extends ChannelInboundHandlerAdapter {
    private final Exchange ex;

    TlsGate(Exchange ex) {
      this.ex = ex;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ex.handshaking = true;
      ex.channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent e) {
        ex.handshaking = false;
        if (!e.isSuccess()) {
          // haproxy's words for a handshake that failed, a certificate not verified among
          // them (conn_err_code_str), whichever TLS library's exception says it
          ex.finish(CheckStatus.L6RSP, Optional.empty(),
              e.cause() instanceof javax.net.ssl.SSLException ? "SSL handshake failure"
                  : SocketErrors.text(e.cause()));
        } else if (ex.check instanceof HealthCheck.TcpConnect) {
          ex.connected = true;
          ex.finish(CheckStatus.L6OK, Optional.empty(), "");
        } else {
          ctx.fireChannelActive();
          ctx.pipeline().remove(this);
        }
        return;
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ex.handshaking) {
        ex.finish(CheckStatus.L6RSP, Optional.empty(), "closed during the TLS handshake");
      } else {
        ctx.fireChannelInactive();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (ex.handshaking) {
        ex.finish(CheckStatus.L6RSP, Optional.empty(), SocketErrors.text(cause));
      } else {
        ctx.fireExceptionCaught(cause);
      }
    }
  }

  /** One check's conversation. Runs on one event loop. */
  private static final class Exchange extends ChannelInboundHandlerAdapter {
    final HealthCheck check;
    final CompletableFuture<CheckResult> done;
    final long start;
    final Deque<HealthCheck.TcpStep> steps = new ArrayDeque<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean connected;
    /** Over TLS: connected, the handshake not done yet. */
    boolean handshaking;
    Channel channel;

    Exchange(HealthCheck check, CompletableFuture<CheckResult> done, long start) {
      this.check = check;
      this.done = done;
      this.start = start;
      if (check instanceof HealthCheck.TcpCheck tc) {
        steps.addAll(tc.steps());
      }
    }

    @Override
    public boolean isSharable() {
      return true; // one Exchange per check, added to that check's single channel
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      connected = true;
      channel = ctx.channel();
      if (done.isDone()) {
        ctx.close(); // the whole-check timer fired while connecting
        return;
      }
      switch (check) {
        case HealthCheck.TcpConnect c -> finish(CheckStatus.L4OK, Optional.empty(), "");
        case HealthCheck.HttpCheck h -> ctx.writeAndFlush(Unpooled.copiedBuffer(h.method() + " "
            + h.uri() + " " + h.version() + "\r\nConnection: close\r\n\r\n", StandardCharsets.US_ASCII));
        case HealthCheck.TcpCheck t -> advance(ctx);
      }
    }

    private void advance(ChannelHandlerContext ctx) {
      while (!steps.isEmpty()) {
        HealthCheck.TcpStep s = steps.peek();
        switch (s) {
          case HealthCheck.Connect c -> steps.poll(); // the connection is opened before the rules
          case HealthCheck.Send send -> {
            steps.poll();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(send.data()));
          }
          case HealthCheck.Expect e -> {
            boolean found = indexOf(received.toByteArray(), e.pattern()) >= 0;
            if (found == e.negate()) {
              return; // wait for more data (or timeout / close)
            }
            steps.poll();
            received.reset();
          }
        }
      }
      finish(CheckStatus.L7OK, Optional.empty(), "");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        received.writeBytes(b);
      } finally {
        buf.release();
      }
      if (check instanceof HealthCheck.HttpCheck h) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        if (eol >= 0 && (!h.needsBody() || bodyComplete(text))) {
          httpStatus(h, text);
        }
      } else if (check instanceof HealthCheck.TcpCheck) {
        if (!steps.isEmpty() && steps.peek() instanceof HealthCheck.Expect e && e.negate()) {
          // a negated expect passes once data arrived without the pattern
          if (indexOf(received.toByteArray(), e.pattern()) >= 0) {
            finish(CheckStatus.L7RSP, Optional.empty(), "TCPCHK matched unwanted content");
            return;
          }
          steps.poll();
          received.reset();
        }
        advance(ctx);
      }
    }

    /**
     * The whole answer is here by its Content-Length; without one the body ends when the server
     * closes (the check asks for "Connection: close"), see {@link #channelInactive}.
     */
    private static boolean bodyComplete(String text) {
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      var m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$")
          .matcher(text.substring(0, end));
      return m.find() && text.length() - end - 4 >= Long.parseLong(m.group(1));
    }

    private void httpStatus(HealthCheck.HttpCheck h, String text) {
      int eol = text.indexOf("\r\n");
      String line = eol < 0 ? text : text.substring(0, eol);
      int headersEnd = text.indexOf("\r\n\r\n");
      String body = headersEnd < 0 ? "" : text.substring(headersEnd + 4);
      String[] parts = line.split(" ", 3);
      int code;
      try {
        code = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
      } catch (NumberFormatException e) {
        code = -1;
      }
      if (code < 100 || code > 599) {
        finish(CheckStatus.L7RSP, Optional.empty(), "Invalid HTTP status line");
        return;
      }
      String reason = parts.length == 3 ? parts[2] : "";
      Optional<lbchaos.proxy.config.HttpExpect> failed = h.failed(code, body);
      if (failed.isEmpty()) {
        finish(CheckStatus.L7OK, Optional.of(code), reason);
      } else if (failed.get().match().onBody()) {
        finish(CheckStatus.L7RSP, Optional.of(code), failed.get().negate()
            ? "HTTP check matched unwanted content" : "HTTP content check did not match");
      } else {
        finish(CheckStatus.L7STS, Optional.of(code), reason);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      String text = received.toString(StandardCharsets.ISO_8859_1);
      if (!done.isDone() && check instanceof HealthCheck.HttpCheck h
          && text.contains("\r\n\r\n")) {
        httpStatus(h, text); // a body that ends with the connection
      }
      if (!done.isDone()) {
        finish(CheckStatus.L7RSP, Optional.empty(), check instanceof HealthCheck.TcpCheck
            ? "TCPCHK did not match content" : "Connection closed before a response");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      finish(connected ? CheckStatus.SOCKERR : CheckStatus.L4CON, Optional.empty(),
          SocketErrors.text(cause));
    }

    void finish(CheckStatus status, Optional<Integer> code, String info) {
      if (done.isDone()) {
        return;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      done.complete(new CheckResult(status, took, code, info));
      if (channel != null) {
        channel.close();
      }
    }

    static int indexOf(byte[] hay, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= hay.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
