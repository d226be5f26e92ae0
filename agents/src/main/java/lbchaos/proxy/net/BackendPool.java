package lbchaos.proxy.net;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lbchaos.proxy.balance.AdminState;
import lbchaos.proxy.balance.Balancer;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.check.Traffic;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.Server;

/**
 * A backend at run time: its balancer, server addresses and counters, and the queue of
 * connections waiting for a free server slot ("timeout queue").
 */
public final class BackendPool {

  /** Receives what live traffic tells about a server ("observe"). */
  public interface Observer {
    void traffic(int server, Traffic what);
  }

  private record Waiter(InetAddress client, Member avoid, EventLoop loop,
      Consumer<Optional<Member>> callback, ScheduledFuture<?>[] timeout) {}

  private final Backend config;
  private final Balancer balancer;
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private final List<ServerStats> stats = new ArrayList<>();
  private final ServerStats total = new ServerStats();
  private final Deque<Waiter> queue = new ArrayDeque<>();
  private volatile Observer observer;

  public BackendPool(Backend config) {
    this.config = config;
    List<Member> members = new ArrayList<>();
    for (Server s : config.servers()) {
      members.add(new Member(members.size(), s.name(), s.weight(), s.backup(), s.maxconn(),
          !s.disabled(), s.disabled() ? AdminState.MAINT : AdminState.READY));
      addresses.add(resolve(s));
      stats.add(new ServerStats());
    }
    this.balancer = Balancer.create(config.balance(), members, config.allBackups());
  }

  private static InetSocketAddress resolve(Server s) {
    InetSocketAddress a = new InetSocketAddress(s.host(), s.port());
    // unresolvable now (container not up yet): keep the name, Netty resolves on connect
    return a.isUnresolved() ? InetSocketAddress.createUnresolved(s.host(), s.port()) : a;
  }

  public Backend config() {
    return config;
  }

  public Balancer balancer() {
    return balancer;
  }

  public List<Member> members() {
    return balancer.members();
  }

  public InetSocketAddress address(Member m) {
    return addresses.get(m.index());
  }

  public ServerStats stats(Member m) {
    return stats.get(m.index());
  }

  public ServerStats stats(int server) {
    return stats.get(server);
  }

  public ServerStats total() {
    return total;
  }

  public void observer(Observer o) {
    this.observer = o;
  }

  /**
   * Assigns a server for a new connection and calls back on {@code loop}: with a server, or
   * empty when no server is usable or the queue timeout expired.
   */
  public void acquire(InetAddress client, Member avoid, EventLoop loop,
      Consumer<Optional<Member>> callback) {
    Optional<Member> m;
    synchronized (this) {
      m = balancer.pick(client, avoid);
      if (m.isEmpty() && balancer.anyUsable()) {
        Waiter w = new Waiter(client, avoid, loop, callback, new ScheduledFuture<?>[1]);
        queue.add(w);
        total.queued();
        Optional<Duration> t = config.timeouts().effectiveQueue();
        if (t.isPresent()) {
          w.timeout[0] = loop.schedule(() -> expire(w), t.get().toNanos(), TimeUnit.NANOSECONDS);
        }
        return;
      }
    }
    m.ifPresent(this::opened);
    if (loop.inEventLoop()) {
      callback.accept(m); // the usual case (called from the client's channelActive): no task hop
    } else {
      loop.execute(() -> callback.accept(m));
    }
  }

  private void expire(Waiter w) {
    synchronized (this) {
      if (!queue.remove(w)) {
        return;
      }
      total.qcur.decrementAndGet();
    }
    w.callback.accept(Optional.empty());
  }

  /** A retry on the same server: count it there without a new choice. */
  public void assign(Member m) {
    balancer.assign(m);
    opened(m);
  }

  private void opened(Member m) {
    stats(m).opened();
    total.opened();
  }

  /** A connection assigned by {@link #acquire} or {@link #assign} ended. */
  public void release(Member m) {
    balancer.release(m);
    stats(m).closed();
    total.closed();
    drainQueue();
  }

  /** Health said up or down. */
  public void setUp(Member m, boolean up) {
    balancer.setUp(m, up);
    stats(m).lastchg.set(System.currentTimeMillis() / 1000);
    if (!up) {
      stats(m).chkdown.incrementAndGet();
    }
    drainQueue();
  }

  /** The runtime API forced a state on the server. */
  public void setAdmin(Member m, AdminState state) {
    if (m.admin() == state) {
      return;
    }
    balancer.setAdmin(m, state);
    stats(m).lastchg.set(System.currentTimeMillis() / 1000);
    drainQueue();
  }

  /** The runtime API changed the server's weight. */
  public void setWeight(Member m, int weight) {
    balancer.setWeight(m, weight);
    drainQueue();
  }

  /** The member of that name, if any. */
  public Optional<Member> member(String name) {
    return members().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  private void drainQueue() {
    while (true) {
      Waiter w;
      Optional<Member> m;
      synchronized (this) {
        w = queue.peek();
        if (w == null) {
          return;
        }
        m = balancer.pick(w.client, w.avoid);
        if (m.isEmpty()) {
          if (balancer.anyUsable()) {
            return;
          }
        }
        queue.poll();
        total.qcur.decrementAndGet();
      }
      if (w.timeout[0] != null) {
        w.timeout[0].cancel(false);
      }
      m.ifPresent(this::opened);
      Waiter fw = w;
      w.loop.execute(() -> fw.callback.accept(m));
    }
  }

  void connectOk(Member m) {
    traffic(m, Traffic.L4_OK);
  }

  void connectFailed(Member m) {
    stats(m).econ.incrementAndGet();
    total.econ.incrementAndGet();
    traffic(m, Traffic.L4_ERR);
  }

  /** An HTTP answer or its failure, for "observe layer7". */
  void traffic(Member m, Traffic what) {
    Observer o = observer;
    if (o != null) {
      o.traffic(m.index(), what);
    }
  }

  public int queued() {
    synchronized (this) {
      return queue.size();
    }
  }
}
