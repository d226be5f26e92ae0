package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.TimeUnit;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.config.HttpReuse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend's idle server connections on one event loop, on the loop's own clock (frozen here
 * and moved by hand): each closes once idle for the purge delay, later ones too although one
 * timer serves them all, and while idle its {@link ServerLeg} closes it on anything unasked.
 */
class IdleConnectionsEmbeddedTest {

  private static final long DELAY_MS = IdleConnections.PURGE_DELAY.toMillis();
  private final Member ws1 = new Member(0, "ws1", 1, false, 0, true);
  private final IdleConnections idle = new IdleConnections();
  /** Owns the loop the others are registered on (as server channels share their client's). */
  private EmbeddedChannel loopOwner;

  @BeforeEach
  void frozenLoop() {
    loopOwner = new EmbeddedChannel();
    loopOwner.freezeTime();
  }

  private EmbeddedChannel server() {
    EmbeddedChannel ch = new EmbeddedChannel(false, false, new ServerLeg());
    loopOwner.eventLoop().register(ch).syncUninterruptibly();
    return ch;
  }

  private void advance(long ms) {
    loopOwner.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    loopOwner.runScheduledPendingTasks();
  }

  private void park(EmbeddedChannel ch) {
    idle.park(loopOwner.eventLoop(), ws1, ch, false);
  }

  private java.util.Optional<io.netty.channel.Channel> take() {
    return idle.take(loopOwner.eventLoop(), ws1, HttpReuse.ALWAYS, false);
  }

  @Test
  void eachClosesOncePurgeDelayIdleWithOneTimerForAll() {
    EmbeddedChannel a = server();
    EmbeddedChannel b = server();
    park(a);
    advance(DELAY_MS - 2_000);
    park(b);
    advance(1_999);
    assertThat(a.isActive()).as("a, idle a millisecond short of the delay").isTrue();
    advance(1);
    assertThat(a.isActive()).as("a, idle for the delay").isFalse();
    assertThat(b.isActive()).as("b, parked 2 s after a").isTrue();
    advance(DELAY_MS - 2_001);
    assertThat(b.isActive()).isTrue();
    advance(1);
    assertThat(b.isActive()).as("b, idle for the delay: the timer was set again for it").isFalse();
    assertThat(take()).isEmpty();
  }

  @Test
  void aTakenConnectionIsNotPurgedAndTheWarmestGoesFirst() {
    EmbeddedChannel a = server();
    EmbeddedChannel b = server();
    park(a);
    park(b);
    assertThat(take()).containsSame(b);
    advance(DELAY_MS);
    assertThat(a.isActive()).isFalse();
    assertThat(b.isActive()).as("taken before the purge, so not idle").isTrue();
    park(b); // its exchange over again: idle anew from now
    advance(DELAY_MS - 1);
    assertThat(b.isActive()).isTrue();
    assertThat(take()).containsSame(b);
  }

  @Test
  void anIdleConnectionClosesOnAnythingUnaskedOrItsServerTimeoutAndLeavesThePool() {
    EmbeddedChannel a = server();
    EmbeddedChannel b = server();
    park(a);
    park(b);
    var unasked = Unpooled.copiedBuffer(new byte[] {'x'});
    b.writeInbound(unasked);
    assertThat(b.isActive()).isFalse();
    assertThat(unasked.refCnt()).as("released").isZero();
    a.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    assertThat(a.isActive()).isFalse();
    assertThat(take()).isEmpty();
  }

  @Test
  void aConnectionTakenAgainIsNoLongerWatchedAsIdle() {
    EmbeddedChannel a = server();
    park(a);
    assertThat(take()).containsSame(a);
    // during the exchange the response belongs to it, not to the idle watch
    var seen = new java.util.ArrayList<Object>();
    ServerLeg.of(a).begin(new ServerLeg.Exchange() {
      @Override
      public void read(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
        seen.add(msg);
      }

      @Override
      public void readComplete(io.netty.channel.ChannelHandlerContext ctx) {}

      @Override
      public void timedOut(io.netty.channel.ChannelHandlerContext ctx) {}

      @Override
      public void closed(io.netty.channel.ChannelHandlerContext ctx) {}

      @Override
      public void failed(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {}
    });
    a.writeInbound("response");
    assertThat(seen).containsExactly("response");
    assertThat(a.isActive()).isTrue();
  }
}
