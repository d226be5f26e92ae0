package lbchaos.proxy.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies bytes from its channel to the peer, reading the next chunk while the peer is below its
 * write high-water mark, else only once the previous chunk was written (backpressure; channels
 * run with AUTO_READ off). A FIN is passed on as a half-close of the peer's output once pending
 * data is flushed; when both directions are shut, both channels close. Idle timeouts and errors
 * close both sides.
 */
final class Relay extends ChannelInboundHandlerAdapter {

  private final Channel peer;
  private final AtomicInteger shutDirections;
  private final AtomicLong bytes;

  /**
   * @param shutDirections shared by the two relays of one session
   * @param bytes counter of the bytes this relay copies
   */
  Relay(Channel peer, AtomicInteger shutDirections, AtomicLong bytes) {
    this(peer, shutDirections, bytes, null, 'c');
  }

  private final AccessStamps stamps;
  private final char side;
  /** "timeout client-fin"/"server-fin" of this relay's side once its input has shut; or none. */
  private Optional<Duration> ownFin = Optional.empty();
  /** That of the peer's side, once this relay has shut the peer's output; or none. */
  private Optional<Duration> peerFin = Optional.empty();

  /**
   * The half-closed timeouts ({@link FinTimeouts} says which apply): once the peer's output
   * is shut (this side's FIN passed on), the peer's side idles out at {@code peerFin}; once this
   * side's own FIN is in, this side at {@code ownFin}.
   */
  Relay fins(Optional<Duration> ownFin, Optional<Duration> peerFin) {
    this.ownFin = ownFin;
    this.peerFin = peerFin;
    return this;
  }

  /**
   * @param stamps the session's access log moments (null: not logged): the server side's relay
   *     counts the bytes sent to the client, and the first timeout or error of either side is
   *     its termination state ("cD", "sD", "CD", "SD")
   * @param side 'c' for the relay reading the client, 's' for the one reading the server
   */
  Relay(Channel peer, AtomicInteger shutDirections, AtomicLong bytes, AccessStamps stamps,
      char side) {
    this.stamps = stamps;
    this.side = side;
    this.peer = peer;
    this.shutDirections = shutDirections;
    this.bytes = bytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      bytes.addAndGet(buf.readableBytes());
      if (stamps != null && side == 's') {
        stamps.bytesOut += buf.readableBytes();
      }
    }
    Channel self = ctx.channel();
    // No promise of its own: a failed write reaches the peer's pipeline as an exception, where
    // the relay of the other direction closes both sides.
    peer.writeAndFlush(msg, peer.voidPromise());
    // Below the peer's high-water mark, read on while the chunk is in flight: on io_uring the
    // write completes one loop round later, and a FIN queued behind the data is then seen (and
    // passed on) a round sooner, before a client that has its whole answer closes first. Above
    // the mark, wait for the write: what a session buffers stays bounded by the mark.
    if (peer.isWritable()) {
      readMore(self);
    } else {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) {
          readMore(self);
        }
      });
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      // After the rest of this loop iteration's I/O: a client that closes as soon as it has the
      // answer often sends its FIN in the same batch as the server's, and then both sides close
      // without a half-close in between (one shutdown call fewer, as haproxy does).
      Channel self = ctx.channel();
      ownFin.ifPresent(t -> finTimeout(self, t));
      self.eventLoop().execute(() -> propagateFin(self, peer, shutDirections, peerFin));
    } else if (evt instanceof IdleStateEvent) {
      if (stamps != null) {
        stamps.fail((side == 's' && clientDueToo() ? 'c' : side) + "D");
      }
      ctx.close();
      closeOnFlush(peer);
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  /**
   * haproxy's clock ticks in milliseconds, and of two sides that time out in the same tick it
   * names the client's (stream.c looks at the request channel first): an idle session whose
   * server answered last, each side's timer last set by that answer, is "cD" in its log (2.6.12,
   * side by side), where the server's timer here runs out a few microseconds sooner.
   */
  private boolean clientDueToo() {
    IdleTimeout client = peer.pipeline().get(IdleTimeout.class);
    return client != null && client.dueWithin(TICK_NANOS);
  }

  private static final long TICK_NANOS = 1_000_000;

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeOnFlush(peer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A chunk the other direction wrote here after this side had closed fails with a
    // ClosedChannelException: that says nothing of how the session ended.
    if (stamps != null && !(cause instanceof ClosedChannelException)) {
      stamps.fail(Character.toUpperCase(side) + "D");
    }
    ctx.close();
    closeOnFlush(peer);
  }

  /** Asks for the next chunk unless the input is already shut (nothing more will come). */
  static void readMore(Channel ch) {
    if (!(ch instanceof DuplexChannel d && d.isInputShutdown()) && ch.isActive()) {
      ch.read();
    }
  }

  /**
   * Passes a FIN on: half-closes the peer's output once what was queued before is written,
   * unless the peer's input is at EOF too; then the peer's own FIN, on its way here, closes both.
   */
  static void propagateFin(Channel self, Channel peer, AtomicInteger shutDirections,
      Optional<Duration> peerFin) {
    peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
      if (shutDirections.incrementAndGet() == 2) {
        // The other direction ended first and already shut self's output; what was queued for
        // peer is written (this listener runs after it). Both inputs are at EOF, so a close sends
        // the FIN a half-close would, without Netty's shutdownOutput building an exception with
        // a stack trace for every session (the profile's top exception).
        peer.close();
        self.close();
        return;
      }
      if (peer instanceof DuplexChannel d && f.isSuccess() && peer.isActive()
          && !d.isInputShutdown()) {
        // With its output shut, the peer's own FIN ends the session: half-closure off makes
        // Netty close the channel at that EOF (channelInactive closes self once flushed) where
        // it would first shut its input, which the kernel refuses once both FINs are through
        // (ENOTCONN) and Netty turns into a NotYetConnectedException with a stack trace that it
        // then swallows: about one per connection with a connection per request (BENCHMARKS.md).
        peer.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        d.shutdownOutput();
        peerFin.ifPresent(t -> finTimeout(peer, t));
      }
    });
  }

  /** {@code ch}'s side idles out at {@code t} from now on (adding the timer if it had none). */
  static void finTimeout(Channel ch, Duration t) {
    IdleTimeout idle = ch.pipeline().get(IdleTimeout.class);
    if (idle != null) {
      idle.restart(t);
    } else if (ch.isActive()) {
      ch.pipeline().addFirst(new IdleTimeout(t));
    }
  }

  /** Closes the channel after everything queued so far is flushed. */
  static void closeOnFlush(Channel ch) {
    if (!ch.isActive()) {
      return;
    }
    if (ch instanceof DuplexChannel d && d.isOutputShutdown()) {
      // nothing can be queued behind a half-close: the flush write would only fail (and make a
      // ClosedChannelException) before the close
      ch.close();
      return;
    }
    ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
