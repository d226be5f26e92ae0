package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lbchaos.harness.bench.ConnectionsHeld;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.scenario.Waits;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Node.ExecResult;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A graceful stop of the proxy with a request in flight. haproxy has two stops (management.txt,
 * section 4): SIGUSR1 is the soft stop (unbind the listeners, so new connections are refused;
 * serve the sessions already open; exit when the last ends, or at {@code hard-stop-after}) and
 * SIGTERM the hard stop (close everything now). Our proxy's SIGTERM is the soft stop, bounded by
 * the config's hard-stop-after, else its {@code --grace} (10 s): so haproxy gets SIGUSR1 and ours
 * SIGTERM, and both must behave alike. The rendered haproxy.cfg sets no hard-stop-after (the
 * forced end is tested on loopback: GracefulStopLoopbackTest, ProxyAgentSignalTest).
 *
 * <p>The request in flight is a slow answer (the webservers' "/" sleeps {@link #SLOW}), in the
 * article's mode tcp.
 */
class ProxyGracefulStopIT {

  static final Duration SLOW = Duration.ofSeconds(4);

  /** The java proxy's default --grace: the soft stop must end well before it forces anything. */
  static final Duration JAVA_GRACE = Duration.ofSeconds(10);

  static final Tolerance MACHINE = Tolerance.of(Duration.ofSeconds(2),
      "process exit and docker exec on a shared 2-core machine");

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Stack.class, names = {"REFERENCE", "JAVA"})
  void aRequestInFlightCompletesNewConnectionsAreRefusedAndTheProxyExits(Stack stack)
      throws Exception {
    try (Session s = session(stack)) {
      InFlight f = requestInFlight(s, stack);
      Node lb = f.lb();
      Node client = f.client();
      String url = f.url();
      String pid = f.pid();
      CompletableFuture<ExecResult> inFlight = f.answer();

      String signal = stack == Stack.JAVA ? "TERM" : "USR1";
      long signalled = System.nanoTime();
      assertThat(lb.exec(Duration.ofSeconds(5), "kill", "-" + signal, pid).exitCode())
          .as("SIG%s sent to %s", signal, pid).isZero();

      // curl exits 7 when the connection is refused: the listener is gone, not just paused.
      await("new connections refused after SIG" + signal).atMost(MACHINE.value())
          .pollInterval(Duration.ofMillis(100))
          .until(() -> client.exec(Duration.ofSeconds(5), "curl", "-s", "-o", "/dev/null",
              "--max-time", "1", url).exitCode() == 7);
      assertThat(inFlight).as("the slow request is still in flight once new ones are refused")
          .isNotDone();
      assertThat(alive(lb, pid)).as("the proxy drains rather than exits at once").isTrue();

      ExecResult r = inFlight.get(SLOW.plusSeconds(20).toSeconds(), TimeUnit.SECONDS);
      double answeredS = (System.nanoTime() - signalled) / 1e9;
      assertThat(r.exitCode()).as("curl of the in-flight request: %s", r.stderr()).isZero();
      assertThat(r.stdout()).as("the in-flight request's whole answer")
          .contains("This is coming from backend").endsWith("\n200");

      // The drain ends with the last session: the process leaves soon after the answer, and
      // before the java proxy's grace would have forced it.
      await("the proxy exits once the last session ended").atMost(MACHINE.value())
          .pollInterval(Duration.ofMillis(100)).until(() -> !alive(lb, pid));
      double exitedS = (System.nanoTime() - signalled) / 1e9;
      System.out.printf("%s: SIG%s, answer %.2f s and exit %.2f s after the signal%n", stack,
          signal, answeredS, exitedS);
      assertThat(exitedS).as("exit %.2f s after SIG%s, before the %d s grace", exitedS, signal,
          JAVA_GRACE.toSeconds()).isLessThan(JAVA_GRACE.toSeconds());
      assertThat(client.exec(Duration.ofSeconds(5), "curl", "-s", "-o", "/dev/null",
          "--max-time", "1", url).exitCode()).as("still refused after the exit").isEqualTo(7);
    }
  }

  /**
   * haproxy's hard stop, for contrast: SIGTERM closes the session in flight at once, so the
   * assertion above that the answer arrives whole is one a proxy can fail.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Stack.class, names = {"REFERENCE"})
  void haproxysHardStopCutsTheRequestInFlight(Stack stack) throws Exception {
    try (Session s = session(stack)) {
      InFlight f = requestInFlight(s, stack);
      assertThat(f.lb().exec(Duration.ofSeconds(5), "kill", "-TERM", f.pid()).exitCode())
          .as("SIGTERM sent").isZero();
      ExecResult r = f.answer().get(SLOW.plusSeconds(20).toSeconds(), TimeUnit.SECONDS);
      assertThat(r.stdout()).as("no whole answer after a hard stop (curl exit %d)", r.exitCode())
          .doesNotContain("This is coming from backend");
    }
  }

  /**
   * mode http, a request in flight at the stop: haproxy's soft stop answers it and tells the
   * client to close ("connection: close"), so the client does not reuse a connection that is about
   * to go; ours must do the same.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Stack.class, names = {"REFERENCE", "JAVA"})
  void anHttpRequestInFlightIsAnsweredWithConnectionClose(Stack stack) throws Exception {
    try (Session s = Session.start(LabSpec.article(stack).withSettings(
        ProxyConformanceIT.QUIET.withHaproxyExtra("mode http")), System.out, ProbeWatcher.NONE)) {
      InFlight f = requestInFlight(s, stack);
      String signal = stack == Stack.JAVA ? "TERM" : "USR1";
      assertThat(f.lb().exec(Duration.ofSeconds(5), "kill", "-" + signal, f.pid()).exitCode())
          .as("SIG%s sent", signal).isZero();
      ExecResult r = f.answer().get(SLOW.plusSeconds(20).toSeconds(), TimeUnit.SECONDS);
      assertThat(r.exitCode()).as("curl of the in-flight request: %s", r.stderr()).isZero();
      assertThat(r.stdout()).as("the whole answer, told to close")
          .containsIgnoringCase("\nconnection: close").contains("This is coming from backend")
          .endsWith("\n200");
      await("the proxy exits once the answer is out").atMost(MACHINE.value())
          .pollInterval(Duration.ofMillis(100)).until(() -> !alive(f.lb(), f.pid()));
    }
  }

  /**
   * mode http, an HTTP/1.1 client idle on a keep-alive connection after its first answer, as a
   * browser's or a connection pool's. haproxy's soft stop closes idle keep-alive connections at
   * once (no close-spread-time nor hard-stop-after in the rendered config), so the stop does not
   * wait for the client's keep-alive timeout (timeout client, 30 s here): the connection closes
   * and the process exits. The client is bash's /dev/tcp, which only reads until the close.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Stack.class, names = {"REFERENCE", "JAVA"})
  void anIdleKeepAliveConnectionIsClosedAtOnceAndTheProxyExits(Stack stack) throws Exception {
    try (Session s = Session.start(LabSpec.article(stack).withSettings(
        ProxyConformanceIT.QUIET.withHaproxyExtra("mode http")), System.out, ProbeWatcher.NONE)) {
      String master = Waits.ready(s, Expectations.masterDownInterval(
          Timings.vrrp(ProxyConformanceIT.QUIET, 1)));
      Node lb = s.lab().node(master);
      Node client = s.lab().client();
      var plan = s.lab().plan();
      String pid = proxyPid(lb, stack);
      String out = "/tmp/keepalive-" + stack.label();
      CompletableFuture<ExecResult> idle = CompletableFuture.supplyAsync(() -> client.exec(
          Duration.ofSeconds(60), "bash", "-c", "exec 3<>/dev/tcp/" + plan.vip() + "/"
              + plan.servicePort() + " && printf 'GET / HTTP/1.1\\r\\nHost: lb\\r\\n\\r\\n' >&3"
              + " && cat <&3 > " + out));
      await("the first answer arrived on the keep-alive connection").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> client.exec(Duration.ofSeconds(5), "cat", out).stdout()
              .contains("This is coming from backend"));
      assertThat(idle).as("the connection stays open after the answer (keep-alive)").isNotDone();

      String signal = stack == Stack.JAVA ? "TERM" : "USR1";
      long signalled = System.nanoTime();
      assertThat(lb.exec(Duration.ofSeconds(5), "kill", "-" + signal, pid).exitCode())
          .as("SIG%s sent to %s", signal, pid).isZero();
      ExecResult r = idle.get(MACHINE.value().toMillis(), TimeUnit.MILLISECONDS);
      double closedS = (System.nanoTime() - signalled) / 1e9;
      String head = client.exec(Duration.ofSeconds(5), "cat", out).stdout();
      assertThat(r.exitCode()).as("the client saw the close: %s", r.stderr()).isZero();
      assertThat(head).as("the answer before the stop was keep-alive").startsWith("HTTP/1.1 200")
          .doesNotContainIgnoringCase("connection: close");
      await("the proxy exits with no session left").atMost(MACHINE.value())
          .pollInterval(Duration.ofMillis(100)).until(() -> !alive(lb, pid));
      double exitedS = (System.nanoTime() - signalled) / 1e9;
      System.out.printf("%s http: SIG%s, idle keep-alive closed %.2f s and exit %.2f s after"
          + " the signal%n", stack, signal, closedS, exitedS);
    }
  }

  private static String proxyPid(Node lb, Stack stack) {
    // haproxy -W: the oldest haproxy is the master, which passes the signal to its worker.
    // "[a]gents": the pattern must not match this shell's own command line.
    String pid = lb.exec(Duration.ofSeconds(5), "sh", "-c", stack == Stack.JAVA
        ? "pgrep -f '[a]gents.jar proxy'" : "pgrep -o -x haproxy").stdout().strip();
    assertThat(pid).as("one proxy process on %s", lb.name()).matches("\\d+");
    return pid;
  }

  /** A lab whose webservers answer {@link #SLOW} late, the check script kept out of the way. */
  private static Session session(Stack stack) {
    return Session.start(LabSpec.article(stack).withSettings(ProxyConformanceIT.QUIET),
        System.out, ProbeWatcher.NONE);
  }

  /** The VIP holder, the proxy's pid, and a slow request that has reached the proxy. */
  record InFlight(Node lb, Node client, String url, String pid,
      CompletableFuture<ExecResult> answer) {}

  private static InFlight requestInFlight(Session s, Stack stack) {
    String master = Waits.ready(s, Expectations.masterDownInterval(
        Timings.vrrp(ProxyConformanceIT.QUIET, 1)));
    Node lb = s.lab().node(master);
    Node client = s.lab().client();
    var plan = s.lab().plan();
    String url = "http://" + plan.vip() + ":" + plan.servicePort() + "/";
    for (Node w : s.lab().webservers()) {
      s.nemesis().inject(Faults.slowAnswers(w.name(), SLOW));
    }
    // haproxy -W: the oldest haproxy is the master, which passes the signal to its worker.
    // "[a]gents": the pattern must not match this shell's own command line.
    String pid = lb.exec(Duration.ofSeconds(5), "sh", "-c", stack == Stack.JAVA
        ? "pgrep -f '[a]gents.jar proxy'" : "pgrep -o -x haproxy").stdout().strip();
    assertThat(pid).as("one proxy process on %s", master).matches("\\d+");
    CompletableFuture<ExecResult> answer = CompletableFuture.supplyAsync(() -> client.exec(
        SLOW.plusSeconds(20), "curl", "-s", "-i", "--max-time", Long.toString(SLOW.toSeconds() + 15),
        "-w", "\n%{http_code}", url));
    await("the request in flight at the proxy").atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ConnectionsHeld.of(lb.exec(Duration.ofSeconds(5),
            ConnectionsHeld.SS.toArray(String[]::new)).stdout(), plan.vip(),
            plan.servicePort(), Set.copyOf(plan.webservers())).atLeast(1));
    return new InFlight(lb, client, url, pid, answer);
  }

  /** Whether the process exists and is not a zombie awaiting its supervisor's wait. */
  private static boolean alive(Node lb, String pid) {
    String state = lb.exec(Duration.ofSeconds(5), "sh", "-c",
        "awk '/^State:/{print $2}' /proc/" + pid + "/status 2>/dev/null").stdout().strip();
    return !state.isEmpty() && !state.equals("Z");
  }
}
