package lbchaos.vrrp.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lbchaos.config.ConfigWarning;
import lbchaos.event.Event;
import lbchaos.event.EventWriter;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.privilege.PosixWarmup;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.LinkInfo;
import lbchaos.vrrp.net.NetWarmup;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.packet.VrrpCodec;
import lbchaos.vrrp.state.Input;
import lbchaos.vrrp.state.Params;
import lbchaos.vrrp.state.State;

/**
 * {@code vrrp --train}: the agent's start-up path without a network, so that the node image's
 * build can record the classes it loads into an AOT cache ({@code -XX:AOTCacheOutput}, a class
 * data sharing archive with the classes linked). A JVM that maps them from it instead of loading
 * and verifying them from the jar sends its first advert several times sooner (start to first
 * advert is a target of the agent: keepalived with {@code state MASTER} advertises at once).
 *
 * <p>It parses a keepalived.conf of the article's form, runs an instance's state machine on its
 * real scheduler thread through start-up to MASTER and back with effects that touch nothing,
 * decodes an advert through the receive path, writes every kind of event as JSON to nowhere,
 * initialises the FFM socket classes (their downcall handles) and invokes each libc call once in
 * a form that fails at once and changes nothing ({@link NetWarmup}, {@link PosixWarmup}: a
 * downcall's first invocation costs more than its handle), looks up the loopback interface, and
 * starts and stops the script helper (a shell that runs nothing). Nothing leaves the process: no
 * socket, no address, no script.
 */
final class Training {

  /** The article's instance, with a warning (weights at 255) and no scripts to run. */
  static final String CONF = """
      global_defs {
        router_id train
      }
      vrrp_script check {
        script "/bin/true"
        interval 3
        weight -2
      }
      vrrp_instance VI_1 {
        state MASTER
        interface eth0
        virtual_router_id 51
        priority 255
        advert_int 1
        authentication {
          auth_type PASS
          auth_pass mypass
        }
        virtual_ipaddress {
          192.0.2.211/24
        }
        track_script {
          check
        }
      }
      """;

  /**
   * The classes of the net edge and of the privilege drop (which runs before the first advert)
   * whose static set-up (FFM linker, downcall handles) is slow.
   */
  static final List<String> NET_CLASSES = List.of("lbchaos.vrrp.net.Libc",
      "lbchaos.vrrp.net.SockAddrs", "lbchaos.vrrp.net.RtNetlink", "lbchaos.vrrp.net.LinkInfo",
      "lbchaos.vrrp.net.RawVrrpSocket", "lbchaos.vrrp.net.NetlinkSocket",
      "lbchaos.vrrp.net.PacketSocket", "lbchaos.vrrp.net.GratuitousArp",
      "lbchaos.vrrp.net.RawVrrp6Socket", "lbchaos.vrrp.net.Ipv6Received",
      "lbchaos.vrrp.net.UnsolicitedNeighbourAdvert",
      "lbchaos.vrrp.agent.NetEffects", "lbchaos.privilege.Posix",
      "lbchaos.privilege.PrivilegeDrop", "lbchaos.privilege.ProcStatus",
      "lbchaos.privilege.Capability", "lbchaos.privilege.UserSpec",
      "lbchaos.vrrp.agent.ScriptLauncher", "lbchaos.vrrp.agent.ScriptIdentity");

  /**
   * Classes of the agent's real start that neither the training nor its failed start below
   * loads (they come after the first socket: the instance's threads, the drop, the reload):
   * loaded here, so that the cache holds them linked instead of the agent loading and verifying
   * them from the jar before its first advert.
   */
  static final List<String> START_CLASSES = List.of("lbchaos.vrrp.agent.VrrpAgent$Opened",
      "lbchaos.vrrp.agent.VrrpAgent$ScriptRoutes", "lbchaos.vrrp.agent.NotifyFifos",
      "lbchaos.vrrp.agent.NotifyFifos$Owner", "lbchaos.vrrp.config.NotifyFifo",
      "lbchaos.privilege.PrivilegeDrop$Dropped", "lbchaos.vrrp.agent.Running",
      "lbchaos.vrrp.agent.Links$Listener", "lbchaos.vrrp.agent.TrackMonitor",
      "lbchaos.vrrp.agent.ScriptHealth", "lbchaos.vrrp.agent.Receiver$SocketReader",
      "lbchaos.vrrp.agent.Reloader", "lbchaos.posix.Fifo");

  /** An interface no machine has: the training's real start stops at it. */
  static final String NO_LINK = "lbchaos-none0";

  private Training() {}

  static int run(PrintStream err) throws Exception {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    try (EventWriter sink = VrrpAgent.events(nowhere, nowhere)) {
      return train(sink, err);
    }
  }

  private static int train(Consumer<Event> sink, PrintStream err) throws Exception {
    KeepalivedConfig cfg = KeepalivedParser.parse(Path.of("train.conf"), CONF);
    for (ConfigWarning w : cfg.warnings()) {
      sink.accept(new LogLine(Events.nowMicros(), "train", "config warning: " + w));
    }
    for (String c : NET_CLASSES) {
      Class.forName(c, true, Training.class.getClassLoader());
    }
    int refused = NetWarmup.run() + PosixWarmup.run();
    if (refused != NetWarmup.CALLS + PosixWarmup.CALLS) {
      err.println("vrrp --train: " + refused + " of the warm-up calls failed, expected all");
      return 1;
    }
    LinkInfo.of("lo", List.of());
    try (ScriptLauncher helper = ScriptLauncher.start(java.util.Optional.empty());
        ReadySignal ready = ReadySignal.open(java.util.Optional.empty(), 1, err::println)) {
      ready.instanceStarted();
      assert helper != null;
    }
    String stopped = failedStart();
    if (!stopped.contains("no interface " + NO_LINK)) {
      err.println("vrrp --train: the start without an interface did not stop there: " + stopped);
      return 1;
    }
    VrrpInstance i = cfg.instances().getFirst();
    Inet4Address self = ipv4("192.0.2.48");
    Inet4Address peer = ipv4("192.0.2.97");
    Params params = new Params(i.version(), i.priority(), i.advertInterval(), i.preempt(),
        i.preemptDelay(), self, i.garp());
    CountDownLatch master = new CountDownLatch(1);
    Consumer<Event> watched = e -> {
      sink.accept(e);
      if (e instanceof lbchaos.event.VrrpStateChange c
          && c.to() == lbchaos.event.VrrpStateChange.VrrpRole.MASTER) {
        master.countDown();
      }
    };
    try (InstanceRunner runner = new InstanceRunner(i, params, new Quiet(i), watched, "train",
        new MonotonicClock())) {
      Receiver rx = new Receiver(ReceivePolicy.forInstance(i.vrid(), i.version(), Set.of(self),
          i.password(), (int) (i.advertInterval().toMillis() / 10)), runner::submitReceived, sink,
          "train", runner::nowMicros);
      runner.submit(new Input.Startup());
      if (!master.await(10, TimeUnit.SECONDS)) {
        err.println("vrrp --train: the instance did not become MASTER");
        return 1;
      }
      List<Inet4Address> vips = i.ipv4Addresses();
      rx.packet(VrrpCodec.encodeIp(new Advert(i.version(), i.vrid(), 100, 100, vips,
          Advert.AUTH_SIMPLE, "mypass"), peer, VrrpCodec.MULTICAST_GROUP, VrrpCodec.TTL), 1_000);
      rx.packet(new byte[] {0x45, 0, 0}, -1); // a drop, counted by reason
      rx.summary(i.name(), runner.advertsSent());
      runner.shutdown(Duration.ofSeconds(5));
      return runner.state() == State.INITIALIZE ? 0 : 1;
    }
  }

  /**
   * The agent's own start ({@link VrrpAgent#run}) on the training's config with an interface
   * that does not exist: it runs as at a real start (options, config file, SIGHUP, deferred
   * events, the link watcher's rtnetlink dump, their call sites linked) up to its first socket,
   * where it stops with exit 1 before any socket, drop or thread of an instance. Then the
   * classes after that point are loaded. Nothing is sent, nothing changes. Answers its exit
   * code and what it said on stderr.
   */
  static String failedStart() throws IOException, ClassNotFoundException {
    Path conf = Files.createTempFile("vrrp-train", ".conf");
    try {
      Files.writeString(conf, CONF.replace("interface eth0", "interface " + NO_LINK));
      ByteArrayOutputStream said = new ByteArrayOutputStream();
      int rc = VrrpAgent.run(new String[] {"--config", conf.toString(), "--name", "train"},
          new PrintStream(OutputStream.nullOutputStream()), new PrintStream(said, true, UTF_8));
      for (String c : START_CLASSES) {
        Class.forName(c, false, Training.class.getClassLoader());
      }
      return "exit " + rc + ": " + said.toString(UTF_8).strip();
    } finally {
      Files.delete(conf);
    }
  }

  private static Inet4Address ipv4(String s) throws UnknownHostException {
    return (Inet4Address) InetAddress.getByName(s);
  }

  /** Effects that do nothing: training must not touch the network. */
  private record Quiet(VrrpInstance cfg) implements Effects {
    @Override
    public void sendAdvert(int priority) {
      VrrpCodec.encode(new Advert(cfg.version(), cfg.vrid(), priority,
          (int) (cfg.advertInterval().toMillis() / 10),
          cfg.ipv4Addresses(),
          Advert.AUTH_SIMPLE, "mypass"), (Inet4Address) InetAddress.getLoopbackAddress(),
          VrrpCodec.MULTICAST_GROUP);
    }

    @Override
    public void addVip(VirtualAddress vip) {}

    @Override
    public void removeVip(VirtualAddress vip) {}

    @Override
    public void reconfigure(VrrpInstance next) {}

    @Override
    public void sendGarp(int repeat) {}

    @Override
    public String mac() {
      return "02:00:00:00:00:00";
    }

    @Override
    public void close() {}
  }
}
