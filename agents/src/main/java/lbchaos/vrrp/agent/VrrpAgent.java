package lbchaos.vrrp.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.EventWriter;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.event.VipChange;
import lbchaos.vrrp.config.ConfigException;
import lbchaos.vrrp.config.ConfigWarning;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.LinkInfo;
import lbchaos.vrrp.net.RawVrrpSocket;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.state.Params;

/**
 * {@code vrrp --config /etc/keepalived/keepalived.conf --name loadbalancer-1 [--check]}: runs
 * every vrrp_instance of a keepalived.conf, writing events as JSON lines on stdout. SIGTERM (a
 * shutdown hook) sends priority 0 and removes the VIPs. Exit 2 on a usage or config error, 1 when
 * the network setup fails. {@code --check} parses, prints warnings and derived timings, exits.
 * {@code --train} runs the start-up path offline for the image's class data sharing archive
 * (see {@link Training}).
 */
public final class VrrpAgent {

  static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(200);
  static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(10);

  private VrrpAgent() {}

  record Options(Path config, String name, boolean check) {}

  static Options options(String[] args) {
    Path config = Path.of("/etc/keepalived/keepalived.conf");
    String name = null;
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config", "-f" -> config = Path.of(value(args, ++i));
        case "--name" -> name = value(args, ++i);
        case "--check" -> check = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (name == null) {
      name = System.getenv().getOrDefault("HOSTNAME", "vrrp");
    }
    return new Options(config, name, check);
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
    Options o;
    KeepalivedConfig cfg;
    try {
      o = options(args);
      cfg = KeepalivedParser.parse(o.config());
    } catch (IllegalArgumentException e) {
      err.println("vrrp: " + e.getMessage());
      err.println("usage: vrrp --config FILE --name NODE [--check]");
      return 2;
    } catch (ConfigException e) {
      err.println("vrrp: " + e.getMessage());
      return 2;
    }
    for (ConfigWarning w : cfg.warnings()) {
      err.println("vrrp: warning: " + w);
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
    // Events leave from a thread of their own, so a new master's VipChange lines never hold
    // back its first advert and GARP (see EventWriter).
    EventWriter sink = events(out, err);
    for (ConfigWarning w : cfg.warnings()) {
      sink.accept(new LogLine(Events.nowMicros(), o.name(), "config warning: " + w));
    }
    List<Running> running = new ArrayList<>();
    try {
      for (VrrpInstance i : cfg.instances()) {
        running.add(Running.start(i, o.name(), sink));
      }
    } catch (IOException | RuntimeException e) {
      err.println("vrrp: cannot start: " + e);
      running.forEach(Running::stop);
      sink.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.forEach(Running::stop);
      sink.close(); // after the stops, so their last events (priority 0, VIPs removed) are out
      stopped.countDown();
    }, "vrrp-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The agent's event output; warmed with the kind a new master writes first. */
  static EventWriter events(PrintStream out, PrintStream err) {
    return new EventWriter("vrrp-events", out, err, new VipChange(0, "warm-up", "0.0.0.0", true));
  }

  /** One instance with its sockets, threads and scripts. */
  record Running(InstanceRunner runner, TrackMonitor track, RawVrrpSocket socket,
      NetEffects effects, Thread reader, AtomicBoolean alive) {

    static Running start(VrrpInstance i, String name, Consumer<Event> sink) throws IOException {
      MonotonicClock clock = new MonotonicClock();
      List<Inet4Address> vips = i.virtualAddresses().stream().map(VirtualAddress::address)
          .toList();
      LinkInfo link = LinkInfo.of(i.iface(), vips);
      Inet4Address src = i.unicastSrcIp().orElse(link.primary());
      RawVrrpSocket socket = RawVrrpSocket.open(i.iface(), link.index(), src,
          i.unicastPeers().isEmpty(), RECEIVE_TIMEOUT);
      NetEffects effects;
      try {
        effects = new NetEffects(i, link, src, socket);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      Params params = new Params(i.version(), i.priority(), i.advertInterval(), i.preempt(),
          i.preemptDelay(), src);
      InstanceRunner runner = new InstanceRunner(i, params, effects, sink, name, clock);
      TrackMonitor track = new TrackMonitor(i, runner::submit, sink, name, runner::nowMicros,
          Scripts::runCheck);
      Set<Inet4Address> own = new HashSet<>(List.of(src, link.primary()));
      Receiver rx = new Receiver(ReceivePolicy.forInstance(i.vrid(), i.version(), own,
          i.password(), (int) (i.advertInterval().toMillis() / 10)), runner::submit, sink, name,
          runner::nowMicros);
      AtomicBoolean alive = new AtomicBoolean(true);
      Thread reader = Thread.ofPlatform().daemon().name("vrrp-rx-" + i.name()).start(() ->
          Receiver.loop(alive::get, socket::receive, rx, e -> sink.accept(new LogLine(
              runner.nowMicros(), name, "(" + i.name() + ") receive failed: " + e))));
      runner.every(SUMMARY_INTERVAL, () -> rx.summary(i.name(), runner.advertsSent()));
      track.initial();
      runner.submit(new lbchaos.vrrp.state.Input.Startup());
      track.start();
      return new Running(runner, track, socket, effects, reader, alive);
    }

    void stop() {
      track.close();
      runner.shutdown(Duration.ofSeconds(2));
      runner.close();
      alive.set(false);
      try {
        reader.join(RECEIVE_TIMEOUT.multipliedBy(3).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!reader.isAlive()) {
        socket.close(); // only once the reader no longer touches its buffer
      }
      effects.close();
    }
  }
}
