package lbchaos.vrrp.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import lbchaos.event.Event;
import lbchaos.event.EventWriter;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.event.VipChange;
import lbchaos.privilege.Capability;
import lbchaos.privilege.PrivilegeDrop;
import lbchaos.privilege.UserSpec;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.LinkInfo;
import lbchaos.vrrp.net.AdvertSocket;
import lbchaos.vrrp.net.RawVrrp6Socket;
import lbchaos.vrrp.net.RawVrrpSocket;

/**
 * {@code vrrp --config /etc/keepalived/keepalived.conf --name loadbalancer-1 [--user U[:G]]
 * [--check] [--ready PATH]}: runs every vrrp_instance of a keepalived.conf, writing events as
 * JSON lines on stdout. SIGTERM (a shutdown hook) sends priority 0 and removes the VIPs. SIGHUP
 * re-reads the config and applies it without a state change ({@link Reloader}). Exit 2
 * on a usage or config error, 1 when the network setup or the privilege drop fails. {@code
 * --check} parses, prints warnings and derived timings, exits. {@code --train} runs the start-up
 * path offline for the image's AOT cache (see {@link Training}). {@code --ready} writes a line to
 * PATH once every instance has started (see {@link ReadySignal}).
 *
 * <p>Least privilege: started as root, the agent opens every socket it will use (raw VRRP,
 * AF_PACKET for GARP, rtnetlink), then becomes {@code --user} (default nobody) keeping only
 * CAP_NET_ADMIN. Sends on the raw and packet sockets need no capability once they are open, but
 * rtnetlink checks CAP_NET_ADMIN of the sender at every address change, not only of the socket's
 * opener (netlink_net_capable), so an open netlink socket alone would not let a non-root agent
 * add or remove the VIP. Scripts run as keepalived runs them, as script_user, through a helper
 * started before the drop ({@link ScriptLauncher}).
 */
public final class VrrpAgent {

  static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(200);
  /**
   * How long an IPv6 instance waits for its interface's link-local address to leave the
   * tentative state (RFC 4862 section 5.4: up to 1 s of random delay, then one probe and 1 s of
   * RetransTimer), with room for a loaded machine.
   */
  static final Duration LINK_LOCAL_WAIT = Duration.ofSeconds(5);
  static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(10);

  /** The longest the sockets wait for {@link Prelink} (it takes ~0.1 s of CPU). */
  static final Duration PRELINK_WAIT = Duration.ofSeconds(5);

  /** Events are held until every instance has started, or this long (see DeferredEvents). */
  static final Duration STARTED_WAIT = Duration.ofSeconds(2);

  /**
   * The longest SIGTERM's hook waits for a start under way to be assembled before it stops what
   * there is: the prelink wait and a busy machine's socket opening, within docker stop's 10 s.
   */
  static final Duration ASSEMBLY_WAIT = Duration.ofSeconds(8);

  private VrrpAgent() {}

  /** Whom the agent becomes after opening its sockets unless told otherwise. */
  static final UserSpec DEFAULT_USER = new UserSpec("nobody", Optional.empty());

  /** Kept across the drop: rtnetlink address changes (the VIP). */
  static final Set<Capability> KEPT = Set.of(Capability.NET_ADMIN);

  record Options(Path config, String name, boolean check, UserSpec user, Optional<Path> ready) {}

  static Options options(String[] args) {
    Path config = Path.of("/etc/keepalived/keepalived.conf");
    String name = null;
    boolean check = false;
    UserSpec user = DEFAULT_USER;
    Optional<Path> ready = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config", "-f" -> config = Path.of(value(args, ++i));
        case "--name" -> name = value(args, ++i);
        case "--check" -> check = true;
        case "--user" -> user = UserSpec.parse(value(args, ++i));
        case "--ready" -> ready = Optional.of(Path.of(value(args, ++i)));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (name == null) {
      name = System.getenv().getOrDefault("HOSTNAME", "vrrp");
    }
    return new Options(config, name, check, user, ready);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  public static int main(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && args[0].equals("--train")) {
      try {
        return Training.run(err);
      } catch (Exception e) {
        err.println("vrrp --train: " + e);
        return 1;
      }
    }
    Thread prelink = Prelink.start();
    Options o;
    KeepalivedConfig cfg;
    try {
      o = options(args);
      cfg = KeepalivedParser.parse(o.config());
    } catch (IllegalArgumentException e) {
      err.println("vrrp: " + e.getMessage());
      err.println("usage: vrrp --config FILE --name NODE [--user U[:G]] [--check]"
          + " [--ready PATH]");
      return 2;
    } catch (ConfigException e) {
      // Every error of the file, one per line, as keepalived -t lists them.
      e.problems().forEach(p -> err.println("vrrp: " + p));
      return 2;
    }
    for (ConfigWarning w : cfg.warnings()) {
      err.println("vrrp: warning: " + w);
    }
    if (!cfg.javaRefusals().isEmpty()) {
      // Refuse, don't drift: keepalived would act on these lines and this agent would not.
      cfg.javaRefusals().forEach(r -> err.println("vrrp: " + r));
      return 2;
    }
    if (o.check()) {
      for (VrrpInstance i : cfg.instances()) {
        out.printf("%s: vrid %d version %d priority %d advert %s skew %s master_down %s%n",
            i.name(), i.vrid(), i.version(), i.priority(), i.advertInterval(), i.skew(),
            i.masterDownInterval());
      }
      return 0;
    }
    if (cfg.instances().isEmpty()) {
      err.println("vrrp: " + o.config() + ": no vrrp_instance");
      return 2;
    }
    Sighup sighup = Sighup.install(sentence -> err.println("vrrp: " + sentence));
    // Events leave from a thread of their own, so a new master's VipChange lines never hold
    // back its first advert and GARP (see EventWriter); that thread is only made once every
    // instance has started (see DeferredEvents).
    DeferredEvents sink = new DeferredEvents(() -> events(out, err));
    for (ConfigWarning w : cfg.warnings()) {
      sink.accept(new LogLine(Events.nowMicros(), o.name(), "config warning: " + w));
    }
    // Every socket first, while root; then the drop; then the threads, which inherit the
    // dropping thread's credentials (and so its one kept capability).
    String name = o.name();
    ReadySignal ready = ReadySignal.open(o.ready(), cfg.instances().size(), sentence -> {
      err.println("vrrp: " + sentence);
      sink.accept(new LogLine(Events.nowMicros(), name, sentence));
    });
    CountDownLatch started = new CountDownLatch(cfg.instances().size());
    List<Opened> opened = new ArrayList<>();
    List<Running> running = new ArrayList<>();
    ScriptLauncher launcher = null;
    ScriptRoutes routes = ScriptRoutes.DIRECT;
    LinkWatcher links = null;
    NotifyFifos fifos = NotifyFifos.none();
    java.util.Map<String, SyncLink> groups = java.util.Map.of();
    Reloader reloader;
    // SIGTERM's path exists before any socket: a master's first advert may go out before this
    // thread is back from starting its instance, and a stop that comes then (a busy machine, a
    // harness stopping the master as soon as the VIP answers) must still send priority 0, as
    // keepalived does; without a hook the JVM would end silently and the backup would wait out
    // master down, as after a crash. The hook waits for the start to be assembled.
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch assembled = new CountDownLatch(1);
    AtomicReference<Runnable> stopAll = new AtomicReference<>(() -> { });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        assembled.await(ASSEMBLY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopAll.get().run();
      stopped.countDown();
    }, "vrrp-shutdown"));
    try {
      Prelink.await(prelink, PRELINK_WAIT);
      // The links' state before any instance starts: one whose tracked link is down starts in
      // FAULT, as keepalived's initialise_interface_tracking_priorities does.
      links = LinkWatcher.open(RECEIVE_TIMEOUT, line -> sink.accept(
          new LogLine(Events.nowMicros(), name, line)));
      for (VrrpInstance i : cfg.instances()) {
        opened.add(Opened.open(i));
      }
      if (PrivilegeDrop.wouldDrop(o.user()) && hasScripts(cfg)) {
        launcher = ScriptLauncher.start(ScriptIdentity.runAs(cfg.globalDefs()));
        routes = new ScriptRoutes(launcher::runCheck, launcher::startNotify, line -> { });
      }
      // While root, as keepalived opens them before its instances start (vrrp_complete_init).
      var defs = cfg.globalDefs();
      fifos = NotifyFifos.open(defs.fifos(), f -> f.owner()
          .map(w -> PrivilegeDrop.resolve(UserSpec.ofScriptUser(w)))
          .or(() -> ScriptIdentity.ids(defs)), routes.notifier(), sentence -> {
            err.println("vrrp: " + sentence);
            sink.accept(new LogLine(Events.nowMicros(), name, sentence));
          });
      routes = new ScriptRoutes(routes.check(), routes.notifier(), fifos);
      groups = syncLinks(cfg, name, sink, routes);
      PrivilegeDrop.Outcome drop = PrivilegeDrop.drop(o.user(), KEPT);
      err.println("vrrp: " + drop.sentence());
      sink.accept(new LogLine(Events.nowMicros(), o.name(), drop.sentence()));
      // keepalived runs the groups' notifies (BACKUP at start) before its instances'.
      for (SyncLink g : groups.values().stream().distinct().toList()) {
        g.starting();
      }
      for (Opened op : opened) {
        running.add(Running.start(op, o.name(), sink, routes, links,
            groups.getOrDefault(op.instance().name(), SyncLink.NONE)));
      }
      links.start();
      reloader = new Reloader(o.config(), name, sink, err, routes,
          PrivilegeDrop.wouldDrop(o.user()) && launcher == null, links, cfg, running);
      stopAll.set(stopAll(reloader, groups, links, fifos, launcher, sink));
      assembled.countDown();
      // After each instance's Startup input: a MASTER owner's first advert is out by then.
      running.forEach(r -> r.runner().afterQueued(() -> {
        ready.instanceStarted();
        started.countDown();
      }));
    } catch (IOException | RuntimeException e) {
      err.println("vrrp: cannot start: " + e);
      assembled.countDown(); // the hook has nothing to stop: it is all stopped here
      running.forEach(Running::stop);
      opened.stream().skip(running.size()).forEach(Opened::close);
      if (links != null) {
        links.close();
      }
      if (launcher != null) {
        launcher.close();
      }
      fifos.close();
      ready.close();
      sink.close();
      return 1;
    }
    try {
      if (!started.await(STARTED_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
        err.println("vrrp: instances not started after " + STARTED_WAIT + ", writing events");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.open();
    // The first advert is out: the MASTER path's Java is linked now, not at a first takeover.
    for (Opened op : opened) {
      try {
        op.effects().rehearse();
      } catch (RuntimeException e) { // a missed warm-up, never a reason to stop
        err.println("vrrp: " + op.instance().name() + ": rehearsal of the MASTER path: " + e);
      }
    }
    sighup.started(reloader);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * What SIGTERM runs: every instance stops (a master sends priority 0 and drops its VIPs), then
   * the groups, links, fifos and scripts, and last the events, so the stops' events are out.
   */
  private static Runnable stopAll(Reloader reloader, java.util.Map<String, SyncLink> groups,
      LinkWatcher links, NotifyFifos fifos, ScriptLauncher scripts, DeferredEvents sink) {
    List<SyncLink> syncLinks = groups.values().stream().distinct().toList();
    return () -> {
      reloader.stopAll();
      syncLinks.forEach(SyncLink::stopped); // notify_shutdown: the groups after the instances
      links.close();
      fifos.close(); // after the STOP lines; the fifo script reads end of file
      if (scripts != null) {
        scripts.close();
      }
      sink.close(); // after the stops, so their last events (priority 0, VIPs removed) are out
    };
  }

  /** Each member instance's name to its group's link (one link per vrrp_sync_group). */
  static java.util.Map<String, SyncLink> syncLinks(KeepalivedConfig cfg, String name,
      Consumer<Event> sink, ScriptRoutes routes) {
    java.util.Map<String, SyncLink> out = new java.util.LinkedHashMap<>();
    for (var g : cfg.syncGroups()) {
      SyncLink link = new SyncLink(g, name, sink, routes.notifier(), routes.fifo());
      g.instances().forEach(i -> out.put(i, link));
    }
    return out;
  }

  /** The agent's event output; warmed with the kind a new master writes first. */
  static EventWriter events(PrintStream out, PrintStream err) {
    return new EventWriter("vrrp-events", out, err, new VipChange(0, "warm-up", "0.0.0.0", true));
  }

  /** Whether anything needs the script helper: an instance's scripts or a fifo script. */
  static boolean hasScripts(KeepalivedConfig cfg) {
    return cfg.instances().stream().anyMatch(VrrpAgent::hasScripts)
        || cfg.syncGroups().stream().anyMatch(g -> g.notifyScripts().master().isPresent()
            || g.notifyScripts().backup().isPresent() || g.notifyScripts().fault().isPresent()
            || g.notifyScripts().any().isPresent())
        || cfg.globalDefs().fifos().stream().anyMatch(f -> f.script().isPresent());
  }

  static boolean hasScripts(VrrpInstance i) {
    var n = i.notifyScripts();
    return !i.trackScripts().isEmpty() || n.master().isPresent() || n.backup().isPresent()
        || n.fault().isPresent() || n.any().isPresent();
  }

  /**
   * How checks and notify scripts are started (directly, or through the root helper), and where
   * notify FIFO lines go.
   */
  record ScriptRoutes(BiPredicate<String, Duration> check, Notifier.Starter notifier,
      Consumer<String> fifo) {
    static final ScriptRoutes DIRECT = new ScriptRoutes(Scripts::runCheck, Scripts::startNotify,
        line -> { });
  }

  /** One instance's sockets, opened while the agent is still root. */
  record Opened(VrrpInstance instance, LinkInfo link, InetAddress src, AdvertSocket socket,
      NetEffects effects) {

    static Opened open(VrrpInstance i) throws IOException {
      LinkInfo link = LinkInfo.of(i.iface(), i.addresses(), i.ipv6());
      AdvertSocket socket;
      InetAddress src;
      if (i.ipv6()) {
        // IPv6 unicast is refused by the parser (KeywordSupport.IPV6): multicast from the
        // link-local address.
        src = link.primary();
        socket = RawVrrp6Socket.open(i.iface(), link.index(), (Inet6Address) src,
            RECEIVE_TIMEOUT, LINK_LOCAL_WAIT);
      } else {
        Inet4Address v4 = i.unicastSrcIp().orElse((Inet4Address) link.primary());
        src = v4;
        socket = RawVrrpSocket.open(i.iface(), link.index(), v4, i.unicastPeers().isEmpty(),
            RECEIVE_TIMEOUT);
      }
      try {
        return new Opened(i, link, src, socket, new NetEffects(i, link, src, socket));
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }

    /** The same sockets running {@code next}, which a reload matched to this instance. */
    Opened with(VrrpInstance next) {
      return new Opened(next, link, src, socket, effects);
    }

    void close() {
      effects.close();
      socket.close();
    }
  }
}
