package lbchaos.proxy.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lbchaos.event.EventWriter;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.event.ServerState;
import lbchaos.proxy.cli.RuntimeApi;
import lbchaos.proxy.cli.StatsSocketServer;
import lbchaos.proxy.config.Bind;
import lbchaos.proxy.config.StatsSocket;
import lbchaos.proxy.config.Frontend;
import lbchaos.proxy.config.HaproxyConfig;

/**
 * The running proxy: one {@link Listener} per bind address (a socket per event loop on the
 * native transports), sessions made by the current {@link Generation}. {@link #reload} swaps
 * the generation and keeps listeners whose address is unchanged (no connection refused,
 * established sessions continue on the old pools); only added or removed addresses are bound
 * or closed. maxconn (global and per frontend) pauses
 * accepting, leaving further connections in the kernel backlog as haproxy does.
 */
public final class ProxyServer implements AutoCloseable {

  private final Transport transport;
  private final EventLoopGroup group;
  private final String source;
  private final EventWriter events;
  private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
  private volatile Map<String, String> frontendOf = Map.of();
  /** Bind address to its frontend's maxconn (0: none), looked up on every accept and close. */
  private volatile Map<String, Integer> limitOf = Map.of();
  private final Map<String, AtomicInteger> perFrontend = new ConcurrentHashMap<>();
  private final AtomicInteger global = new AtomicInteger();
  private final ChannelGroup sessions = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile Generation current;
  private volatile boolean stopping;
  private final List<Generation> retired = new ArrayList<>();
  private final List<StatsSocketServer> statsSockets = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong cumConns =
      new java.util.concurrent.atomic.AtomicLong();
  private final long startedMillis = System.currentTimeMillis();
  private final int threads;

  /**
   * @param source the name events carry ("loadbalancer-1")
   * @param events where JSON-line events go (stdout in the container)
   */
  public ProxyServer(Transport transport, int threads, String source, PrintStream events) {
    this(transport, Transport.ReadRing.DEFAULT, threads, source, events);
  }

  /** @param ring where io_uring's reads land (a test runs it dry) */
  ProxyServer(Transport transport, Transport.ReadRing ring, int threads, String source,
      PrintStream events) {
    this.transport = transport;
    this.threads = threads;
    this.group = transport.group(threads, ring);
    this.source = source;
    this.events = new EventWriter("proxy-events", events, System.err,
        new ServerState(0, "warm-up", "b", "s", true, "", 0));
  }

  public synchronized void start(HaproxyConfig config) throws InterruptedException {
    if (current != null) {
      throw new IllegalStateException("already started");
    }
    swap(config);
    for (StatsSocket s : config.global().statsSockets()) {
      try {
        statsSockets.add(StatsSocketServer.open(s, this::runtime));
      } catch (java.io.IOException e) {
        // haproxy: "cannot bind UNIX socket", and it does not start
        throw new IllegalStateException("Starting frontend GLOBAL: cannot bind UNIX socket ["
            + s.path() + "]: " + e.getMessage(), e);
      }
    }
  }

  /** The runtime API's view of the running configuration. */
  public RuntimeApi.Target runtime() {
    return new ProxyRuntime(current, info());
  }

  /** "show info": the fields of haproxy's that the agent knows, in its "Name: value" form. */
  private String info() {
    long up = (System.currentTimeMillis() - startedMillis) / 1000;
    String uptime = String.format(java.util.Locale.ROOT, "%dd %dh%02dm%02ds", up / 86400,
        up / 3600 % 24, up / 60 % 60, up % 60);
    return "Name: lbchaos-proxy\n"
        + "Version: 2.6 (haproxy runtime API subset)\n"
        + "Nbthread: " + threads + "\n"
        + "Nbproc: 1\n"
        + "Process_num: 1\n"
        + "Pid: " + ProcessHandle.current().pid() + "\n"
        + "Uptime: " + uptime + "\n"
        + "Uptime_sec: " + up + "\n"
        + "Start_time_sec: " + startedMillis / 1000 + "\n"
        + "Maxconn: " + current.config().global().maxconn() + "\n"
        + "CurrConns: " + global.get() + "\n"
        + "CumConns: " + cumConns.get() + "\n"
        + "Stopping: " + (stopping ? 1 : 0) + "\n"
        + "Listeners: " + listeners.size() + "\n";
  }

  /** Applies a new configuration without dropping established connections. */
  public synchronized void reload(HaproxyConfig config) throws InterruptedException {
    if (current != null
        && !config.global().statsSockets().equals(current.config().global().statsSockets())) {
      System.err.println("[WARNING] the reloaded config changes 'stats socket'; the agent keeps"
          + " the sockets it opened at start until a restart");
    }
    swap(config);
  }

  private void swap(HaproxyConfig config) throws InterruptedException {
    Generation next = new Generation(config, transport, group, source, events);
    Map<String, String> wanted = new LinkedHashMap<>();
    Map<String, Integer> limits = new LinkedHashMap<>();
    for (Frontend f : config.frontends()) {
      for (Bind b : f.binds()) {
        wanted.put(b.toString(), f.name());
        limits.put(b.toString(), f.maxconn());
      }
      perFrontend.computeIfAbsent(f.name(), k -> new AtomicInteger());
    }
    // bind new addresses first: a failure leaves the old generation running
    Map<String, Listener> opened = new LinkedHashMap<>();
    try {
      for (Frontend f : config.frontends()) {
        for (Bind b : f.binds()) {
          if (!listeners.containsKey(b.toString())) {
            opened.put(b.toString(), bind(b));
          }
        }
      }
    } catch (RuntimeException | InterruptedException e) {
      opened.values().forEach(Listener::close);
      next.close();
      throw e;
    }
    Generation old = current;
    frontendOf = Map.copyOf(wanted);
    limitOf = Map.copyOf(limits);
    current = next;
    listeners.putAll(opened);
    listeners.entrySet().removeIf(e -> {
      if (!wanted.containsKey(e.getKey())) {
        e.getValue().close();
        return true;
      }
      return false;
    });
    next.startChecks();
    if (old != null) {
      old.close(); // its checks stop; its sessions keep running on its pools
      retired.add(old);
    }
    updateAccepting();
  }

  private Listener bind(Bind b) throws InterruptedException {
    return Listener.bind(transport, group, b.socketAddress(), loops -> bootstrap(b.toString(),
        b.socketAddress().getAddress(), loops));
  }

  private ServerBootstrap bootstrap(String key, InetAddress address, EventLoopGroup loops) {
    ServerBootstrap sb = new ServerBootstrap().group(loops)
        .channelFactory(transport.serverChannels(address))
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        // no TCP_NODELAY option: Netty's socket configs set it by default on Linux, and asking
        // again costs a setsockopt per connection
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            accepted(key, ch);
          }
        });
    transport.allowNonLocalBind(sb);
    transport.readFromRing(sb);
    return sb;
  }

  private void accepted(String key, SocketChannel ch) {
    Generation g = current;
    if (stopping) {
      // accepted in the instant the listeners were closing: nothing of it has been read
      ch.close();
      return;
    }
    String fname = frontendOf.get(key);
    Optional<Frontend> f = fname == null ? Optional.empty() : g.config().frontend(fname);
    if (f.isEmpty()) {
      ch.close();
      return;
    }
    AtomicInteger fe = perFrontend.get(fname);
    global.incrementAndGet();
    cumConns.incrementAndGet();
    fe.incrementAndGet();
    sessions.add(ch);
    ch.closeFuture().addListener(x -> {
      global.decrementAndGet();
      fe.decrementAndGet();
      updateAccepting();
    });
    updateAccepting();
    g.initChild(f.get(), key, ch);
    if (stopping) {
      // stop() may have told the sessions before this one joined them
      ch.pipeline().fireUserEventTriggered(SoftStop.INSTANCE);
    }
  }

  /** Pauses or resumes accepting on each listener by the global and frontend maxconn. */
  private void updateAccepting() {
    Generation g = current;
    if (g == null) {
      return;
    }
    boolean globalOk = global.get() < g.config().global().maxconn();
    listeners.forEach((key, l) -> {
      String fname = frontendOf.get(key);
      int limit = limitOf.getOrDefault(key, 0);
      AtomicInteger n = fname == null ? null : perFrontend.get(fname);
      l.accepting(globalOk && (limit == 0 || n == null || n.get() < limit));
    });
  }

  /** The address a bind ended up on (port 0 binds pick a free port). */
  public Optional<InetSocketAddress> boundAddress(Bind b) {
    return Optional.ofNullable(listeners.get(b.toString())).map(Listener::address);
  }

  public int openSessions() {
    return sessions.size();
  }

  /** Current counters as haproxy CSV. */
  public String statsCsv() {
    return current.csv();
  }

  public String statsPrometheus() {
    return current.prometheus();
  }

  public Transport transport() {
    return transport;
  }

  /** How a {@link #stop} ended. */
  public record Stopped(Duration took, int forced) {
    public Stopped {
      if (took.isNegative() || forced < 0) {
        throw new IllegalArgumentException("took " + took + ", forced " + forced);
      }
    }

    /** Every session ended by itself within the grace. */
    public boolean drained() {
      return forced == 0;
    }
  }

  /**
   * haproxy's soft stop: stops accepting (the listeners close, so new connections are refused),
   * tells every session ({@link SoftStop}: idle HTTP keep-alive connections close now), waits up
   * to {@code grace} for the sessions to end, then closes the rest, as haproxy's
   * {@code hard-stop-after} does, and reports that with haproxy's words: a log line and one
   * {@link LogLine} event per frontend that still had connections.
   */
  public synchronized Stopped stop(Duration grace) throws InterruptedException {
    long start = System.nanoTime();
    stopping = true;
    listeners.values().forEach(Listener::closeSync);
    listeners.clear();
    sessions.forEach(ch -> ch.pipeline().fireUserEventTriggered(SoftStop.INSTANCE));
    long deadline = start + grace.toNanos();
    // until the sessions there now have closed, again for any that joined meanwhile, or the grace
    while (!sessions.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !sessions.newCloseFuture().await(left, TimeUnit.NANOSECONDS)) {
        break;
      }
    }
    int forced = sessions.size();
    if (forced > 0) {
      hardStopped();
    }
    sessions.close().awaitUninterruptibly();
    if (current != null) {
      current.close();
    }
    retired.forEach(Generation::close);
    return new Stopped(Duration.ofNanos(System.nanoTime() - start), forced);
  }

  private void hardStopped() {
    // proxy.c hard_stop(): the warning, then "Proxy %s hard-stopped (%d remaining conns will
    // be closed)." for each proxy
    events.log("[WARNING] soft-stop running for too long, performing a hard-stop.");
    perFrontend.forEach((name, n) -> {
      if (n.get() > 0) {
        String line = "Proxy " + name + " hard-stopped (" + n.get()
            + " remaining conns will be closed).";
        events.log("[WARNING] " + line);
        events.emit(new LogLine(Events.nowMicros(), source, line));
      }
    });
  }

  /** The running configuration. */
  public HaproxyConfig config() {
    Generation g = current;
    if (g == null) {
      throw new IllegalStateException("not started");
    }
    return g.config();
  }

  @Override
  public void close() throws InterruptedException {
    statsSockets.forEach(StatsSocketServer::close);
    stop(Duration.ZERO);
    events.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
