package lbchaos.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.privilege.Accounts;
import lbchaos.privilege.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a process on loopback: the real SIGTERM path (Process.destroy sends SIGTERM on
 * Linux) through the shutdown hook, and, when the tests run as root, the real privilege drop to
 * the config's global user. No container needed; each test starts one JVM.
 */
class ProxyAgentSignalTest {

  /** A JVM start, a shutdown hook and an exit, on a shared 2-core machine. */
  static final Duration JVM = Duration.ofSeconds(15);

  /** The agent's default --grace: a drain that reaches it did not end by itself. */
  static final Duration GRACE = Duration.ofSeconds(10);

  @TempDir
  Path dir;
  final List<AutoCloseable> closing = new ArrayList<>();
  Process agent;

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null && agent.isAlive()) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void sigtermClosesAnIdleKeepAliveConnectionAndExitsAtOnce() throws Exception {
    HttpServer web = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    web.createContext("/", ex -> {
      byte[] body = "hi\n".getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    web.start();
    closing.add(() -> web.stop(0));
    int port = freePort();
    start(port, "", "http", web.getAddress().getPort(), "--grace", GRACE.toSeconds() + "s");
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
      client.setSoTimeout(10_000);
      client.getOutputStream().write("GET / HTTP/1.1\r\nHost: lb\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(head(client.getInputStream())).as("answered, keep-alive")
          .startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
      long t0 = System.nanoTime();
      agent.destroy();
      assertThat(endOfStream(client)).as("the idle keep-alive connection closed").isTrue();
      assertThat(agent.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS))
          .as("exit before the %s grace", GRACE).isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      System.out.printf("SIGTERM with an idle keep-alive connection: exit after %d ms%n",
          took.toMillis());
      assertThat(stderr()).as("agent's account of the stop").contains("every session drained");
    }
  }

  @Test
  void sigtermWithABusySessionExitsAtHardStopAfterAndReportsIt() throws Exception {
    try (ServerSocket backend = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      // a backend that accepts and never answers nor closes: the session stays busy
      List<Socket> held = new ArrayList<>();
      Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            held.add(backend.accept());
          }
        } catch (IOException e) {
          // closed at the end of the test
        }
      });
      int port = freePort();
      Duration hardStop = Duration.ofMillis(800);
      start(port, "  hard-stop-after " + hardStop.toMillis() + "ms\n", "tcp",
          backend.getLocalPort(), "--grace", "60s");
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        client.setSoTimeout(10_000);
        client.getOutputStream().write('x');
        await("the session reached the backend").atMost(Duration.ofSeconds(5))
            .until(() -> !held.isEmpty());
        long t0 = System.nanoTime();
        agent.destroy();
        assertThat(agent.waitFor(JVM.toMillis(), TimeUnit.MILLISECONDS))
            .as("exit, forced by hard-stop-after rather than the 60 s --grace").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("SIGTERM with a busy session, hard-stop-after %d ms: exit after %d ms%n",
            hardStop.toMillis(), took.toMillis());
        assertThat(took).as("not before hard-stop-after").isGreaterThanOrEqualTo(hardStop);
        assertThat(endOfStream(client)).as("the busy connection was closed").isTrue();
        assertThat(events()).as("the hard stop as an event")
            .anySatisfy(e -> assertThat(e.line())
                .isEqualTo("Proxy fe hard-stopped (1 remaining conns will be closed)."));
        assertThat(stderr()).as("haproxy's warning on stderr")
            .contains("soft-stop running for too long, performing a hard-stop.");
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void theConfigsUserTakesEffectAfterBindingOverTheFlag() throws Exception {
    Assumptions.assumeTrue(euid() == 0, "the drop needs the tests to run as root");
    Ids nobody = Accounts.SYSTEM.user("nobody").orElse(null);
    Ids daemon = Accounts.SYSTEM.user("daemon").orElse(null);
    Assumptions.assumeTrue(nobody != null && daemon != null, "users nobody and daemon");
    try (ServerSocket backend = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      int port = freePort();
      start(port, "  user nobody\n", "tcp", backend.getLocalPort(), "--user", "daemon");
      String status = Files.readString(Path.of("/proc/" + agent.pid() + "/status"));
      String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
      String gid = status.lines().filter(l -> l.startsWith("Gid:")).findFirst().orElseThrow();
      assertThat(uid.split("\\s+")).as("real, effective, saved, fs uid: %s", uid)
          .containsExactly("Uid:", "" + nobody.uid(), "" + nobody.uid(), "" + nobody.uid(),
              "" + nobody.uid());
      assertThat(gid.split("\\s+")).as("nobody's primary group: %s", gid)
          .containsExactly("Gid:", "" + nobody.gid(), "" + nobody.gid(), "" + nobody.gid(),
              "" + nobody.gid());
      assertThat(stderr()).as("the precedence is said").contains("take precedence over --user daemon")
          .contains("dropped root: now uid " + nobody.uid());
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertThat(s.isConnected()).as("the listener bound before the drop serves").isTrue();
      }
    }
  }

  /** Starts the agent and waits until it says it listens. */
  private void start(int port, String global, String mode, int backendPort, String... flags)
      throws Exception {
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, (global.isEmpty() ? "" : "global\n" + global) + """
        defaults
          mode %s
          timeout connect 500ms
          timeout client 30s
          timeout server 30s
        frontend fe
          bind 127.0.0.1:%d
          default_backend be
        backend be
          server web1 127.0.0.1:%d
        """.formatted(mode, port, backendPort));
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), "lbchaos.agents.Main",
        "proxy", "--config", cfg.toString(), "--name", "t", "--threads", "1", "--nio"));
    cmd.addAll(List.of(flags));
    agent = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile()).start();
    await("the agent started").atMost(JVM).pollInterval(Duration.ofMillis(50))
        .until(() -> stderr().contains(": started on") || !agent.isAlive());
    assertThat(agent.isAlive()).as("agent running: %s", stderr()).isTrue();
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("err"));
  }

  private List<LogLine> events() throws IOException {
    List<LogLine> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("out"))) {
      Events.parse(line).filter(LogLine.class::isInstance).map(LogLine.class::cast)
          .ifPresent(out::add);
    }
    return out;
  }

  private static String head(InputStream in) throws IOException {
    StringBuilder h = new StringBuilder();
    while (!h.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      h.append((char) b);
    }
    return h.toString();
  }

  private static boolean endOfStream(Socket s) throws IOException {
    try {
      s.getInputStream().readAllBytes();
      return true;
    } catch (SocketException e) {
      return e.getMessage() != null && e.getMessage().contains("reset");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static int euid() throws IOException {
    String status = Files.readString(Path.of("/proc/self/status"));
    String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
    return Integer.parseInt(uid.split("\\s+")[2]);
  }
}
