package lbchaos.harness.bench;

import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.event.ServerState;
import lbchaos.event.VipChange;
import lbchaos.verdict.Bound;
import lbchaos.harness.check.Checks;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.history.History;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.scenario.Waits;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import lbchaos.probe.LoadSummary;

/** One trial of each kind, on a fresh topology; each returns its figures by name. */
final class Trials {

  static final ProbeSpec PROBE = ProbeSpec.DEFAULT;
  private final PrintStream log;
  private final PrintStream progress;

  /**
   * @param log the sessions' own output (topology steps; the bench discards it)
   * @param progress what a reader of the bench's output wants between its rows: a soak's window,
   *     and why a trial gave fewer figures than asked
   */
  Trials(PrintStream log, PrintStream progress) {
    this.log = log;
    this.progress = progress;
  }

  /** Master crash (kill) or graceful stop: time for the VIP to move, client-visible outage. */
  Map<String, Double> failover(Stack stack, LbSettings s, boolean graceful) {
    long begun = System.nanoTime();
    try (Session ss = Session.start(LabSpec.article(stack).withSettings(s), log, ProbeWatcher.NONE)) {
      String master = Waits.ready(ss, Expectations.masterDownInterval(Timings.vrrp(s, 1)));
      // Ready as a user means it: every webserver answering through the VIP (images warm).
      double ready = (System.nanoTime() - begun) / 1e9;
      String backup = ss.lab().otherLb(master);
      Bound masterDown = Expectations.masterDownInterval(Timings.vrrp(s, lbIndex(backup)));
      ss.startProbe(PROBE);
      Waits.answers(ss, 10, PROBE);
      // The VRRP daemon's memory after a few seconds of adverts (keepalived's newest process is
      // its VRRP child), before the fault.
      double vrrpRss = rssMiB(ss.lab().node(master), stack.javaOn(lbIndex(master))
          ? "agents.jar vrrp" : "keepalived");
      Fault f = graceful ? Faults.stop(master) : Faults.kill(master);
      ss.nemesis().inject(f);
      long injected = ss.history().faults().getLast().at();
      awaitVipOn(ss, backup, injected, masterDown, Duration.ofMillis(50));
      Waits.answers(ss, 10, PROBE);
      ss.stopProbe();
      var h = ss.history();
      long moved = vipAdded(h, backup, injected).orElseThrow();
      double outage = Checks.clientOutage(f.name(), masterDown).check(h).figure("outage_s");
      Map<String, Double> figures = new HashMap<>(Map.of("vip_move_s", (moved - injected) / 1e6,
          "outage_s", outage, "startup_s", ss.lab().startupTime().toNanos() / 1e9,
          "ready_s", ready, "vrrp_rss_mib", vrrpRss));
      if (!graceful) {
        takeoverExcess(ss, ss.lab().node(master).ip(), injected, masterDown, "")
            .ifPresent(t -> figures.put("takeover_excess_ms", t.excessMillis()));
      }
      return figures;
    }
  }

  /**
   * {@code kills} master crashes in one topology (issue 22: twenty fresh topologies per stack
   * take too long on a shared 2-core machine): kill the master, measure the takeover, start it
   * again, wait until it holds the VIP again (the article's loadbalancer-1 is the address owner
   * and takes it back at once) and the backup is backup again, repeat. Each takeover is judged
   * on the History's slice from the cycle's start to its heal, with the same figures as {@link
   * #failover}; the restarted master's start to first advert ({@link StartupTime}) comes with
   * each cycle too. A cycle that shows no takeover adds no figure (the log says why).
   */
  Map<String, List<Double>> takeovers(Stack stack, LbSettings s, int kills, ProbeSpec probe) {
    Map<String, List<Double>> out = new HashMap<>();
    try (Session ss = Session.start(LabSpec.article(stack).withSettings(s), log, ProbeWatcher.NONE)) {
      String master = Waits.ready(ss, Expectations.masterDownInterval(Timings.vrrp(s, 1)));
      String backup = ss.lab().otherLb(master);
      Bound masterDown = Expectations.masterDownInterval(Timings.vrrp(s, lbIndex(backup)));
      Node m = ss.lab().node(master);
      ss.startProbe(probe);
      for (int k = 0; k < kills; k++) {
        // The cycle's slice starts before the answers that show the healthy baseline.
        long cycle = lbchaos.event.Events.nowMicros();
        Waits.answers(ss, 10, probe);
        Fault f = Faults.kill(master);
        ss.nemesis().inject(f);
        long injected = ss.history().faults().getLast().at();
        awaitVipOn(ss, backup, injected, masterDown, Duration.ofMillis(20));
        Waits.answers(ss, 10, probe);
        String what = "cycle " + k + ": ";
        takeoverExcess(ss, m.ip(), injected, masterDown, what).ifPresent(t -> {
          add(out, "takeover_excess_ms", t.excessMillis());
          if (stack.javaOn(lbIndex(backup))) {
            split(ss, backup, injected, t, what).ifPresent(x -> {
              add(out, "timer_late_ms", x.timerLateMillis());
              add(out, "to_advert_ms", x.toAdvertMillis());
              add(out, "rest_ms", x.restMillis());
            });
          }
        });
        long healing = lbchaos.event.Events.nowMicros();
        var slice = ss.history().between(cycle, healing);
        vipAdded(slice, backup, injected)
            .ifPresent(moved -> add(out, "vip_move_s", (moved - injected) / 1e6));
        add(out, "outage_s", Checks.clientOutage(f.name(), masterDown).check(slice)
            .figure("outage_s"));
        ss.nemesis().heal(f);
        long started = startedMicros(m);
        settled(ss, master, backup, healing, s);
        StartupTime.of(ss.history(), m.name(), m.ip(), started).firstAdvertSeconds()
            .ifPresent(v -> add(out, "first_advert_s", v));
      }
      ss.stopProbe();
      return out;
    }
  }

  /**
   * After a heal: {@code master} alone holds the VIP again, {@code backup} has said it is backup
   * since {@code fromMicros} (it heard the returning owner), and answers flow through the VIP.
   */
  private static void settled(Session ss, String master, String backup, long fromMicros,
      LbSettings s) {
    Bound down = Expectations.masterDownInterval(Timings.vrrp(s, lbIndex(backup)));
    await(master + " holding the VIP again, " + backup + " backup")
        .atMost(down.value().plus(RESTART_CAP))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ss.history().of(lbchaos.event.VrrpStateChange.class).stream()
            .filter(c -> c.source().equals(backup) && c.at() >= fromMicros).reduce((a, b) -> b)
            .map(c -> c.to() == lbchaos.event.VrrpStateChange.VrrpRole.BACKUP).orElse(false)
            && ss.lab().vipHolders().equals(List.of(master)));
    Waits.ready(ss, down);
  }

  /**
   * The backup starved of CPU ({@code percent} of one CPU for {@code hold}) while the master
   * runs and the probe asks: every VRRP state change in that window, on either LB, is spurious
   * (nothing failed), and so is every advert on the wire from the backup. Issue 22 item 3 wants
   * none. The hold is the measurement's length, not a wait for a condition.
   */
  Map<String, Double> starvedBackup(Stack stack, LbSettings s, int percent, Duration hold) {
    return quiet(stack, s, backup -> java.util.Optional.of(Faults.starveCpu(backup, percent)),
        hold, PROBE);
  }

  /**
   * Nothing fails for {@code hold} while {@code probe} asks through the VIP (issue 22 item 4's
   * soak at the protocol's shortest interval): every state change and backup advert in it is
   * spurious.
   */
  Map<String, Double> calm(Stack stack, LbSettings s, Duration hold, ProbeSpec probe) {
    return quiet(stack, s, backup -> java.util.Optional.empty(), hold, probe);
  }

  /** The window of {@code hold} with the fault {@code onBackup} names (if any) held on it. */
  private Map<String, Double> quiet(Stack stack, LbSettings s,
      java.util.function.Function<String, java.util.Optional<Fault>> onBackup, Duration hold,
      ProbeSpec probe) {
    try (Session ss = Session.start(LabSpec.article(stack).withSettings(s), log, ProbeWatcher.NONE)) {
      String master = Waits.ready(ss, Expectations.masterDownInterval(Timings.vrrp(s, 1)));
      String backup = ss.lab().otherLb(master);
      ss.startProbe(probe);
      Waits.answers(ss, 10, probe);
      java.util.Optional<Fault> f = onBackup.apply(backup);
      long from = Events.nowMicros();
      f.ifPresent(ss.nemesis()::inject);
      // The window is the measurement (a soak holds minutes): say when it ends.
      progress.printf("    %s: holding %d s, until %s UTC%n", stack.label(), hold.toSeconds(),
          java.time.LocalTime.now(java.time.ZoneOffset.UTC).plus(hold)
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      try {
        Thread.sleep(hold);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long to = Events.nowMicros();
      f.ifPresent(ss.nemesis()::heal);
      Waits.answers(ss, 5, probe);
      ss.stopProbe();
      return spurious(ss.history().between(from, to), ss.lab().node(master).ip(),
          ss.lab().node(backup).ip());
    }
  }

  /**
   * Spurious VRRP activity in a window where nothing failed: state changes on any node, and
   * adverts on the wire from {@code backupIp} (a backup that thinks the master is gone); beside
   * them the longest gap between {@code masterIp}'s adverts on the wire, which says whose delay
   * a takeover answered: a master late past the master down interval, or a backup that did not
   * hear one in time.
   */
  static Map<String, Double> spurious(lbchaos.harness.history.History window, String masterIp,
      String backupIp) {
    long changes = window.of(lbchaos.event.VrrpStateChange.class).size();
    List<lbchaos.event.AdvertSeen> wire = lbchaos.harness.history.Wire.adverts(window);
    long adverts = wire.stream().filter(a -> a.from().equals(backupIp) && a.priority() > 0)
        .count();
    long[] masters = wire.stream().filter(a -> a.from().equals(masterIp))
        .mapToLong(lbchaos.event.AdvertSeen::at).toArray();
    long gap = 0;
    for (int i = 1; i < masters.length; i++) {
      gap = Math.max(gap, masters[i] - masters[i - 1]);
    }
    return Map.of("spurious_transitions", (double) changes, "backup_adverts", (double) adverts,
        "master_gap_ms", gap / 1000.0);
  }

  /** A generous cap for a node's restart (docker start, a JVM's start-up on a busy machine). */
  static final Duration RESTART_CAP = Duration.ofSeconds(20);

  /** The LB that is not {@code master} (the article's pair). */
  /** Waits for {@code backup} to add the VIP after the fault at {@code injected}. */
  private static void awaitVipOn(Session ss, String backup, long injected, Bound masterDown,
      Duration poll) {
    await("VIP on " + backup).atMost(masterDown.value().plusSeconds(5))
        .pollInterval(poll).until(() -> vipAdded(ss.history(), backup, injected).isPresent());
  }

  /** When {@code backup} first added the VIP at or after {@code injected}. */
  private static java.util.OptionalLong vipAdded(lbchaos.harness.history.History h,
      String backup, long injected) {
    return h.of(VipChange.class).stream()
        .filter(v -> v.added() && v.source().equals(backup) && v.at() >= injected)
        .mapToLong(VipChange::at).min();
  }

  /**
   * The wire's view of the takeover, against the protocol's own Master_Down_Interval, in ms. The
   * observer's events travel through its pipe and the container log: waited for; none when the
   * wire never showed it (logged, prefixed with {@code what}).
   */
  private java.util.Optional<TakeoverExcess> takeoverExcess(Session ss, String crashedIp,
      long injected, Bound masterDown, String what) {
    try {
      return await("the takeover on the wire").atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> TakeoverExcess.of(ss.history(), crashedIp, injected, masterDown),
              java.util.Optional::isPresent);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      progress.println("    " + what + "no takeover seen on the wire: " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  /**
   * A java successor's own split of {@code t} ({@link TakeoverSplit}): its MASTER report follows
   * its VIP's event through the container log, so it is waited for a little (keepalived's never
   * carries one: not asked). None when it did not come (logged, prefixed with {@code what}): the
   * split's lists then have fewer figures than the excess's.
   */
  private java.util.Optional<TakeoverSplit> split(Session ss, String successor, long injected,
      TakeoverExcess t, String what) {
    try {
      return await("the MASTER report of " + successor).atMost(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> TakeoverSplit.of(ss.history(), successor, injected, t),
              java.util.Optional::isPresent);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      progress.println("    " + what + "no takeover timings from " + successor + ": " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private static void add(Map<String, List<Double>> out, String figure, double v) {
    out.computeIfAbsent(figure, x -> new java.util.ArrayList<>()).add(v);
  }

  /**
   * A fresh topology: from loadbalancer-1's container start to its first advert, and to its own
   * MASTER report. Its rendered keepalived.conf says {@code state MASTER} (see {@link
   * StartupTime}); the second LB waits its master down interval by design and is not measured.
   */
  Map<String, Double> startup(Stack stack) {
    try (Session ss = Session.start(LabSpec.article(stack), log, ProbeWatcher.NONE)) {
      Node lb1 = ss.lab().node("loadbalancer-1");
      long started = startedMicros(lb1);
      Waits.ready(ss, Expectations.masterDownInterval(Timings.vrrp(LbSettings.ARTICLE, 1)));
      try {
        await("loadbalancer-1's first advert and MASTER report in the History")
            .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
            .until(() -> StartupTime.of(ss.history(), lb1.name(), lb1.ip(), started),
                x -> x.firstAdvertMicros().isPresent() && x.masterMicros().isPresent());
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        progress.println("    startup: " + e.getMessage()); // one of the two figures is enough
      }
      StartupTime t = StartupTime.of(ss.history(), lb1.name(), lb1.ip(), started);
      Map<String, Double> figures = new HashMap<>();
      t.firstAdvertSeconds().ifPresent(v -> figures.put("first_advert_s", v));
      t.masterSeconds().ifPresent(v -> figures.put("master_s", v));
      return figures;
    }
  }

  /**
   * When the node's daemons could start, in epoch microseconds: the engine's StartedAt of its
   * container, or, for an LB held until the webservers answered, its release (the later).
   */
  static long startedMicros(Node node) {
    String at = lbchaos.harness.docker.Docker.client().inspectContainerCmd(node.containerId())
        .exec().getState().getStartedAt();
    java.time.Instant i = java.time.Instant.parse(at);
    long started = i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    return Math.max(started, node.releasedMicros().orElse(started));
  }

  /** Webserver-1 killed: seconds until a proxy marks it down, failed client requests meanwhile. */
  Map<String, Double> backendCrash(Stack stack, LbSettings s) {
    try (Session ss = Session.start(LabSpec.article(stack).withSettings(s), log, ProbeWatcher.NONE)) {
      Waits.ready(ss, Expectations.masterDownInterval(Timings.vrrp(s, 1)));
      ss.startProbe(PROBE);
      Waits.answers(ss, 10, PROBE);
      long injected = Events.nowMicros();
      ss.nemesis().inject(Faults.kill("webserver-1"));
      Waits.serverState(ss, "backend-1", false, injected, new Bound(Duration.ofSeconds(40),
          "a generous cap: this is a measurement, the suites hold the bounds"));
      Waits.answers(ss, 10, PROBE);
      ss.stopProbe();
      var h = ss.history();
      long down = h.of(ServerState.class).stream()
          .filter(e -> !e.up() && e.server().equals("backend-1") && e.at() >= injected)
          .mapToLong(ServerState::at).min().orElseThrow();
      long failed = h.probes().stream().filter(p -> !p.ok() && p.at() >= injected).count();
      return Map.of("detection_s", (down - injected) / 1e6, "failed_requests", (double) failed);
    }
  }

  /**
   * Steady load from the client through the VIP, a new connection per request: requests/s,
   * p50/p99 latency, proxy RSS and CPU per request; then the same figures from wrk, with
   * keep-alive and with a connection per request, in the same topology (see {@link #wrk}), and
   * the user part of wrk's CPU per request;
   * {@code s} says whether the proxies run mode tcp or mode http.
   * The same load runs for {@code warmup} first, unmeasured (see {@link Bench.Plan}), then wrk
   * kept alive until the proxy has settled ({@link #settle}; "settled_s"). The
   * webservers do not log the requests: that log's way through docker to the harness cost about
   * as much CPU as a proxy, and its cost per request moved with the proxy's timing (see
   * {@link LabSpec#accessLogs()}).
   */
  Map<String, Double> throughput(Stack stack, LbSettings s, int concurrency, Duration warmup,
      Duration duration) {
    try (Session ss = Session.start(LabSpec.article(stack).withSettings(s).withoutAccessLogs(),
        log, ProbeWatcher.NONE)) {
      String master = Waits.ready(ss, Expectations.masterDownInterval(Timings.vrrp(s, 1)));
      Node lb = ss.lab().node(master);
      boolean java = stack.javaOn(lbIndex(master));
      String proxy = java ? "agents.jar proxy" : "haproxy";
      Map<String, Double> figures = new HashMap<>();
      if (!warmup.isZero()) {
        load(ss, concurrency, warmup, "warm-up");
        figures.put("settled_s", settle(ss, lb, proxy, concurrency));
      }
      CpuTicks ticks = cpuTicks(lb, proxy);
      LoadSummary sum = load(ss, concurrency, duration, "load");
      figures.putAll(Map.of("rps", sum.requestsPerSecond(), "p50_ms", sum.p50Millis(),
          "p99_ms", sum.p99Millis(), "errors", (double) sum.errors(),
          "proxy_rss_mib", rssMiB(lb, proxy),
          "proxy_cpu_us", cpuMicrosPerRequest(cpuTicks(lb, proxy).minus(ticks).total(),
              sum.count())));
      // wrk, with keep-alive and with a connection per request, then kept alive on a page of
      // PAGE_BYTES.
      writePage(ss);
      for (WrkRun run : WRK_RUNS) {
        String prefix = run.prefix();
        CpuTicks before = cpuTicks(lb, proxy);
        WrkResult w = wrk(ss, concurrency, duration, run.keepAlive(), run.path());
        CpuTicks spent = cpuTicks(lb, proxy).minus(before);
        figures.putAll(Map.of(prefix + "rps", w.requestsPerSecond(), prefix + "p50_ms",
            w.p50Millis(), prefix + "p99_ms", w.p99Millis(), prefix + "errors",
            (double) w.errors(), prefix + "cpu_us", cpuMicrosPerRequest(spent.total(),
                w.requests()), prefix + "user_us", cpuMicrosPerRequest(spent.user(),
                w.requests())));
      }
      if (java) {
        // Its figures depend on it (epoll costs more per connection than io_uring, and Docker 25
        // and later allow only epoll): say which the engine gave it.
        progress.println("    " + master + ": the java proxy ran on "
            + proxyTransport(ss.history(), master).orElse("a transport its log did not name")
            + proxyTls(ss.history(), master).map(t -> ", TLS by " + t).orElse(""));
      }
      return figures;
    }
  }

  /**
   * The transport the java proxy on {@code node} said it started on ("proxy loadbalancer-1:
   * started on io_uring with ..."), from the node's log lines in the history.
   */
  static Optional<String> proxyTransport(History h, String node) {
    return said(h, node, STARTED_ON);
  }

  /** The first group of the first of {@code node}'s log lines that {@code p} finds. */
  private static Optional<String> said(History h, String node, Pattern p) {
    return h.of(LogLine.class).stream().filter(l -> l.source().equals(node))
        .map(l -> p.matcher(l.line())).filter(Matcher::find).map(m -> m.group(1)).findFirst();
  }

  private static final Pattern STARTED_ON = Pattern.compile("proxy \\S+: started on (\\S+) ");

  /**
   * The TLS library the java proxy on {@code node} said it uses ("proxy: TLS by BoringSSL
   * (netty-tcnative)", or the JDK's provider where that did not load: about twice the CPU per
   * handshake); none when its configuration has no TLS.
   */
  static Optional<String> proxyTls(History h, String node) {
    return said(h, node, TLS_BY);
  }

  private static final Pattern TLS_BY = Pattern.compile("^proxy: TLS by (.+)$");

  /**
   * The article's page is some 50 bytes, one read each way; a site's pages are kilobytes, and a
   * proxy relays a page bigger than its read size in several reads and writes (2 KiB reads cost
   * the java proxy 3-5x haproxy's CPU per request on pages of 64-135 KiB, BENCHMARKS.md
   * session 32). The "wrk_64k_" rows fetch this page, kept alive, from every webserver.
   */
  static final String PAGE = "page-64k.html";
  static final int PAGE_BYTES = 64 * 1024;

  /** One wrk run of a load trial: its rows' prefix, and what it asks for. */
  record WrkRun(String prefix, boolean keepAlive, String path) {}

  /** Kept alive, a connection per request, then kept alive on {@link #PAGE}. */
  static final List<WrkRun> WRK_RUNS = List.of(new WrkRun("wrk_", true, ""),
      new WrkRun("wrk_close_", false, ""), new WrkRun("wrk_64k_", true, PAGE));

  /** Writes {@link #PAGE} into each webserver's document root. */
  private static void writePage(Session ss) {
    for (Node web : ss.lab().webservers()) {
      var r = web.exec(Duration.ofSeconds(20), "sh", "-c", "head -c " + PAGE_BYTES
          + " /dev/zero | tr '\\0' x > /var/www/html/" + PAGE);
      if (r.exitCode() != 0) {
        throw new IllegalStateException("could not write " + PAGE + " on " + web.name() + ": "
            + r.stderr());
      }
    }
  }

  /** One window of {@link #settle}, and the most it runs. */
  static final Duration SETTLE_WINDOW = Duration.ofSeconds(5);
  static final Duration SETTLE_MAX = Duration.ofSeconds(120);

  /**
   * wrk kept alive (the path the Java probe's warm-up does not take) in windows of
   * {@link #SETTLE_WINDOW} until the proxy has settled ({@link Settling}: its JIT compiler
   * quiet), at most {@link #SETTLE_MAX}; the seconds it ran. Not settled by then, the trial goes
   * on and says so: its figures include some compiling.
   */
  private double settle(Session ss, Node lb, String proxy, int concurrency) {
    Settling settling = new Settling();
    int windows = 0;
    while (!settling.settled() && SETTLE_WINDOW.multipliedBy(windows).compareTo(SETTLE_MAX) < 0) {
      CpuTicks compiler = compilerTicks(lb, proxy);
      CpuTicks process = cpuTicks(lb, proxy);
      wrk(ss, concurrency, SETTLE_WINDOW, true);
      windows++;
      settling.add(compilerTicks(lb, proxy).minus(compiler), cpuTicks(lb, proxy).minus(process));
    }
    double seconds = SETTLE_WINDOW.multipliedBy(windows).toSeconds();
    progress.println("    " + (proxy.equals("haproxy") ? "haproxy" : "the java proxy")
        + (settling.settled() ? " settled after " + seconds
        + " s of wrk (JIT quiet)" : " still compiling after " + seconds + " s of wrk: its"
        + " figures include some"));
    return seconds;
  }

  static double cpuMicrosPerRequest(long ticks, long requests) {
    return ticks * 1e6 / USER_HZ / Math.max(1, requests);
  }

  /**
   * wrk from the client through the VIP: one thread (the client's share of the cores stays
   * small), {@code connections} connections, each kept alive or closed after every answer
   * ("Connection: close", which wrk follows with a new connection).
   */
  private static WrkResult wrk(Session ss, int connections, Duration duration, boolean keepAlive) {
    return wrk(ss, connections, duration, keepAlive, "");
  }

  /** As above, for {@code path} under the service's root ("" for the root's page). */
  private static WrkResult wrk(Session ss, int connections, Duration duration, boolean keepAlive,
      String path) {
    List<String> cmd = new java.util.ArrayList<>(List.of("wrk", "-t1", "-c" + connections,
        "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "2s"));
    if (!keepAlive) {
      cmd.addAll(List.of("-H", "Connection: close"));
    }
    // Over TLS when the frontend binds with ssl: with "Connection: close" every request is a
    // new connection and a full handshake (wrk does not resume sessions), so wrk_close_rps is
    // handshakes per second.
    cmd.add(ss.lab().serviceUrl() + path);
    var r = ss.lab().client().exec(duration.plusSeconds(30), cmd.toArray(String[]::new));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("wrk exited " + r.exitCode() + ": " + r.stdout()
          + r.stderr());
    }
    return WrkResult.parse(r.stdout());
  }

  private static LoadSummary load(Session ss, int concurrency, Duration duration, String name) {
    List<String> cmd = new java.util.ArrayList<>(List.of("lbchaos-java", "probe",
        "--target", ss.lab().plan().vip() + ":" + ss.lab().plan().servicePort(), "--concurrency",
        Integer.toString(concurrency), "--duration", duration.toSeconds() + "s",
        "--summary-only", "--mode", "http", "--timeout", "2s", "--name", name));
    if (ss.lab().serviceTls()) {
      cmd.add("--tls");
    }
    var r = ss.lab().client().exec(duration.plusSeconds(30), cmd.toArray(String[]::new));
    return r.stdout().lines().map(LoadSummary::parse).flatMap(java.util.Optional::stream)
        .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no " + name
            + " summary: " + r.stdout() + r.stderr()));
  }

  /**
   * The proxy's resident memory idle and with {@code n} client connections held open through the
   * VIP, each relayed to a webserver (the article's config is mode tcp, so the proxy connects a
   * backend at accept; the webservers get room for their share, see {@link WebserverCapacity}).
   * The figure is taken only once the LB node shows n established connections on both sides.
   */
  /** RSS samples over the hold, one a second; the probe holds for 25 s in all. */
  static final int HOLD_SAMPLES = 8;
  private static final Duration HOLD_SAMPLING = Duration.ofSeconds(15);

  Map<String, Double> heldConnections(Stack stack, int n) {
    try (Session ss = Session.start(LabSpec.article(stack), log, ProbeWatcher.NONE)) {
      String master = Waits.ready(ss, Expectations.masterDownInterval(
          Timings.vrrp(LbSettings.ARTICLE, 1)));
      Node lb = ss.lab().node(master);
      String proxy = stack.javaOn(lbIndex(master)) ? "agents.jar proxy" : "haproxy";
      List<Node> web = ss.lab().webservers();
      for (Node w : web) {
        // Round robin gives each its share; a quarter more for the check script's requests.
        WebserverCapacity.raise(w, (n / web.size() + 1) * 5 / 4);
      }
      double idle = rssMiB(lb, proxy);
      double idlePss = pssMiB(lb, proxy);
      var plan = ss.lab().plan();
      java.util.Set<String> webIps = java.util.Set.copyOf(plan.webservers());
      var lines = new java.util.concurrent.CopyOnWriteArrayList<String>();
      // Held for less than the rendered "timeout client/server 30s", after which both proxies
      // close an idle session.
      try (var probe = ss.lab().client().stream(lines::add, "lbchaos-java", "probe", "--hold",
          Integer.toString(n), "--target", plan.vip() + ":" + plan.servicePort(),
          "--duration", "25s", "--timeout", "2s")) {
        await("the probe's " + n + " connections tried").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> lines.stream().anyMatch(l -> l.contains("\"summary\":\"hold\"")));
        java.util.function.Supplier<ConnectionsHeld> counted = () -> ConnectionsHeld.of(
            lb.exec(Duration.ofSeconds(10), ConnectionsHeld.SS.toArray(String[]::new)).stdout(),
            plan.vip(), plan.servicePort(), webIps);
        ConnectionsHeld held;
        try {
          held = await(n + " connections established on both sides of " + master)
              .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
              .until(counted::get, c -> c.atLeast(n));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new IllegalStateException("not all " + n + " held: " + lines + " "
              + counted.get(), e);
        }
        // RSS over the hold, not at its first moment: just after the last connection the proxy
        // may still be compiling (C2's arenas) or collecting, a transient of seconds that one
        // sample reads as the held figure or not by chance. The median says what holding
        // costs, the peak is kept beside it; both proxies are sampled alike.
        List<Double> rss = new java.util.ArrayList<>();
        await("the proxy's RSS over " + HOLD_SAMPLES + " samples").atMost(HOLD_SAMPLING)
            .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
            .until(() -> rss.add(rssMiB(lb, proxy)) && rss.size() >= HOLD_SAMPLES);
        double pss = pssMiB(lb, proxy);
        ConnectionsHeld after = counted.get();
        if (!after.atLeast(n)) {
          throw new IllegalStateException("connections dropped while the RSS was sampled: "
              + after + " " + lines);
        }
        List<Double> sorted = rss.stream().sorted().toList();
        Map<String, Double> figures = new java.util.HashMap<>(Map.of(
            "proxy_rss_mib", Measurement.pct(sorted, 0.5), "proxy_rss_peak_mib", sorted.getLast(),
            "idle_rss_mib", idle, "client_side", (double) held.clientSide(),
            "server_side", (double) held.serverSide()));
        if (!Double.isNaN(pss) && !Double.isNaN(idlePss)) {
          figures.put("proxy_pss_mib", pss);
          figures.put("idle_pss_mib", idlePss);
        }
        return figures;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** 0 for loadbalancer-1, 1 for loadbalancer-2: the index the rendered configs use. */
  static int lbIndex(String lb) {
    return Integer.parseInt(lb.substring(lb.lastIndexOf('-') + 1)) - 1;
  }

  /**
   * Proportional set size summed over every process matching {@code pattern}, in MiB: haproxy -W
   * runs a master and a worker that share pages after the fork, so the largest RSS alone is the
   * master's and a sum of RSS counts the shared pages twice; PSS counts each page once.
   * NaN when no process's smaps could be read: our agents drop to another user, which makes
   * them non-dumpable, and reading their smaps then needs CAP_SYS_PTRACE, which no LB gets (a
   * single JVM process shares nothing with a sibling, so its RSS row is the fair figure).
   */
  static double pssMiB(Node node, String pattern) {
    long[] kib = eachProcess(node, pattern, "grep '^Pss:' /proc/$p/smaps_rollup").stream()
        .map(l -> l.replaceAll("\\D+", ""))
        .filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
    return kib.length == 0 ? Double.NaN : java.util.Arrays.stream(kib).sum() / 1024.0;
  }

  /** Clock ticks per second of /proc/PID/stat's times: USER_HZ, 100 on every Linux build. */
  static final int USER_HZ = 100;

  /**
   * User and system CPU time of the processes matching {@code pattern} (all their threads;
   * haproxy's master and worker). Per request over a load of some seconds it is the proxy's own
   * cost, which the requests/s of a shared 2-core machine blur with the load generator's and the
   * webservers'.
   */
  static CpuTicks cpuTicks(Node node, String pattern) {
    return ticks(node, pattern, "cat /proc/$p/stat");
  }

  /**
   * CPU time of the JIT compiler threads of the processes matching {@code pattern} (a JVM's
   * "C2 CompilerThre..." and "C1 CompilerThre..."; none in haproxy).
   */
  static CpuTicks compilerTicks(Node node, String pattern) {
    return ticks(node, pattern, "for t in /proc/$p/task/*; do case $(cat $t/comm) in"
        + " 'C1 Compiler'*|'C2 Compiler'*) cat $t/stat;; esac; done");
  }

  /** The sum of the /proc stat lines {@code command} prints for each matching process. */
  private static CpuTicks ticks(Node node, String pattern, String command) {
    return eachProcess(node, pattern, command).stream().filter(l -> !l.isBlank())
        .map(CpuTicks::parse).reduce(CpuTicks.ZERO, CpuTicks::plus);
  }

  /** Resident set of the largest process matching {@code pattern} in the node, in MiB. */
  static double rssMiB(Node node, String pattern) {
    return eachProcess(node, pattern, "grep VmRSS /proc/$p/status").stream()
        .map(l -> l.replaceAll("\\D+", ""))
        .filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).max().orElse(0) / 1024.0;
  }

  /**
   * The output lines of {@code command}, run in the node with {@code $p} set to each process
   * matching {@code pattern}; not for the shell running it, whose command line matches too.
   */
  private static List<String> eachProcess(Node node, String pattern, String command) {
    return node.exec(Duration.ofSeconds(10), "sh", "-c", "for p in $(pgrep -f '" + pattern
        + "'); do [ $p = $$ ] || " + command + "; done").stdout().lines().toList();
  }

}
