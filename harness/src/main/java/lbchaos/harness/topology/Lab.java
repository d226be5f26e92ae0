package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import lbchaos.harness.config.ConfigFiles;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.image.AgentsJar;
import lbchaos.harness.image.BaseRecipe;
import lbchaos.harness.image.Images;
import lbchaos.harness.topology.NodeSpec.Role;

/**
 * The article's topology, running: a private bridge, webservers, LB nodes with the chosen stack,
 * a client and a wire observer. Closing it removes every container and the network; a shutdown
 * hook does the same if the JVM ends first.
 */
public final class Lab implements AutoCloseable {

  private final DockerClient docker;
  private final RunId run;
  private final LabSpec spec;
  private final AddressPlan plan;
  private final LabNetwork network;
  private final List<LabNetwork> extraNetworks = new CopyOnWriteArrayList<>();
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  /** {@link #serviceTls()}, once known. */
  private volatile Boolean serviceTls;
  /** The namespace holders of a team's webservers: closed after the webservers. */
  private final List<Node> holders = new CopyOnWriteArrayList<>();
  /** The wire taps in the LBs' namespaces: not nodes of the topology, closed before the LBs. */
  private final List<Node> taps = new CopyOnWriteArrayList<>();
  private final Thread hook;
  private volatile Duration startup = Duration.ZERO;
  /** The topology a user's configs fix, or null for the article's rendered configs. */
  private volatile TopologyFromConfigs.UserTopology user;
  private volatile boolean closed;

  private Lab(DockerClient docker, RunId run, LabSpec spec, AddressPlan plan, LabNetwork network) {
    this.docker = docker;
    this.run = run;
    this.spec = spec;
    this.plan = plan;
    this.network = network;
    this.hook = new Thread(this::close, "lbchaos-cleanup-" + run);
  }

  /**
   * Builds images where missing, then the network and every container. Lines the containers
   * print go to {@code lines} with the engine's timestamps.
   */
  public static Lab start(LabSpec spec, Consumer<Node.Line> lines, PrintStream progress) {
    return start(spec, lines, progress, plan -> { });
  }

  /**
   * As above; {@code beforeNodes} learns the addresses before any container starts, so that
   * whatever reads the containers' lines knows, e.g., the VIP from the very first line.
   */
  public static Lab start(LabSpec spec, Consumer<Node.Line> lines, PrintStream progress,
      Consumer<AddressPlan> beforeNodes) {
    return start(spec, lines, progress, beforeNodes, null);
  }

  /**
   * As above, on the images {@code images} builds (the benchmark's cold start, on fresh tags);
   * null for the usual ones.
   */
  public static Lab start(LabSpec spec, Consumer<Node.Line> lines, PrintStream progress,
      Consumer<AddressPlan> beforeNodes, Images images) {
    // Bad input is reported before anything starts.
    spec.userKeepalived().forEach(f -> ConfigFiles.check(f, ConfigFiles.Kind.KEEPALIVED));
    if (spec.userHaproxy() != null) {
      ConfigFiles.check(spec.userHaproxy(), ConfigFiles.Kind.HAPROXY);
    }
    // A user's configs fix the addresses: the topology comes from them.
    TopologyFromConfigs.UserTopology user = spec.userKeepalived().isEmpty() ? null
        : TopologyFromConfigs.derive(spec.userKeepalived(), spec.userHaproxy(), spec.scripts());
    if (user != null) {
      user.notes().forEach(n -> progress.println("lbchaos: " + n));
    }
    DockerClient docker = Docker.client();
    if (spec.webserverImage() != null) {
      requireLocal(docker, spec.webserverImage());
    }
    Sweeper.Swept swept = Sweeper.staleRuns(docker);
    if (swept.total() > 0) {
      progress.printf("lbchaos: removed leftovers of earlier runs: %d containers, %d networks%n",
          swept.containers(), swept.networks());
    }
    swept.advice().forEach(progress::println);
    String image = (images != null ? images : new Images(docker, progress))
        .ensureNode(AgentsJar.locate(), BaseRecipe.debian(spec.stack().debian()));
    long t0 = System.nanoTime();
    RunId run = RunId.random();
    AddressPlan plan;
    LabNetwork net;
    if (user == null) {
      boolean ipv6 = spec.settings().dualStack();
      net = LabNetwork.create(docker, run, "", ipv6);
      plan = new AddressPlan(net.prefix(), spec.lbCount(), spec.webCount(), null, ipv6);
    } else {
      plan = AddressPlan.given(user.addresses());
      net = LabNetwork.createAt(docker, run, plan.subnet(), plan.gateway(), image);
    }
    Lab lab = new Lab(docker, run, spec, plan, net);
    beforeNodes.accept(plan);
    lab.user = user;
    Runtime.getRuntime().addShutdownHook(lab.hook);
    try {
      lab.startNodes(image, lines, t0);
      // Containers up and the LBs' daemons released: the VIP answering comes after (the wait
      // for it is the scenario's, bounded by the config).
      progress.printf("lbchaos: run %s: %s stack, %d LBs, %d webservers on %s, VRID %d"
              + " (daemons started after %.1f s)%n",
          run, spec.stack().label(), plan.lbs().size(), plan.webservers().size(),
          plan.subnet(),
          lab.vrid(), lab.startup.toNanos() / 1e9);
      return lab;
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  /** The isolated wrapper's first argument: hold the command until {@link #RELEASE} exists. */
  static final String HOLD = "--hold";
  /**
   * In the container's own file system, so that a restarted LB is not held again. Its time of
   * modification is when the LB's daemons were let go ({@link Node#releasedMicros}).
   */
  public static final String RELEASE = "/etc/lbchaos-go";

  /** The node image's webserver script: its name, its port if not 80, its access log or none. */
  static List<String> webserverCommand(String name, int port, boolean accessLog) {
    List<String> cmd = new ArrayList<>(List.of("webserver"));
    if (!accessLog) {
      cmd.add("--no-access-log");
    }
    cmd.add(name);
    if (port != ReferenceConfigs.PORT) {
      cmd.add(Integer.toString(port));
    }
    return cmd;
  }

  /** A team's image must be on the engine already: the harness never pulls. */
  private static void requireLocal(DockerClient docker, WebserverImage w) {
    try {
      docker.inspectImageCmd(w.image()).exec();
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      throw new ConfigFiles.BadConfig("webserver image " + w.image() + " is not on the Docker"
          + " engine: build or load it first (docker build -t " + w.image() + " ., docker load);"
          + " lbchaos never pulls", e);
    }
  }

  private void startNodes(String image, Consumer<Node.Line> lines, long t0) {
    List<NodeSpec> specs = new ArrayList<>();
    List<String> webs = plan.webservers();
    if (spec.webserverImage() != null) {
      startTeamWebservers(image, lines);
      webs = List.of();
    }
    for (int i = 0; i < webs.size(); i++) {
      String name = "webserver-" + (i + 1);
      // apache binds :80 as root and drops to www-data: those three capabilities, no more.
      specs.add(new NodeSpec(name, Role.WEBSERVER, webs.get(i),
          webserverCommand(name, plan.webPort(i), spec.accessLogs()),
          List.of("NET_BIND_SERVICE", "SETUID", "SETGID"), Map.of(), List.of()));
    }
    List<String> lbs = plan.lbs();
    for (int i = 0; i < lbs.size(); i++) {
      specs.add(lbSpec(i, lbs.get(i)));
    }
    // The client opens a connection per request and closes first, so each leaves a TIME_WAIT
    // for 60 s. With the default port range a steady load of about 1,500 req/s runs out of
    // ports after ~14,000 connections (connect() prefers half of the 28,232 ports); from then on
    // every connect() searches the range, the probe burns a core in the kernel and the
    // figures measure the client, not the proxies (bench: haproxy fell from ~1,900 to ~500
    // req/s). Ports from 1024 and reuse of TIME_WAIT ports for new outgoing connections keep
    // the load generator out of the measurement; both are per network namespace.
    NodeSpec client = new NodeSpec("client", Role.CLIENT, plan.client(),
        List.of("sleep", "infinity"), List.of(), Map.of("net.ipv4.ip_local_port_range",
            "1024 65535", "net.ipv4.tcp_tw_reuse", "1"), List.of());
    // tcpdump opens eth0 (NET_RAW, NET_ADMIN) and then drops to its own user (SETUID, SETGID):
    // without the last two it exits at once and the observer sees nothing.
    specs.add(new NodeSpec("observer", Role.OBSERVER, plan.observer(), List.of("observer"),
        List.of("NET_RAW", "NET_ADMIN", "SETUID", "SETGID"), Map.of(), List.of()));
    // Everything at once: container starts are most of a topology's start-up, and the engine
    // overlaps them. The LBs' daemons are held (the image's isolated wrapper) until every
    // webserver answers: otherwise haproxy's first check can find apache not yet listening and
    // mark a healthy server DOWN at start.
    startAll(image, lines, specs);
    // The client only asks once the LBs run (the ready wait): its container starts after the
    // others rather than among them (the starts contend in the engine), beside the webservers'
    // answers and the release, and is awaited after them. Not so the observer: it must see the
    // LBs' first adverts.
    try (var beside = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Node> clientStarted = beside.submit(() -> startOne(image, lines, client));
      answersAndRelease();
      startup = Duration.ofNanos(System.nanoTime() - t0);
      join("the client", clientStarted);
    }
    if (unicast()) {
      startTaps(image, lines);
    }
    if (spec.outsider()) {
      LabNetwork other = LabNetwork.create(docker, run, "-x");
      extraNetworks.add(other);
      nodes.add(Node.start(docker, image, other, run, new NodeSpec("outsider",
          Role.OUTSIDER, other.prefix() + "." + AddressPlan.OUTSIDER,
          List.of("webserver", "outsider"), List.of("NET_BIND_SERVICE", "SETUID", "SETGID"),
          Map.of(), List.of())));
    }
  }

  /** Every webserver answering on its own, then the LBs' daemons let go. */
  private void answersAndRelease() {
    // Each webserver waited on at once: a docker exec costs 0.2-0.5 s on a busy engine.
    inParallel("the webservers' answers", (spec.webserverImage() != null ? List.<Node>of()
        : webservers()).stream().map(web -> (Callable<Node>) () -> {
          org.awaitility.Awaitility.await(web.name() + " answering")
              .atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
              .pollInterval(Duration.ofMillis(50))
              .ignoreExceptions()
              .until(() -> web.exec(Duration.ofSeconds(5), "curl", "-s", "-o", "/dev/null",
                  "--max-time", "1", "http://127.0.0.1/").ok());
          return web;
        }).toList());
    release();
  }

  /** Lets the LBs' daemons start (see {@code startNodes}): the go file their wrapper waits for. */
  private void release() {
    inParallel("the LBs' daemons", lbs().stream().map(lb -> (Callable<Node>) () -> {
      Node.ExecResult r = lb.exec(Duration.ofSeconds(10), "touch", RELEASE);
      if (!r.ok()) {
        throw new IllegalStateException(lb.name() + ": cannot release its daemons (touch "
            + RELEASE + ", exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
      }
      return lb;
    }).toList());
  }

  /**
   * Whether the LBs advertise to their peers' addresses (unicast_peer): only then does the wire
   * need the taps, at a container and a JVM per LB; multicast reaches the observer's port.
   */
  private boolean unicast() {
    return user != null
        ? user.keepalived().stream().flatMap(k -> k.instances().stream())
            .anyMatch(i -> !i.unicastPeers().isEmpty())
        : spec.settings().unicast();
  }

  /**
   * One wire tap per LB, inside its network namespace: the observer on its own bridge port sees
   * multicast and broadcast only, since the bridge forwards a unicast advert (unicast_peer) to
   * its destination's port alone. Each tap captures the VRRP its LB sends (the image's
   * {@code observer --tap}); the History holds each advert once ({@code WireCopies}). tcpdump
   * opens the interface (NET_RAW; no NET_ADMIN: it does not ask for promiscuous mode) and drops
   * to its own user (SETUID, SETGID), as the observer does.
   */
  private void startTaps(String image, Consumer<Node.Line> lines) {
    inParallel("the wire taps", lbs().stream().map(lb -> (Callable<Node>) () -> {
      Node tap = Node.startBeside(docker, image, lb, run, new NodeSpec(
          lbchaos.harness.history.Wire.tap(lb.name()), Role.OBSERVER, lb.ip(),
          List.of("observer", "--tap", lb.name()), List.of("NET_RAW", "SETUID", "SETGID"),
          Map.of(), List.of()), lines);
      taps.add(tap);
      return tap;
    }).toList());
  }

  /**
   * The webservers on a team's image: per webserver, a holder of the harness's image takes the
   * address and is isolated like any node, then the team's container starts in its namespace
   * ({@link Node#startInNetns}). The team's image need not have curl or a shell, so a helper in
   * that namespace waits for its answer.
   */
  private void startTeamWebservers(String image, Consumer<Node.Line> lines) {
    WebserverImage w = spec.webserverImage();
    List<String> webs = plan.webservers();
    for (int i = 0; i < webs.size(); i++) {
      String name = "webserver-" + (i + 1);
      int port = plan.webPort(i);
      Node holder = Node.start(docker, image, network, run, new NodeSpec(name, Role.NETNS,
          webs.get(i), List.of("sleep", "infinity"), List.of(), Map.of(), List.of()),
          name + "-netns");
      holders.add(holder);
      Node web = Node.startInNetns(docker, image, holder, run, new NodeSpec(name,
          Role.WEBSERVER, webs.get(i), List.of(), List.of(), Map.of(), List.of()), w.image(),
          Map.of(WebserverImage.NAME_VARIABLE, name, WebserverImage.PORT_VARIABLE,
              Integer.toString(port)));
      nodes.add(web);
      web.follow(lines);
      String answer = firstAnswer(image, web, port, w);
      if (w.namesItself() && !answer.contains("backend " + name)) {
        throw new IllegalStateException(name + " (image " + w.image() + ") answers without"
            + " 'backend " + name + "' in its page, though declared as naming itself: its"
            + " answer began '" + answer.strip().lines().findFirst().orElse("") + "'");
      }
    }
  }

  /** The body of the first answer to GET / in the webserver's namespace, within 20 s. */
  private String firstAnswer(String image, Node web, int port, WebserverImage w) {
    String url = "http://127.0.0.1:" + port + "/";
    Node.ExecResult r = HelperContainer.run(docker, image, run, "answer " + web.name(),
        com.github.dockerjava.api.model.HostConfig.newHostConfig()
            .withNetworkMode("container:" + web.containerId())
            .withCapDrop(com.github.dockerjava.api.model.Capability.ALL).withPrivileged(false),
        Duration.ofSeconds(40), "sh", "-c", "i=0; while [ $i -lt 200 ]; do curl -sf --max-time 1"
            + " " + url + " && exit 0; i=$((i+1)); sleep 0.1; done; exit 1");
    if (!r.ok()) {
      throw new IllegalStateException(web.name() + " (image " + w.image() + ") did not answer"
          + " GET " + url + " with a 2xx status within 20 s of its start" + (web.running() ? ""
              : " (its container exited: docker logs lbchaos-" + run + "-" + web.name() + ")"));
    }
    return r.stdout();
  }

  private void startAll(String image, Consumer<Node.Line> lines, List<NodeSpec> specs) {
    inParallel("the topology", specs.stream()
        .map(s -> (Callable<Node>) () -> startOne(image, lines, s)).toList());
  }

  private Node startOne(String image, Consumer<Node.Line> lines, NodeSpec s) {
    Node n = Node.start(docker, image, network, run, s);
    nodes.add(n);
    n.follow(lines);
    return n;
  }

  /** Runs the starts at once and waits for all; the first failure is thrown. */
  private static void inParallel(String what, List<Callable<Node>> starts) {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Node>> started = new ArrayList<>();
      for (var start : starts) {
        started.add(pool.submit(start));
      }
      for (Future<Node> f : started) {
        join(what, f);
      }
    }
  }

  /** Waits for a start; its failure is thrown as it was. */
  private static Node join(String what, Future<Node> started) {
    try {
      return started.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }

  private NodeSpec lbSpec(int i, String ip) {
    List<FileSpec> files = user != null ? user.lbFiles().get(i)
        : new ArrayList<>(ReferenceConfigs.forLb(plan, run.vrid(), i, spec.settings()));
    String entry = spec.stack().javaOn(i) ? "lb-java" : "lb-reference";
    return new NodeSpec("loadbalancer-" + (i + 1), Role.LB, ip, List.of(HOLD, entry),
        LbCapabilities.forJava(spec.stack().javaOn(i)),
        // The proxies bind the VIP on both LBs, held or not (the IPv6 one likewise).
        plan.ipv6() ? Map.of("net.ipv4.ip_nonlocal_bind", "1", "net.ipv6.ip_nonlocal_bind", "1")
            : Map.of("net.ipv4.ip_nonlocal_bind", "1"), files, plan.serverNames());
  }

  public RunId run() {
    return run;
  }

  /**
   * Tells {@code sink} each time one of this run's containers exits, from the engine's event
   * stream (a kill, a stop, or a daemon that died on its own). Close the handle before the
   * topology goes, or its removal is reported too.
   */
  public java.io.Closeable watchExits(java.util.function.Consumer<lbchaos.event.NodeExit> sink) {
    var callback = new com.github.dockerjava.api.async.ResultCallback.Adapter<
        com.github.dockerjava.api.model.Event>() {
      @Override
      public void onNext(com.github.dockerjava.api.model.Event e) {
        Map<String, String> attrs = e.getActor() == null || e.getActor().getAttributes() == null
            ? Map.of() : e.getActor().getAttributes();
        String node = attrs.get("io.lbchaos.node");
        if (node == null) {
          return;
        }
        long at = e.getTimeNano() != null ? e.getTimeNano() / 1_000
            : e.getTime() * 1_000_000L;
        int code;
        try {
          code = Integer.parseInt(attrs.getOrDefault("exitCode", "-1"));
        } catch (NumberFormatException ex) {
          code = -1;
        }
        sink.accept(new lbchaos.event.NodeExit(at, "engine", node, code));
      }
    };
    return docker.eventsCmd().withEventFilter("die")
        .withLabelFilter(Map.of(lbchaos.harness.docker.Docker.RUN_LABEL, run.value()))
        .exec(callback);
  }

  public LabSpec spec() {
    return spec;
  }

  public AddressPlan plan() {
    return plan;
  }

  public int vrid() {
    return user != null ? user.keepalived().getFirst().instances().getFirst().vrid() : run.vrid();
  }

  public LabNetwork network() {
    return network;
  }

  /**
   * Time from the network's creation to the LBs' daemons let go (images excluded): every
   * container but the client started, every webserver answering.
   */
  public Duration startupTime() {
    return startup;
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  public Node node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in " + nodes));
  }

  public List<Node> lbs() {
    return nodes.stream().filter(n -> n.spec().role() == Role.LB)
        .sorted(java.util.Comparator.comparing(Node::name)).toList();
  }

  /** The other LB of the pair: the backup of a master, the master of a backup. */
  public String otherLb(String lb) {
    return lbs().stream().map(Node::name).filter(n -> !n.equals(lb)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no LB other than " + lb + " in "
            + nodes));
  }

  public List<Node> webservers() {
    return nodes.stream().filter(n -> n.spec().role() == Role.WEBSERVER)
        .sorted(java.util.Comparator.comparing(Node::name)).toList();
  }

  public Node client() {
    return node("client");
  }

  /**
   * The LBs that hold the VIP on their interface right now (normally exactly one). Every LB is
   * asked at once: a docker exec takes 0.2-0.5 s on a busy engine, the ready and takeover waits
   * ask at every poll, and answers taken together are closer to one moment than one after the
   * other.
   */
  public List<String> vipHolders() {
    List<Node> lbs = lbs();
    List<Future<Boolean>> asked = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Node lb : lbs) {
        asked.add(pool.submit(() -> holdsVip(lb)));
      }
    }
    List<String> holders = new ArrayList<>();
    for (int i = 0; i < lbs.size(); i++) {
      if (asked.get(i).resultNow()) {
        holders.add(lbs.get(i).name());
      }
    }
    return holders;
  }

  private boolean holdsVip(Node lb) {
    try {
      Node.ExecResult r = lb.exec(Duration.ofSeconds(5), "ip", plan.ipv6() ? "-6" : "-4", "-o",
          "addr", "show");
      return r.stdout().contains(" " + plan.vip() + "/");
    } catch (RuntimeException e) {
      return false; // a stopped or paused node holds nothing we can see
    }
  }

  /** One GET through the VIP from the client, as the article's curl loop does it. */
  public Node.ExecResult curlVip(Duration timeout) {
    return client().exec(timeout.plusSeconds(3), "curl", "--silent", "--show-error",
        "--max-time", Double.toString(timeout.toMillis() / 1000.0),
        "--insecure", "--globoff", serviceUrl());
  }

  /** Whether a GET through the VIP from the client gets a 2xx answer (curl --fail). */
  public boolean answersVip(Duration timeout) {
    return client().exec(timeout.plusSeconds(3), "curl", "--silent", "--fail", "-o", "/dev/null",
        "--max-time", Double.toString(timeout.toMillis() / 1000.0),
        "--insecure", "--globoff", serviceUrl()).ok();
  }

  /**
   * GETs through the VIP from the client, one after another in a single docker exec, until each
   * of {@code backends} has answered (its page says "backend NAME&lt;", as {@link #curlVip}'s
   * readers parse it) or, with none named, until one 2xx answer; given up after {@code atMost}.
   * One exec for the whole wait rather than one per GET: an exec costs 0.2-0.5 s on a busy
   * engine, about what the VIP's first answers take. Each GET's connect is bounded by half a
   * second, so that one sent before the VIP exists (its ARP unanswered) does not hold the loop
   * for the whole {@code --max-time}. The loop ends by itself: nothing of it runs on after the
   * wait to add requests to a test.
   *
   * @return whether the wait ended as wanted, and the backends seen in the order each first
   *     answered
   */
  public VipAnswers answerUntil(java.util.Collection<String> backends, Duration atMost) {
    Node.ExecResult r = client().exec(atMost.plusSeconds(10), "sh", "-c",
        answerScript(backends, serviceUrl(), atMost));
    return new VipAnswers(r.ok(),
        r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  /**
   * {@link #answerUntil}'s loop for sh: prints each backend named when it first answers, exits 0
   * once all have (or, with none named, at the first 2xx answer), 1 once {@code atMost} is past
   * (whole seconds, at most one more).
   */
  static String answerScript(java.util.Collection<String> backends, String url,
      Duration atMost) {
    String curl = "curl --silent --insecure --globoff --connect-timeout 0.5 --max-time 2 "
        + (backends.isEmpty() ? "--fail -o /dev/null " : "") + quote(url);
    return "want=" + quote(String.join(" ", backends)) + "\n"
        + "end=$(( $(date +%s) + " + (atMost.toSeconds() + 1) + " ))\n"
        + "seen=\n"
        + "while :; do\n"
        + (backends.isEmpty()
            ? "  " + curl + " && exit 0\n"
            : "  b=$(" + curl + " | sed -n 's/.*backend \\([^ <]*\\)<.*/\\1/p' | head -n 1)\n"
                + "  case \" $seen \" in *\" $b \"*) ;; *) [ -n \"$b\" ] && seen=\"$seen $b\""
                + " && echo \"$b\" ;; esac\n"
                + "  all=1\n"
                + "  for w in $want; do case \" $seen \" in *\" $w \"*) ;; *) all=0 ;; esac; done\n"
                + "  [ $all = 1 ] && exit 0\n")
        + "  [ $(date +%s) -ge $end ] && exit 1\n"
        + "  sleep 0.05\n"
        + "done\n";
  }

  /** What {@link #answerUntil} saw: {@code complete} when every backend wanted answered. */
  public record VipAnswers(boolean complete, List<String> backends) {}

  /** {@code s} as one word for sh, in single quotes. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Whether clients speak TLS to the VIP: the LBs' haproxy.cfg, as parsed, binds the service port
   * with "ssl". The same file runs on every LB of a stack, so the first LB's tells. Parsed once,
   * when an LB exists: the readiness waits ask at every poll.
   */
  public boolean serviceTls() {
    Boolean known = serviceTls;
    if (known != null) {
      return known;
    }
    String path = lbchaos.harness.config.ReferenceConfigs.HAPROXY_PATH;
    var haproxyCfg = nodes.stream().filter(n -> n.spec().role() == Role.LB).findFirst()
        .map(n -> n.spec().file(path));
    if (haproxyCfg.isEmpty()) {
      return false; // no LB yet: nothing to ask, and nothing to remember
    }
    boolean tls = haproxyCfg.get().map(text -> lbchaos.proxy.config.HaproxyConfigParser.parse(
            java.nio.file.Path.of(path), text).frontends().stream()
            .flatMap(fe -> fe.binds().stream())
            .anyMatch(b -> b.port() == plan.servicePort() && b.tls().isPresent()))
        .orElse(false);
    serviceTls = tls;
    return tls;
  }

  /** The URL a client asks through the VIP: https when the service binds with ssl. */
  public String serviceUrl() {
    return (serviceTls() ? "https://" : "http://") + plan.vipHostPort() + "/";
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    taps.forEach(Node::close);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      nodes.forEach(n -> pool.submit(n::close));
    }
    holders.forEach(Node::close);
    extraNetworks.forEach(LabNetwork::close);
    network.close();
    // Only now: a close in the background (a suite's, while the next topology starts) that the
    // JVM's exit overtakes still ends, since the hook waits on this monitor for it to finish.
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: we are the hook, or it waits for us
    }
  }
}
