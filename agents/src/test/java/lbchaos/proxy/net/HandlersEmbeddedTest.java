package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HandlersEmbeddedTest {

  /** Counts read() requests: with AUTO_READ off, the relay must ask for each next chunk. */
  static final class ReadCounter extends ChannelOutboundHandlerAdapter {
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public void read(ChannelHandlerContext ctx) {
      reads.incrementAndGet();
      ctx.read();
    }
  }

  @Test
  void relayCopiesBytesAndAsksForTheNextChunk() {
    EmbeddedChannel peer = new EmbeddedChannel();
    ReadCounter counter = new ReadCounter();
    AtomicLong bytes = new AtomicLong();
    EmbeddedChannel self = new EmbeddedChannel(counter,
        new Relay(peer, new AtomicInteger(), bytes));
    self.config().setAutoRead(false);
    int before = counter.reads.get();
    self.writeInbound(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
    ByteBuf out = peer.readOutbound();
    assertThat(out.toString(StandardCharsets.US_ASCII)).as("relayed bytes").isEqualTo("hello");
    out.release();
    assertThat(bytes.get()).as("byte counter").isEqualTo(5);
    assertThat(counter.reads.get() - before).as("one read requested for the next chunk")
        .isEqualTo(1);
  }

  /** Holds the peer's writes in flight, as a socket write waits for its completion on io_uring. */
  static final class HeldWrites extends ChannelOutboundHandlerAdapter {
    final java.util.List<ChannelPromise> held = new java.util.ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      ReferenceCountUtil.release(msg);
      held.add(promise);
    }
  }

  @Test
  void relayReadsAheadBelowThePeersHighWaterMarkAndWaitsForTheWriteAboveIt() {
    HeldWrites inFlight = new HeldWrites();
    EmbeddedChannel peer = new EmbeddedChannel(inFlight);
    ReadCounter counter = new ReadCounter();
    AtomicInteger shut = new AtomicInteger();
    EmbeddedChannel self = new EmbeddedChannel(counter,
        new Relay(peer, shut, new AtomicLong()));
    self.config().setAutoRead(false);
    // the other direction's relay, which a failed write to the peer reaches
    peer.pipeline().addLast(new Relay(self, shut, new AtomicLong()));

    int before = counter.reads.get();
    self.writeInbound(Unpooled.copiedBuffer("first", StandardCharsets.US_ASCII));
    assertThat(counter.reads.get() - before).as("read ahead while the write is in flight")
        .isEqualTo(1);
    inFlight.held.removeFirst().setSuccess();
    assertThat(counter.reads.get() - before).as("no second read when that write completes")
        .isEqualTo(1);
    assertThat(inFlight.held).as("nothing else written below the mark").isEmpty();

    // above the high-water mark (as a slow reader makes it): the next read waits for the write
    peer.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    self.writeInbound(Unpooled.copiedBuffer("second", StandardCharsets.US_ASCII));
    assertThat(counter.reads.get() - before).as("no read while the peer is full").isEqualTo(1);
    inFlight.held.removeFirst().setSuccess();
    assertThat(counter.reads.get() - before).as("none while the chunk's flush is pending")
        .isEqualTo(1);
    inFlight.held.removeFirst().setSuccess();
    assertThat(counter.reads.get() - before).as("the read once the write succeeded")
        .isEqualTo(2);

    // a failed write ends the session instead of reading on
    self.writeInbound(Unpooled.copiedBuffer("third", StandardCharsets.US_ASCII));
    inFlight.held.removeFirst().setFailure(new java.io.IOException("broken pipe"));
    self.runPendingTasks();
    assertThat(counter.reads.get() - before).as("no read after a failed write").isEqualTo(2);
    assertThat(peer.isOpen()).as("the peer closed").isFalse();
    assertThat(self.isOpen()).as("the session's side closed").isFalse();
  }

  @Test
  void relayClosesBothSidesOnIdleAndOnPeerLoss() {
    EmbeddedChannel peer = new EmbeddedChannel();
    EmbeddedChannel self = new EmbeddedChannel(new Relay(peer, new AtomicInteger(), new AtomicLong()));
    self.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    self.runPendingTasks();
    peer.runPendingTasks();
    assertThat(self.isActive()).as("idle side closed").isFalse();
    assertThat(peer.isActive()).as("peer closed too").isFalse();

    EmbeddedChannel peer2 = new EmbeddedChannel();
    EmbeddedChannel self2 = new EmbeddedChannel(new Relay(peer2, new AtomicInteger(), new AtomicLong()));
    self2.pipeline().fireExceptionCaught(new java.io.IOException("reset"));
    peer2.runPendingTasks();
    assertThat(self2.isActive()).as("errored side closed").isFalse();
    assertThat(peer2.isActive()).as("peer closed on flush").isFalse();
  }

  @Test
  void aSidesErrorIsItsTerminationStateButAWriteAfterItClosedIsNot() {
    AccessStamps stamps = new AccessStamps();
    EmbeddedChannel peer = new EmbeddedChannel();
    EmbeddedChannel client = new EmbeddedChannel(
        new Relay(peer, new AtomicInteger(), new AtomicLong(), stamps, 'c'));
    client.pipeline().fireExceptionCaught(new java.nio.channels.ClosedChannelException());
    assertThat(stamps.state).as("a write to the closed client").isEqualTo("--");

    EmbeddedChannel client2 = new EmbeddedChannel(
        new Relay(new EmbeddedChannel(), new AtomicInteger(), new AtomicLong(), stamps, 'c'));
    client2.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));
    assertThat(stamps.state).as("the client's reset during the data phase").isEqualTo("CD");
  }

  @Test
  void httpSessionServesStatsAndAnswers503WithoutServers() {
    HttpSession session = new HttpSession(Routing.Route.NONE, Optional.of("/stats"),
        () -> new String[] {"# pxname,svname\n", "haproxy_up 1\n"}, Optional.empty(), false,
        false);
    EmbeddedChannel ch = new EmbeddedChannel(session.arrivals(), session);
    ch.config().setOption(ChannelOption.AUTO_READ, false);
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/stats;csv"));
    FullHttpResponse csv = ch.readOutbound();
    assertThat(csv.status().code()).as("stats status").isEqualTo(200);
    assertThat(csv.content().toString(StandardCharsets.UTF_8)).as("csv body").startsWith("# pxname");
    assertThat(csv.headers().get(HttpHeaderNames.CONTENT_LENGTH)).as("length set").isEqualTo("16");
    csv.release();
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/metrics"));
    FullHttpResponse prom = ch.readOutbound();
    assertThat(prom.content().toString(StandardCharsets.UTF_8)).as("prometheus").isEqualTo("haproxy_up 1\n");
    prom.release();
    ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/app"));
    FullHttpResponse none = ch.readOutbound();
    assertThat(none.status().code()).as("no backend: 503 as haproxy").isEqualTo(503);
    none.release();
    assertThat(ch.isActive()).as("keep-alive: connection stays open").isTrue();
    DefaultFullHttpRequest close = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/stats");
    ch.writeInbound(close);
    ((FullHttpResponse) ch.readOutbound()).release();
    assertThat(ch.isActive()).as("HTTP/1.0 without keep-alive: closed after the response").isFalse();
  }
}
