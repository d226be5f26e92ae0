package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "timeout client" / "timeout server" on a channel whose clock stands still until a test moves
 * it: the idle event comes exactly one timeout after the last read or write, not before, and
 * again each further timeout; never once the handler is gone or the channel inactive.
 */
class IdleTimeoutEmbeddedTest {

  static final long TIMEOUT_MS = 5_000;
  private final List<Object> events = new ArrayList<>();
  private EmbeddedChannel ch;
  private IdleTimeout idle;

  @BeforeEach
  void frozenChannel() {
    ch = new EmbeddedChannel();
    ch.freezeTime();
    idle = new IdleTimeout(Duration.ofMillis(TIMEOUT_MS));
    ch.pipeline().addLast(idle, new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    });
  }

  private void advance(long ms) {
    ch.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
  }

  @Test
  void firesOneTimeoutAfterItStarts() {
    advance(TIMEOUT_MS - 1);
    assertThat(events).isEmpty();
    advance(1);
    assertThat(events).containsExactly(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT);
  }

  @Test
  void aReadPutsItOffToOneTimeoutAfterTheRead() {
    advance(3_000);
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
    advance(TIMEOUT_MS - 1);
    assertThat(events).as("one timeout after the start, 3 s after the read").isEmpty();
    advance(1);
    assertThat(events).hasSize(1);
  }

  @Test
  void aWritePutsItOffToOneTimeoutAfterTheWrite() {
    advance(4_000);
    ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}), ch.voidPromise());
    advance(TIMEOUT_MS - 1);
    assertThat(events).isEmpty();
    advance(1);
    assertThat(events).hasSize(1);
    ch.releaseOutbound();
  }

  @Test
  void firesAgainEachTimeoutWhileIdle() {
    advance(TIMEOUT_MS);
    advance(TIMEOUT_MS - 1);
    assertThat(events).hasSize(1);
    advance(1);
    assertThat(events).containsExactly(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT,
        IdleStateEvent.ALL_IDLE_STATE_EVENT);
  }

  @Test
  void neverOnceRemoved() {
    ch.pipeline().remove(idle);
    advance(3 * TIMEOUT_MS);
    assertThat(events).isEmpty();
  }

  @Test
  void neverOnceInactive() {
    ch.close();
    advance(3 * TIMEOUT_MS);
    assertThat(events).isEmpty();
  }
}
