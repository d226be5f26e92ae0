package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lbchaos.proxy.config.HaproxyConfigParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy against hostile or broken peers, on 127.0.0.1 only: slow clients, 10,000
 * concurrent connections, resets and half-open connections, a backend that accepts and never
 * answers, a backend whose SYNs go unanswered. Each test is bounded in time and count, prints
 * its figures (heap, RSS, descriptors), and checks that timeouts fire when the config says and
 * that every descriptor comes back.
 */
class ProxyRobustnessLoopbackTest {

  /** The transport under test: the proxy's default here; a subclass runs the same on epoll. */
  Transport transport() {
    return Transport.best();
  }

  @BeforeEach
  void transportHere() {
    assumeThat(transport().unavailabilityCause()).as(transport() + " on this host").isNull();
  }

  /** Scheduling slack on a 2-core machine shared with container runs. */
  static final Duration SLACK = Duration.ofMillis(1500);

  final List<AutoCloseable> closing = new ArrayList<>();
  ProxyServer proxy;
  int port;

  void start(String global, String timeouts, String serverExtra, int backendPort)
      throws Exception {
    port = Backends.freePort();
    String cfg = """
        global
        %s
        defaults
          mode tcp
        %s
        frontend fe
          bind 127.0.0.1:%d
          default_backend be
        backend be
          balance roundrobin
          server web1 127.0.0.1:%d %s
        """.formatted(global, timeouts, port, backendPort, serverExtra);
    proxy = new ProxyServer(transport(), 2, "lb-test",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(HaproxyConfigParser.parse(Path.of("robust.cfg"), cfg));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  Backends.NameServer nameServer() throws IOException {
    Backends.NameServer s = new Backends.NameServer("web1", 0);
    closing.add(s);
    return s;
  }

  @Test
  void slowClientsAreHeldCheaplyServeOthersAndTimeOutWhenTheyStop() throws Exception {
    Backends.NameServer web = nameServer();
    Duration client = Duration.ofMillis(1500);
    start("", "  timeout connect 1s\n  timeout client 1500ms\n  timeout server 5s", "",
        web.port());
    Backends.fetch(port);
    awaitNoSessions();
    Usage before = Usage.now();
    int n = 1000;
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) client.plus(SLACK).toMillis() * 2);
        slow.add(s);
      }
      // slowloris: one byte per connection per second, three rounds; others still served
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        for (Socket s : slow) {
          s.getOutputStream().write('x');
        }
        long fetch0 = System.nanoTime();
        assertThat(Backends.fetch(port)).as("a normal client among %d slow ones", n)
            .startsWith("web1");
        assertThat(Duration.ofNanos(System.nanoTime() - fetch0)).as("its latency")
            .isLessThan(SLACK);
        sleepUntil(t0 + TimeUnit.SECONDS.toNanos(1));
      }
      assertThat(proxy.openSessions()).as("trickling connections kept: activity resets the"
          + " idle timeout").isGreaterThanOrEqualTo(n);
      Usage held = Usage.now();
      System.out.printf("robustness: %d slow clients held: %s (before %s)%n", n, held, before);
      // They stop sending: 'timeout client' closes each within the timeout plus slack.
      long stop = System.nanoTime();
      int closed = 0;
      for (Socket s : slow) {
        InputStream in = s.getInputStream();
        try {
          while (in.read() >= 0) {
            // the server's name line, then EOF when the proxy closes
          }
          closed++;
        } catch (SocketTimeoutException e) {
          break;
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - stop);
      assertThat(closed).as("slow clients closed by 'timeout client'").isEqualTo(n);
      assertThat(took).as("all closed within timeout client %s plus slack", client)
          .isLessThan(client.plus(SLACK));
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
    awaitNoSessions();
    Usage after = Usage.settled(before);
    System.out.printf("robustness: after slow clients: %s%n", after);
    assertThat(after.fds()).as("descriptors back to the baseline %d", before.fds())
        .isLessThanOrEqualTo(before.fds() + 10);
  }

  @Test
  void tenThousandConcurrentConnectionsAreAllServedAndReleased() throws Exception {
    Backends.NameServer web = nameServer();
    int n = 10_000;
    // 200 at a time on the server, the rest queued: the proxy holds n client sessions at once.
    start("  maxconn 12000", "  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n"
        + "  timeout queue 30s", "maxconn 200", web.port());
    Backends.fetch(port);
    awaitNoSessions();
    Usage before = Usage.now();
    long limit = fdLimit();
    if (limit < before.fds() + n + 200 + 100) {
      throw new org.opentest4j.TestAbortedException("RLIMIT_NOFILE " + limit + " too low for "
          + n + " sessions");
    }
    Process storm = new ProcessBuilder(javaBin(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), ConnectionStorm.class.getName(),
        Integer.toString(port), Integer.toString(n)).redirectErrorStream(true).start();
    closing.add(storm::destroyForcibly);
    BufferedReader out = new BufferedReader(new InputStreamReader(storm.getInputStream(),
        StandardCharsets.UTF_8));
    long t0 = System.nanoTime();
    assertThat(out.readLine()).as("storm opened its connections").isEqualTo("open " + n);
    await("the proxy holding all " + n).atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100)).until(() -> proxy.openSessions() >= n);
    Usage peak = Usage.now();
    System.out.printf("robustness: %d concurrent sessions after %.1f s: %s (before %s)%n",
        proxy.openSessions(), (System.nanoTime() - t0) / 1e9, peak, before);
    OutputStream in = storm.getOutputStream();
    in.write("go\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    String answered = out.readLine();
    assertThat(storm.waitFor(60, TimeUnit.SECONDS)).as("storm finished").isTrue();
    assertThat(answered).as("every connection answered").isEqualTo("answered " + n);
    System.out.printf("robustness: %d answered %.1f s after start%n", n,
        (System.nanoTime() - t0) / 1e9);
    awaitNoSessions();
    Usage after = Usage.settled(before);
    System.out.printf("robustness: after %d sessions: %s%n", n, after);
    assertThat(after.fds()).as("descriptors back to the baseline %d", before.fds())
        .isLessThanOrEqualTo(before.fds() + 10);
    assertThat(after.heapBytes() - before.heapBytes()).as("heap retained after the storm")
        .isLessThan(32L << 20);
  }

  @Test
  void resetAndHalfOpenConnectionsLeaveNothingBehind() throws Exception {
    Backends.NameServer web = nameServer();
    start("", "  timeout connect 1s\n  timeout client 2s\n  timeout server 2s", "", web.port());
    Backends.fetch(port);
    awaitNoSessions();
    Usage before = Usage.now();
    for (int i = 0; i < 500; i++) {
      // RST at once, before or after sending
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        if (i % 2 == 0) {
          s.getOutputStream().write("partial".getBytes(StandardCharsets.US_ASCII));
        }
        s.setSoLinger(true, 0);
      }
    }
    // Half-open: FIN sent, answer never read, then reset.
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.shutdownOutput();
        s.setSoLinger(true, 0);
      }
    }
    assertThat(Backends.fetch(port)).as("still serving after 700 resets").startsWith("web1");
    awaitNoSessions();
    Usage after = Usage.settled(before);
    System.out.printf("robustness: after 700 reset/half-open connections: %s (before %s)%n",
        after, before);
    assertThat(after.fds()).as("descriptors back to the baseline %d", before.fds())
        .isLessThanOrEqualTo(before.fds() + 10);
  }

  @Test
  void backendThatAcceptsAndNeverAnswersHitsTimeoutServer() throws Exception {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    closing.add(silent);
    List<Socket> accepted = new ArrayList<>();
    closing.add(() -> accepted.forEach(s -> {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }));
    Thread.ofVirtual().start(() -> {
      while (!silent.isClosed()) {
        try {
          Socket s = silent.accept();
          synchronized (accepted) {
            accepted.add(s); // held, never read, never written
          }
        } catch (IOException e) {
          return;
        }
      }
    });
    Duration server = Duration.ofMillis(800);
    start("", "  timeout connect 1s\n  timeout client 10s\n  timeout server 800ms", "",
        silent.getLocalPort());
    long before = openFds();
    List<Duration> took = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(10_000);
        long t0 = System.nanoTime();
        int r = s.getInputStream().read();
        took.add(Duration.ofNanos(System.nanoTime() - t0));
        assertThat(r).as("nothing from a silent server, then EOF").isEqualTo(-1);
      }
    }
    System.out.printf("robustness: silent backend, timeout server %s: closed after %s%n", server,
        took);
    assertThat(took).as("each closed by 'timeout server', not before, not much after")
        .allSatisfy(d -> assertThat(d).isBetween(server.minusMillis(50), server.plus(SLACK)));
    awaitNoSessions();
    await().atMost(Duration.ofSeconds(5)).until(() -> openFds() <= before + 10);
  }

  @Test
  void backendWhoseSynsGoUnansweredHitsTimeoutConnect() throws Exception {
    // A listener that never accepts, its backlog filled: further SYNs are dropped by the
    // kernel (tcp_abort_on_overflow 0), so connecting hangs as to a dead host.
    ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    closing.add(full);
    List<Socket> fillers = new ArrayList<>();
    closing.add(() -> fillers.forEach(s -> {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }));
    for (int i = 0; i < 4; i++) {
      Socket s = new Socket();
      try {
        s.connect(full.getLocalSocketAddress(), 200);
        fillers.add(s);
      } catch (IOException e) {
        s.close();
        break; // backlog full
      }
    }
    Duration connect = Duration.ofMillis(500);
    start("", "  timeout connect 500ms\n  timeout client 10s\n  timeout server 10s\n"
        + "  retries 0", "", full.getLocalPort());
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      long t0 = System.nanoTime();
      int r = s.getInputStream().read();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      System.out.printf("robustness: unanswered SYN, timeout connect %s: closed after %s%n",
          connect, took);
      assertThat(r).as("closed without data").isEqualTo(-1);
      assertThat(took).as("closed by 'timeout connect'")
          .isBetween(connect.minusMillis(50), connect.plus(SLACK));
    }
  }

  void awaitNoSessions() {
    await("no open sessions").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> proxy.openSessions() == 0);
  }

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left); // pacing the trickle, not waiting for a condition
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static long openFds() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  static long fdLimit() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (l.startsWith("Max open files")) {
        return Long.parseLong(l.substring(25).strip().split("\\s+")[0]);
      }
    }
    return Long.MAX_VALUE;
  }

  /** Heap after a GC, resident set size, open descriptors of this JVM. */
  record Usage(long heapBytes, long rssBytes, long fds) {
    static Usage now() throws IOException {
      System.gc();
      Runtime r = Runtime.getRuntime();
      long rss = 0;
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          rss = Long.parseLong(l.replaceAll("\\D", "")) * 1024;
        }
      }
      return new Usage(r.totalMemory() - r.freeMemory(), rss, openFds());
    }

    /** Once descriptors are back near {@code base} (closing is asynchronous). */
    static Usage settled(Usage base) throws IOException {
      await("descriptors released").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100)).until(() -> openFds() <= base.fds() + 10);
      return now();
    }

    @Override
    public String toString() {
      return String.format("heap %.1f MB, RSS %.1f MB, %d fds", heapBytes / 1048576.0,
          rssBytes / 1048576.0, fds);
    }
  }
}
