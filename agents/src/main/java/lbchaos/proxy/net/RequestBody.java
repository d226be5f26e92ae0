package lbchaos.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of the request an HTTP session is forwarding, passed on to the server as it comes
 * from the client, as haproxy streams it. Pieces read before the server's connection is there
 * wait here, at most {@link #WAIT_MAX} bytes of them (the client is not read beyond that), and
 * go on in order once it is; while the server's connection is above its high-water mark the
 * client is not read either, so what a request holds in the proxy stays bounded however long its
 * body. A request the proxy answers itself, or whose server has answered and gone, has the rest
 * of its body read and dropped. Event-loop state, one per session, begun again for each request.
 */
final class RequestBody {

  /** What may wait for the server's connection: a few reads' worth. */
  static final int WAIT_MAX = 64 * 1024;

  private final ArrayDeque<HttpContent> waiting = new ArrayDeque<>(2);
  private int waitingBytes;
  /** The server's connection once it is there; null before. */
  private Channel server;
  /** The server's bytes-in counter (haproxy's bin). */
  private AtomicLong bin;
  /** The last write to the server, while the server's connection is above its high-water mark. */
  private ChannelFuture lagging;
  /** A listener waits on {@link #lagging} to read on. */
  private boolean resuming;
  /** Pieces are still to come from the client. */
  private boolean open;
  /** What comes is dropped. */
  private boolean dropping;
  /** Runs once the body is whole or {@link #room} bytes of it wait ("http-buffer-request"). */
  private Runnable buffered;
  private int room;

  /**
   * How much of {@code req}'s body haproxy 2.6 holds before it goes on without the rest: its
   * buffer (tune.bufsize 16384 less tune.maxrewrite 1024) less the head and about 100 bytes of
   * its own (the HTX blocks). Measured side by side (2.6.12, a body sent slowly in pieces of
   * 500 to 4096 bytes): the server's first read held 15,204 body bytes after a 53-byte head and
   * 15,000 after a 262-byte one; this says 15,207 and 14,998.
   */
  static int room(HttpRequest req) {
    int head = req.method().name().length() + 1 + req.uri().length() + 1
        + req.protocolVersion().text().length() + 2 + Codecs.headerBytes(req.headers());
    return Codecs.HEAD_MAX - head - 100;
  }

  /** A request's head is in: its body (at least its end, maybe empty) follows. */
  void begin() {
    drop(); // nothing waits from an earlier request; for certain
    open = true;
    dropping = false;
    bin = null;
    lagging = null;
  }

  /** Pieces of the body are still to come. */
  boolean open() {
    return open;
  }

  /**
   * Runs {@code then} once the body is all in or {@code room} bytes of it wait for the server,
   * at once if that is so already (and then true); until then nothing goes to a server. Reads go
   * on meanwhile ({@link #readMore}). Forgotten when the body is dropped.
   */
  boolean whenBuffered(int room, Runnable then) {
    if (!open || waitingBytes >= room) {
      then.run();
      return true;
    }
    this.room = room;
    this.buffered = then;
    return false;
  }

  /** A {@link #whenBuffered} wait is on. */
  boolean buffering() {
    return buffered != null;
  }

  /** What waits is released and what comes is dropped. */
  void drop() {
    buffered = null;
    dropping = true;
    server = null;
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
    waitingBytes = 0;
  }

  /**
   * Dropped, and the server's connection closed if it has part of the request: only while the
   * body is open, since a connection whose request was whole may be idle in a pool by now, or
   * another session's.
   */
  void abort() {
    if (open && server != null) {
      server.close();
    }
    drop();
    open = false;
  }

  /** The request's head went to {@code ch}: what waited follows it, and what comes goes there. */
  void to(Channel ch, AtomicLong bin) {
    if (dropping) {
      return;
    }
    this.server = ch;
    this.bin = bin;
    for (HttpContent c; (c = waiting.poll()) != null; ) {
      bin.addAndGet(c.content().readableBytes());
      ch.write(c, ch.voidPromise());
    }
    waitingBytes = 0;
    ch.flush();
    if (!open) {
      server = null; // the request is whole: the connection is the answer's now
    }
  }

  /** A piece from the client, passed on, kept or dropped; true when it was the last. */
  boolean piece(HttpContent c) {
    if (c instanceof LastHttpContent) {
      open = false;
    }
    if (dropping) {
      c.release();
    } else if (server != null) {
      bin.addAndGet(c.content().readableBytes());
      ChannelFuture f = server.writeAndFlush(c);
      lagging = server.isWritable() ? null : f;
      if (!open) {
        server = null; // the request is whole: the connection is the answer's now
      }
    } else {
      waiting.add(c);
      waitingBytes += c.content().readableBytes();
      if (buffered != null && (!open || waitingBytes >= room)) {
        Runnable then = buffered;
        buffered = null;
        then.run();
      }
    }
    return !open;
  }

  /** Asks the client for more of the body when it may be taken now, else once it may. */
  void readMore(ChannelHandlerContext client) {
    if (!open) {
      return;
    }
    if (dropping || (server == null && waitingBytes < WAIT_MAX)
        || (server != null && lagging == null)) {
      client.read();
    } else if (lagging != null && !resuming) {
      resuming = true;
      lagging.addListener((ChannelFutureListener) f -> {
        resuming = false;
        lagging = null;
        readMore(client);
      });
    }
  }
}
