package lbchaos.proxy.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.event.EventWriter;
import lbchaos.event.Events;
import lbchaos.event.ServerState;
import lbchaos.proxy.balance.AdminState;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.check.CheckResult;
import lbchaos.proxy.check.CheckTarget;
import lbchaos.proxy.check.HealthChecker;
import lbchaos.proxy.check.NettyCheckRunner;
import lbchaos.proxy.check.Transition;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.Bind;
import lbchaos.proxy.config.Frontend;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.Mode;
import lbchaos.proxy.config.Server;
import lbchaos.proxy.config.StatsPage;
import lbchaos.proxy.tls.HandshakeGate;
import lbchaos.proxy.tls.Origination;
import lbchaos.proxy.tls.Termination;

/**
 * Everything one configuration brings to life: backend pools, health checks, frontend session
 * factories. A reload builds a new generation; sessions of the old one finish on the old pools.
 */
final class Generation implements AutoCloseable {

  private final HaproxyConfig config;
  private final Transport transport;
  private final Map<String, BackendPool> pools = new LinkedHashMap<>();
  private final Map<String, Connector> connectors = new LinkedHashMap<>();
  private final Map<String, ServerStats> frontendStats = new LinkedHashMap<>();
  private final Map<String, Integer> frontendLimits = new LinkedHashMap<>();
  /** The mode http frontends that have rules (or reach a backend that has), by name. */
  private final Map<String, Routing> routings = new LinkedHashMap<>();
  private final HealthChecker checker;
  /** Each pool's first server's index among the health checker's probes. */
  private final Map<String, Integer> checkBase = new LinkedHashMap<>();
  private final EventWriter events;
  private final String source;
  /** Where the access logs of this configuration's frontends go; made when one logs. */
  private lbchaos.proxy.log.LogSender logSender;
  private final Map<String, AccessLogger> accessLoggers = new LinkedHashMap<>();
  /** The configuration's stick tables: this generation's, empty at each load or reload. */
  private final lbchaos.proxy.stick.Tables tables;
  /** Each mode http frontend's and backend's errorfiles, read at load. */
  private final Map<String, Map<Integer, lbchaos.proxy.config.ErrorMessage>> frontPages =
      new LinkedHashMap<>();
  private final Map<String, Map<Integer, lbchaos.proxy.config.ErrorMessage>> backPages =
      new LinkedHashMap<>();
  /** Bind address ("*:443") to its TLS, for the binds with "ssl"; read at load. */
  private final Map<String, Termination> tls = new LinkedHashMap<>();

  Generation(HaproxyConfig config, Transport transport, EventLoopGroup group, String source,
      EventWriter events) {
    this.config = config;
    this.transport = transport;
    this.events = events;
    this.source = source;
    this.tables = lbchaos.proxy.stick.Tables.of(config.stickTables());
    var read = lbchaos.proxy.config.ErrorFile.loadAll(config.errorFiles(), config.file());
    config.frontends().stream().filter(f -> f.mode() == Mode.HTTP).forEach(f -> frontPages.put(
        f.name(), ErrorPages.of(f.errorFiles(), read)));
    config.backends().stream().filter(b -> b.mode() == Mode.HTTP).forEach(b -> backPages.put(
        b.name(), ErrorPages.of(b.errorFiles(), read)));
    for (Backend b : config.backends()) {
      BackendPool p = new BackendPool(b);
      pools.put(b.name(), p);
      connectors.put(b.name(), new Connector(p, transport, b.servers().stream()
          .map(s -> s.tls().map(t -> Origination.of(t, config.file()))).toList()));
    }
    for (Frontend f : config.frontends()) {
      frontendStats.put(f.name(), new ServerStats());
      frontendLimits.put(f.name(), f.maxconn());
      for (Bind b : f.binds()) {
        b.tls().ifPresent(t -> tls.put(b.toString(),
            Termination.of(t, config.file(), f.timeouts().client())));
      }
      // actconn is read when a line is logged, from every frontend's stats by then
      f.accessLog().ifPresent(a -> accessLoggers.put(f.name(), new AccessLogger(f, a,
          sender(a.targets()), events, source, frontendStats.get(f.name()),
          () -> (int) frontendStats.values().stream().mapToLong(x -> x.scur.get()).sum())));
      Routing r = f.mode() == Mode.HTTP ? routing(f) : null;
      if (r != null) {
        routings.put(f.name(), r);
      }
    }
    List<HealthChecker.Probe> probes = new ArrayList<>();
    List<BackendPool> owner = new ArrayList<>();
    for (BackendPool p : pools.values()) {
      Backend b = p.config();
      int base = probes.size();
      checkBase.put(b.name(), base);
      for (Server s : b.servers()) {
        InetSocketAddress addr = p.address(p.members().get(probes.size() - base));
        // checks go to the server's address on its check port ("port" keyword)
        InetSocketAddress checkAddr = addr.isUnresolved()
            ? InetSocketAddress.createUnresolved(s.host(), s.checkPort())
            : new InetSocketAddress(addr.getAddress(), s.checkPort());
        probes.add(new HealthChecker.Probe(
            new CheckTarget(b.name(), s.name(), s.check(), s.observe(), s.disabled()),
            checkAddr, b.healthCheck(), b.checkTiming(s),
            s.checkTls().map(t -> Origination.of(t, config.file()))));
        owner.add(p);
      }
      p.observer((server, what) -> checker().traffic(base + server, what));
    }
    this.checker = new HealthChecker(probes, config.global(), (io.netty.channel.EventLoop) group.next(),
        new NettyCheckRunner(transport::socketChannels, transport::connectOnly),
        new HealthChecker.Listener() {
          @Override
          public void checked(int server, CheckResult r) {
            BackendPool p = owner.get(server);
            ServerStats s = p.stats(indexIn(p, probes.get(server).target()));
            s.checkStatus = r.status().name();
            s.checkCode = r.code().orElse(0);
            s.checkMillis = r.duration().toMillis();
            if (!r.passed()) {
              s.chkfail.incrementAndGet();
            }
          }

          @Override
          public void transition(int server, Transition t) {
            BackendPool p = owner.get(server);
            Member m = p.members().get(indexIn(p, probes.get(server).target()));
            p.setUp(m, t.up());
            long act = p.members().stream().filter(x -> x.up() && !x.backup()).count();
            long bck = p.members().stream().filter(x -> x.up() && x.backup()).count();
            // haproxy's own wording, then the structured event the harness reads
            events.log(String.format("Server %s/%s is %s, reason: %s, check duration: %dms. %d"
                    + " active and %d backup servers %s.", p.config().name(), m.name(),
                t.up() ? "UP" : "DOWN", t.cause().reason(), t.cause().duration().toMillis(), act,
                bck, t.up() ? "online" : "left"));
            events.emit(new ServerState(Events.nowMicros(), source, p.config().name(),
                m.name(), t.up(), t.cause().reason(), t.cause().duration().toMillis()));
          }
        });
  }

  /** One sender for every frontend's targets (a target written twice is sent to twice). */
  private lbchaos.proxy.log.LogSender sender(List<lbchaos.proxy.log.LogTarget> targets) {
    if (logSender == null) {
      List<lbchaos.proxy.log.LogTarget> all = new ArrayList<>();
      config.frontends().forEach(f -> f.accessLog().ifPresent(a -> all.addAll(a.targets())));
      logSender = new lbchaos.proxy.log.LogSender(all.stream().distinct().toList(), events::out,
          events::log);
    }
    return logSender;
  }

  private static int indexIn(BackendPool p, CheckTarget t) {
    return p.config().servers().indexOf(p.config().server(t.server()).orElseThrow());
  }

  private HealthChecker checker() {
    return checker;
  }

  HaproxyConfig config() {
    return config;
  }

  Map<String, BackendPool> pools() {
    return pools;
  }

  ServerStats frontendStats(String name) {
    return frontendStats.get(name);
  }

  void startChecks() {
    checker.start();
  }

  /**
   * Installs the session handlers of frontend {@code f} on a channel accepted on bind
   * {@code key}; with TLS there, the TLS handler goes first and the session starts once the
   * handshake has succeeded. A plain bind gets nothing more than before.
   */
  void initChild(Frontend f, String key, SocketChannel ch) {
    initSession(f, ch);
    Termination t = tls.get(key);
    if (t != null && ch.isOpen()) {
      ch.pipeline().addFirst("tls-gate", new HandshakeGate());
      ch.pipeline().addFirst("tls", t.handler(ch.alloc()));
    }
  }

  private void initSession(Frontend f, SocketChannel ch) {
    ServerStats fs = frontendStats.get(f.name());
    fs.opened();
    ch.closeFuture().addListener(x -> fs.closed());
    Optional<Connector> c = f.targetBackend().map(connectors::get);
    Optional<BackendPool> pool = c.map(Connector::pool);
    var serverTimeout = pool.flatMap(p -> p.config().timeouts().server());
    if (f.mode() == Mode.TCP) {
      if (c.isEmpty()) {
        ch.close();
        return;
      }
      // haproxy 2.6 stream.c: with no analyser left (always, in mode tcp here) the backend's
      // "timeout tunnel" takes the place of both sides' timeouts
      var tunnel = pool.flatMap(p -> p.config().timeouts().tunnel());
      ch.pipeline().addLast(new TcpSession(c.get(), tunnel.or(() -> f.timeouts().client()),
          tunnel.or(() -> serverTimeout), accessLoggers.get(f.name())).fins(
              FinTimeouts.of(f.timeouts().clientFin(), c.get().pool().config().timeouts())));
      return;
    }
    f.timeouts().client().ifPresent(t -> ch.pipeline().addLast(new IdleTimeout(t)));
    HttpSession session = new HttpSession(route(f, c.orElse(null)),
        f.stats().map(StatsPage::uri), () -> new String[] {csv(), prometheus()},
        f.timeouts().httpRequest(), f.quietEmpty(), f.ignoreProbes());
    session.accessLog(accessLoggers.get(f.name()), pool.orElse(null));
    session.maxSessionSrvConns(f.maxSessionSrvConns()).keepAlive(f.timeouts().httpKeepAlive())
        .clientFin(f.timeouts().clientFin()).bufferRequest(f.bufferRequest());
    Routing routing = routings.get(f.name());
    if (routing != null) {
      session.routing(routing);
    }
    ch.pipeline().addFirst(session.arrivals());
    ch.pipeline().addLast(Codecs.server(), session.headers(), session);
  }

  /**
   * The routing of frontend {@code f}, or null when neither it nor a backend it can reach has a
   * rule: then every request goes to its one backend without building a request view.
   */
  private Routing routing(Frontend f) {
    java.util.Set<String> reachable = new java.util.LinkedHashSet<>();
    f.defaultBackend().ifPresent(reachable::add);
    for (var s : f.rules().useBackends()) {
      if (s.dynamic().isPresent()) {
        // a name the request gives: any backend of the frontend's mode
        config.backends().stream().filter(b -> b.mode() == f.mode())
            .forEach(b -> reachable.add(b.name()));
      } else {
        reachable.add(s.backend());
      }
    }
    boolean any = !f.rules().isEmpty() || reachable.stream()
        .anyMatch(b -> config.backend(b).map(x -> !x.rules().isEmpty()).orElse(false));
    if (!any) {
      return null;
    }
    Map<String, Routing.Route> routes = new LinkedHashMap<>();
    Map<String, lbchaos.proxy.acl.HttpRules> rules = new LinkedHashMap<>();
    for (String name : reachable) {
      Connector c = connectors.get(name);
      routes.put(name, route(f, c));
      rules.put(name, c.pool().config().rules());
    }
    return new Routing(f.rules(), f.defaultBackend(), routes, rules, tables);
  }

  /** Frontend {@code f}'s route to the backend of {@code c} (null: none), with its pages. */
  private Routing.Route route(Frontend f, Connector c) {
    Map<Integer, lbchaos.proxy.config.ErrorMessage> back = c == null ? Map.of()
        : backPages.getOrDefault(c.pool().config().name(), Map.of());
    return Routing.Route.of(f, c, new ErrorPages(back, frontPages.getOrDefault(f.name(), Map.of())));
  }


  String csv() {
    return StatsRender.csv(frontendStats, frontendLimits, pools.values());
  }

  String prometheus() {
    return StatsRender.prometheus(frontendStats, pools.values());
  }

  /**
   * The runtime API forces {@code state} on a server, as haproxy's srv_set_admin_flag and
   * srv_clr_admin_flag do: maint pauses its checks and takes it DOWN; leaving maint resumes them
   * with the server UP (health at rise, checked at once); drain only stops new connections.
   * The log lines are haproxy's; the events are those the harness reads from haproxy's.
   */
  void setAdmin(BackendPool p, Member m, AdminState state) {
    AdminState was = m.admin();
    if (was == state) {
      return;
    }
    int id = checkBase.get(p.config().name()) + m.index();
    String who = (m.backup() ? "Backup " : "") + "Server " + p.config().name() + "/" + m.name();
    if (state == AdminState.MAINT) {
      checker.pause(id);
      boolean wasUp = m.up();
      p.setAdmin(m, state);
      p.setUp(m, false);
      if (wasUp) {
        events.log(who + " is going DOWN for maintenance." + counts(p, false));
        events.emit(new ServerState(Events.nowMicros(), source, p.config().name(), m.name(),
            false, "maintenance", -1));
      } else {
        events.log(who + " was DOWN and now enters maintenance.");
      }
      return;
    }
    if (was == AdminState.MAINT) {
      checker.resume(id);
      p.setAdmin(m, state);
      p.setUp(m, true);
      String st = state == AdminState.DRAIN ? "DRAIN" : "READY";
      events.log(who + " is UP/" + st + " (leaving forced maintenance)." + counts(p, true));
      events.emit(new ServerState(Events.nowMicros(), source, p.config().name(), m.name(), true,
          "(leaving forced maintenance)", -1));
      return;
    }
    p.setAdmin(m, state);
    if (state == AdminState.DRAIN) {
      events.log(who + " enters drain state." + counts(p, m.up()));
    } else {
      events.log(who + " is " + (m.up() ? "UP" : "DOWN") + " (leaving forced drain)."
          + counts(p, m.up()));
      events.emit(new ServerState(Events.nowMicros(), source, p.config().name(), m.name(),
          m.up(), "(leaving forced drain)", -1));
    }
  }

  /** srv_append_status's tail: ". N active and M backup servers online|left". */
  private static String counts(BackendPool p, boolean online) {
    long act = p.members().stream().filter(x -> x.takesTraffic() && !x.backup()).count();
    long bck = p.members().stream().filter(x -> x.takesTraffic() && x.backup()).count();
    return " " + act + " active and " + bck + " backup servers " + (online ? "online" : "left")
        + ".";
  }

  /** The health counter of a server, for "show servers state". */
  int health(BackendPool p, Member m) {
    return checker.health(checkBase.get(p.config().name()) + m.index());
  }

  Map<String, ServerStats> frontendStatsAll() {
    return frontendStats;
  }

  Transport transport() {
    return transport;
  }

  @Override
  public void close() {
    checker.close();
    // the log sender stays open: sessions of this generation still log as they end
  }
}
