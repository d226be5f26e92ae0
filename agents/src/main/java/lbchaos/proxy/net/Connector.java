package lbchaos.proxy.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.check.SocketErrors;
import lbchaos.proxy.tls.Origination;

/**
 * Connects to a server of a backend the way haproxy retries: after a failed connect, up to
 * "retries" more attempts, on the same server or, with "option redispatch", on another one
 * chosen by the balancer; {@link RetryPolicy} says which, and whether to wait first.
 */
final class Connector {

  static final Duration MAX_TURNAROUND = Duration.ofSeconds(1);

  /** Placeholder pipeline until the caller installs its handlers on the connected channel. */
  @ChannelHandler.Sharable
  private static final class Nothing extends ChannelInboundHandlerAdapter {}

  private static final ChannelHandler NOTHING = new Nothing();

  private final BackendPool pool;
  private final Transport transport;
  /**
   * One configured Bootstrap per event loop, reused for every connect from that loop (the server
   * channel stays on the client's loop): no Bootstrap with its option maps built per attempt,
   * which the allocation profile showed. Bounded by the number of event loops. One map per
   * address family: a bootstrap's channel factory, which makes sockets of the server's family
   * ({@link Transport#socketChannels}), is set once.
   */
  private final Map<EventLoop, Bootstrap> ipv4Bootstraps = new ConcurrentHashMap<>();
  private final Map<EventLoop, Bootstrap> ipv6Bootstraps = new ConcurrentHashMap<>();
  private final IdleConnections idle = new IdleConnections();

  /** Per server (by index), TLS to it ("ssl"), else empty: plain, nothing added. */
  private final List<Optional<Origination>> tls;

  Connector(BackendPool pool, Transport transport) {
    this(pool, transport, List.of());
  }

  Connector(BackendPool pool, Transport transport, List<Optional<Origination>> tls) {
    this.pool = pool;
    this.transport = transport;
    this.tls = List.copyOf(tls);
  }

  BackendPool pool() {
    return pool;
  }

  /** The backend's idle server connections (mode http, as its http-reuse allows). */
  IdleConnections idle() {
    return idle;
  }

  /**
   * @param alive false once the client is gone; stops the attempts
   * @param connected gets the open (not yet reading) server channel and the server, which the
   *     caller must {@link BackendPool#release} when that channel closes
   * @param failed gets a short reason when every attempt failed or no server was available
   */
  void connect(InetAddress client, EventLoop loop, BooleanSupplier alive,
      BiConsumer<Channel, Member> connected, Consumer<String> failed) {
    connect(client, loop, alive, m -> false, connected, failed);
  }

  /**
   * As above, but once the balancer has picked a server, {@code reuse} may hand the request an
   * idle connection to it instead (it returns true when it did, and the attempts stop there).
   */
  void connect(InetAddress client, EventLoop loop, BooleanSupplier alive,
      java.util.function.Predicate<Member> reuse, BiConsumer<Channel, Member> connected,
      Consumer<String> failed) {
    connect(client, loop, alive, reuse, connected, failed, null);
  }

  /**
   * As above; {@code stamps} (null: none) get the moments an access log line needs: when the
   * server was picked, each retry, the connect.
   */
  void connect(InetAddress client, EventLoop loop, BooleanSupplier alive,
      java.util.function.Predicate<Member> reuse, BiConsumer<Channel, Member> connected,
      Consumer<String> failed, AccessStamps stamps) {
    new Attempts(client, loop, alive, reuse, connected, failed, stamps).start();
  }

  private Bootstrap bootstrap(EventLoop loop, InetAddress server) {
    Bootstrap b = new Bootstrap().group(loop).channelFactory(transport.socketChannels(server))
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        // TCP_NODELAY is Netty's default on Linux (see ProxyServer#bind)
        .handler(NOTHING);
    pool.config().timeouts().connect().ifPresent(t -> b.option(
        ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, t.toMillis())));
    transport.readFromRing(b);
    return b;
  }

  private final class Attempts {
    final InetAddress client;
    final EventLoop loop;
    final BooleanSupplier alive;
    final java.util.function.Predicate<Member> reuse;
    final BiConsumer<Channel, Member> connected;
    final Consumer<String> failed;
    final AccessStamps stamps;

    Attempts(InetAddress client, EventLoop loop, BooleanSupplier alive,
        java.util.function.Predicate<Member> reuse, BiConsumer<Channel, Member> connected,
        Consumer<String> failed, AccessStamps stamps) {
      this.stamps = stamps;
      this.client = client;
      this.loop = loop;
      this.alive = alive;
      this.reuse = reuse;
      this.connected = connected;
      this.failed = failed;
    }

    void start() {
      pool.acquire(client, null, loop, m -> {
        if (stamps != null && m.isPresent()) {
          stamps.picked = System.nanoTime();
          stamps.server = m.get();
        }
        if (m.isEmpty()) {
          failed.accept(pool.balancer().anyUsable() ? "queue timeout" : "no server available");
        } else if (!alive.getAsBoolean()) {
          pool.release(m.get());
        } else if (!reuse.test(m.get())) {
          attempt(m.get(), pool.config().retries());
        }
      });
    }

    void attempt(Member m, int retriesLeft) {
      if (!alive.getAsBoolean()) {
        pool.release(m);
        return;
      }
      InetSocketAddress to = pool.address(m);
      Bootstrap b = (to.getAddress() instanceof Inet4Address ? ipv4Bootstraps : ipv6Bootstraps)
          .computeIfAbsent(loop, l -> bootstrap(l, to.getAddress()));
      b.connect(to).addListener((ChannelFuture f) -> {
        if (f.isSuccess()) {
          if (stamps != null) {
            stamps.connected = System.nanoTime();
          }
          pool.connectOk(m);
          if (m.index() < tls.size() && tls.get(m.index()).isPresent()) {
            // TLS to the server: the handshake starts now; what the session writes waits in
            // the TLS handler until it is done, and a failed one closes the session as a
            // broken server connection would (it is not retried as a failed connect is)
            f.channel().pipeline().addFirst("tls", tls.get(m.index()).get().handler(
                f.channel().alloc(), pool.address(m).getPort()));
          }
          if (alive.getAsBoolean()) {
            connected.accept(f.channel(), m);
          } else {
            f.channel().close();
            pool.release(m);
          }
          return;
        }
        pool.connectFailed(m);
        pool.release(m);
        if (retriesLeft == 0 || !alive.getAsBoolean()) {
          failed.accept("connection failed: " + SocketErrors.text(f.cause()));
          return;
        }
        int retry = pool.config().retries() - retriesLeft + 1;
        if (stamps != null) {
          stamps.retries = retry;
        }
        int activeUp = (int) pool.members().stream().filter(x -> x.up() && !x.backup()).count();
        RetryPolicy policy = new RetryPolicy(pool.config());
        boolean timedOut = f.cause() instanceof ConnectTimeoutException;
        if (policy.redispatch(retry, m.up(), activeUp)) {
          pool.stats(m).wredis.incrementAndGet();
          pool.total().wredis.incrementAndGet();
          Runnable again = () -> pool.acquire(client, m, loop, next -> {
            if (next.isEmpty()) {
              failed.accept("no server available for redispatch");
            } else {
              if (stamps != null) {
                stamps.server = next.get();
              }
              attempt(next.get(), retriesLeft - 1);
            }
          });
          policy.turnaround(timedOut, true, activeUp).ifPresentOrElse(
              d -> loop.schedule(again, d.toNanos(), TimeUnit.NANOSECONDS), again);
          return;
        }
        pool.stats(m).wretr.incrementAndGet();
        pool.total().wretr.incrementAndGet();
        Runnable same = () -> {
          pool.assign(m);
          attempt(m, retriesLeft - 1);
        };
        policy.turnaround(timedOut, false, activeUp).ifPresentOrElse(
            d -> loop.schedule(same, d.toNanos(), TimeUnit.NANOSECONDS), same);
      });
    }
  }
}
