package lbchaos.proxy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import lbchaos.privilege.Accounts;
import lbchaos.privilege.PrivilegeDrop;
import lbchaos.privilege.UserSpec;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.net.ProxyServer;
import lbchaos.proxy.net.Transport;

/**
 * {@code proxy --config /etc/haproxy/haproxy.cfg --name loadbalancer-1 [--threads N]
 * [--check] [--transport auto|io_uring|epoll|nio] [--grace 10s] [--user U[:G]]}: haproxy's
 * job on Netty. Exit 2 on a malformed config (file:line on stderr); {@code --check} only
 * validates, like {@code haproxy -c}. {@code proxy --train} runs the start-up and request
 * paths on loopback for the node image's AOT cache ({@link Training}).
 *
 * <p>Reload: SIGHUP (through the JDK's signal hook, when present) or a change of the config
 * file's modification time (polled every second) re-reads the file; a valid file replaces the
 * running configuration without dropping connections, an invalid one is reported and ignored.
 *
 * <p>SIGTERM is haproxy's soft stop (its SIGUSR1): stop accepting, close idle HTTP keep-alive
 * connections, let the sessions in flight end (an HTTP answer then says Connection: close),
 * exit when none is left. The wait is bounded by the config's {@code hard-stop-after}, else by
 * {@code --grace} (default 10 s; haproxy without hard-stop-after would wait for ever, which in
 * a test harness is a hang); past it the rest are closed and the exit is reported as haproxy
 * reports a hard stop (log line and JSON event).
 *
 * <p>Least privilege: started as root, the proxy binds its listeners (ports below 1024 need
 * CAP_NET_BIND_SERVICE) and then becomes the config's global {@code user}/{@code uid} and
 * {@code group}/{@code gid}, as haproxy does after binding; where the config names neither,
 * {@code --user} (default nobody), the same precedence as hard-stop-after over --grace. A
 * user without a group takes that user's primary group (haproxy would keep gid 0). No
 * capability is kept; connecting to backends and health checks need none. A reload that adds a
 * listener on a port below 1024 is therefore refused and the running configuration kept, where
 * haproxy's master process, which stays root, could bind it; a reload cannot change the user.
 */
public final class ProxyAgent {

  static final String USAGE = """
      usage: proxy --config FILE --name NAME [--threads N] [--check] [--transport T] [--grace T]
                   [--user U[:G]]
             proxy --train   (the node image's build: loopback traffic for the proxy's AOT cache)
        --transport  auto (io_uring where the kernel and seccomp allow it, else epoll, else
                     nio), io_uring, epoll or nio; --nio is --transport nio
        --grace T    bound on the drain after SIGTERM when the config has no hard-stop-after (10s)
        --user U[:G] whom to become after binding when the config's global section names no
                     user/uid or group/gid (nobody); the config's take precedence""";

  private ProxyAgent() {}

  public static int main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--train")) {
      return Training.run(System.err);
    }
    Path config = Path.of("/etc/haproxy/haproxy.cfg");
    String name = "proxy";
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    boolean checkOnly = false;
    String transportName = "auto";
    Duration grace = Duration.ofSeconds(10);
    UserSpec user = new UserSpec("nobody", Optional.empty());
    boolean userGiven = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config", "-f" -> config = Path.of(value(args, ++i));
        case "--name" -> name = value(args, ++i);
        case "--threads" -> threads = Integer.parseInt(value(args, ++i));
        case "--check", "-c" -> checkOnly = true;
        case "--nio" -> transportName = "nio";
        case "--transport" -> transportName = value(args, ++i);
        case "--grace" -> grace = lbchaos.proxy.config.HaTime.parse(value(args, ++i));
        case "--user" -> {
          user = UserSpec.parse(value(args, ++i));
          userGiven = true;
        }
        default -> {
          System.err.println("proxy: unknown argument " + args[i] + "\n" + USAGE);
          return 2;
        }
      }
    }
    Transport transport;
    try {
      transport = Transport.named(transportName);
    } catch (IllegalArgumentException e) {
      System.err.println("proxy: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    HaproxyConfig cfg;
    try {
      cfg = load(config);
    } catch (ConfigException e) {
      // every error of the file, one per line, as haproxy -c lists them
      e.problems().forEach(p -> System.err.println("[ALERT] " + p));
      return 2;
    }
    if (checkOnly) {
      System.err.println("Configuration file is valid");
      return 0;
    }
    PrintStream out = System.out;
    ProxyServer server = new ProxyServer(transport, threads, name, out);
    server.start(cfg);
    UserSpec runAs = cfg.global().runAs(user);
    if (userGiven && !runAs.equals(user)) {
      System.err.println("proxy " + name + ": the config's global user/group (" + runAs
          + ") take precedence over --user " + user);
    }
    try {
      System.err.println("proxy " + name + ": " + PrivilegeDrop.drop(runAs, Set.of()).sentence());
    } catch (IOException | RuntimeException e) {
      System.err.println("[ALERT] cannot drop privileges to " + runAs + ": " + e);
      server.close();
      return 1;
    }
    System.err.println("proxy " + name + ": started on " + transport.label() + " with " + config);
    CountDownLatch stopped = new CountDownLatch(1);
    Duration fallbackGrace = grace;
    String self = name;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        // the configuration running now: a reload may have changed hard-stop-after
        Duration g = graceOf(server.config(), fallbackGrace);
        ProxyServer.Stopped s = server.stop(g);
        System.err.println("proxy " + self + ": " + (s.drained()
            ? "stopped, every session drained in " + s.took().toMillis() + " ms"
            : "hard-stopped after " + g.toMillis() + " ms, closing " + s.forced()
                + " remaining connections"));
        server.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        stopped.countDown();
      }
    }, "proxy-stop"));
    Reloader reloader = new Reloader(server, config, user, runAs);
    reloader.installSighup();
    reloader.watch();
    stopped.await();
    return 0;
  }

  /** The config's hard-stop-after, else the agent's --grace. */
  static Duration graceOf(HaproxyConfig cfg, Duration fallback) {
    return cfg.global().hardStopAfter().orElse(fallback);
  }

  static HaproxyConfig load(Path file) throws ConfigException, IOException {
    // user and group must exist here, where the proxy runs
    HaproxyConfig cfg = HaproxyConfigParser.parse(file, Files.readString(file), Accounts.SYSTEM);
    for (ConfigWarning w : cfg.warnings()) {
      System.err.println("[WARNING] " + w);
    }
    if (!cfg.javaRefusals().isEmpty()) {
      // Refuse, don't drift: haproxy would act on these lines and this agent would not.
      throw new ConfigException(cfg.javaRefusals().stream()
          .map(r -> new ConfigException.Problem(r.file(), r.line(), r.sentence())).toList());
    }
    // the files are read here, where the proxy runs, so that a check reports them
    lbchaos.proxy.config.ErrorFile.loadAll(cfg.errorFiles(), file);
    return cfg;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("missing value after " + args[i - 1]);
    }
    return args[i];
  }

  /** Re-reads the configuration on SIGHUP or when the file changes. */
  static final class Reloader {
    private final ProxyServer server;
    private final Path file;
    private final UserSpec flagUser;
    private final UserSpec running;
    private FileTime seen;

    Reloader(ProxyServer server, Path file, UserSpec flagUser, UserSpec running)
        throws IOException {
      this.server = server;
      this.file = file;
      this.flagUser = flagUser;
      this.running = running;
      this.seen = Files.getLastModifiedTime(file);
    }

    synchronized void reload(String why) {
      try {
        seen = Files.getLastModifiedTime(file);
        HaproxyConfig next = load(file);
        UserSpec wanted = next.global().runAs(flagUser);
        if (!wanted.equals(running)) {
          // the drop is one-way: the new user takes effect at the next start
          System.err.println("[WARNING] the reloaded config asks for user " + wanted
              + "; still running as " + running + " until a restart");
        }
        server.reload(next);
        System.err.println("proxy: reloaded " + file + " (" + why + ")");
      } catch (ConfigException | IOException e) {
        System.err.println("[ALERT] reload refused, keeping the running configuration: "
            + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        System.err.println("[ALERT] reload failed: " + e);
      }
    }

    void installSighup() {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> reload("SIGHUP"));
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        System.err.println("proxy: SIGHUP not available (" + e + "); reload on file change only");
      }
    }

    void watch() {
      Thread t = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            Thread.sleep(1000);
            FileTime now = Files.getLastModifiedTime(file);
            boolean changed;
            synchronized (this) {
              changed = !now.equals(seen);
            }
            if (changed) {
              reload("file changed");
            }
          } catch (InterruptedException e) {
            return;
          } catch (IOException e) {
            // file briefly missing while an editor replaces it: try again next second
          }
        }
      }, "proxy-config-watch");
      t.setDaemon(true);
      t.start();
    }
  }
}
