package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.AccessLog;
import lbchaos.event.Events;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.log.AccessLogLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy agent writes haproxy's httplog and tcplog lines to a unix datagram socket (raw) and
 * over UDP (rfc3164), and each logged request is an AccessLog event on its event stream: the
 * line names the server that answered, with the termination state haproxy would write.
 */
class AccessLogLoopbackTest {

  @TempDir
  Path dir;
  private DatagramChannel udp;
  private Socket unix;
  private Path unixPath;
  private final ByteArrayOutputStream events = new ByteArrayOutputStream();

  @BeforeEach
  void listen() throws IOException {
    udp = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    udp.configureBlocking(false);
    Epoll.ensureAvailability();
    unixPath = dir.resolve("log.sock");
    unix = Socket.newSocketDomainDgram();
    unix.bind(new DomainSocketAddress(unixPath.toString()));
  }

  @AfterEach
  void close() throws IOException {
    udp.close();
    unix.close();
    Files.deleteIfExists(unixPath);
  }

  private String logLines() {
    int port = ((InetSocketAddress) udpAddress()).getPort();
    return "log 127.0.0.1:" + port + " local0 info\n"
        + "log " + unixPath + " format raw local0";
  }

  private java.net.SocketAddress udpAddress() {
    try {
      return udp.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for {@code n} datagrams on each socket: UDP's first, then the unix socket's. */
  private List<String> received(int n) {
    List<String> got = new ArrayList<>();
    List<String> fromUnix = new ArrayList<>();
    await("access log datagrams").atMost(Duration.ofSeconds(5)).until(() -> {
      ByteBuffer b = ByteBuffer.allocate(2048);
      if (udp.receive(b) != null) {
        got.add(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
      }
      ByteBuffer d = ByteBuffer.allocateDirect(2048);
      try {
        var from = unix.recvFromDomainSocket(d, 0, d.capacity());
        if (from != null) {
          byte[] x = new byte[from.receivedAmount()];
          d.get(0, x);
          fromUnix.add(new String(x, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // EAGAIN: nothing yet
      }
      return got.size() >= n && fromUnix.size() >= n;
    });
    got.addAll(fromUnix);
    return got;
  }

  private List<AccessLog> eventsWritten() {
    return events.toString(StandardCharsets.UTF_8).lines().map(Events::parse)
        .flatMap(java.util.Optional::stream).filter(AccessLog.class::isInstance)
        .map(AccessLog.class::cast).toList();
  }

  @Test
  void tcplogNamesTheServerOnBothTargets() throws Exception {
    Backends.NameServer a = new Backends.NameServer("web1", 0);
    int port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).global(logLines().split("\n")[0])
        .global(logLines().split("\n")[1]).defaults("log global\noption tcplog")
        .servers("", a).parse();
    try (a; ProxyServer proxy = new ProxyServer(Transport.best(), 1, "lb-test",
        new PrintStream(events, true, StandardCharsets.UTF_8))) {
      proxy.start(c);
      assertThat(Backends.fetch(port).strip()).isEqualTo("web1");
      List<String> lines = received(1);
      assertThat(lines.getFirst()).as("rfc3164 over UDP").startsWith("<134>")
          .contains(" haproxy[");
      for (String line : lines) {
        AccessLog l = AccessLogLine.parse("lb-test", line).orElseThrow(
            () -> new AssertionError("not a tcplog line: " + line));
        assertThat(l.mode()).isEqualTo("tcp");
        assertThat(l.server()).isEqualTo("web1");
        assertThat(l.frontend()).isEqualTo("fe");
        assertThat(l.backend()).isEqualTo("be");
        assertThat(l.state()).as("a normal end").isEqualTo("--");
        assertThat(l.bytes()).as("bytes to the client").isEqualTo(5); // "web1\n"
        assertThat(l.tc()).isGreaterThanOrEqualTo(0);
        assertThat(l.feconn()).as("the logged session counted, as haproxy does").isEqualTo(1);
      }
      await("the event").atMost(Duration.ofSeconds(3)).until(() -> !eventsWritten().isEmpty());
      assertThat(eventsWritten().getFirst().server()).isEqualTo("web1");
    }
  }

  /**
   * A session idle on both sides after the server's last bytes times out on both in the same
   * tick; haproxy 2.6.12 logs it "cD" (side by side: "1/0/1012 5 cD"), naming the client's side.
   */
  @Test
  void tcplogNamesTheClientWhenBothSidesIdleOutTogether() throws Exception {
    Backends.NameServer a = new Backends.NameServer("web1", 0);
    int port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).global(logLines().split("\n")[0])
        .global(logLines().split("\n")[1])
        .defaults("log global\noption tcplog\ntimeout client 300ms\ntimeout server 300ms")
        .servers("", a).parse();
    try (a; ProxyServer proxy = new ProxyServer(Transport.best(), 1, "lb-test",
        new PrintStream(events, true, StandardCharsets.UTF_8));
        var s = new java.net.Socket()) {
      proxy.start(c);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      s.setSoTimeout(5000);
      assertThat(s.getInputStream().readAllBytes()).as("the name, then the close at 300 ms")
          .hasSize(5);
      for (String line : received(1)) {
        assertThat(AccessLogLine.parse("lb-test", line).orElseThrow().state()).as(line)
            .isEqualTo("cD");
      }
    }
  }

  @Test
  void httplogNamesTheServerAndARefusedConnectIsSC() throws Exception {
    var web = Backends.web(ex -> "webserver-1\n");
    int dead = Backends.freePort();
    int port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).mode("http").global(logLines().split("\n")[0])
        .global(logLines().split("\n")[1]).defaults("log global\noption httplog")
        .server("backend-1", web.getAddress().getPort(), "")
        .server("backend-2", dead, "").parse();
    try (ProxyServer proxy = new ProxyServer(Transport.best(), 1, "lb-test",
        new PrintStream(events, true, StandardCharsets.UTF_8))) {
      proxy.start(c);
      String ok = Backends.exchange(port, "GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(ok).contains("200").contains("webserver-1");
      String refused = Backends.exchange(port,
          "GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(refused).contains("503");
      List<AccessLog> logged = received(2).stream()
          .map(l -> AccessLogLine.parse("lb-test", l).orElseThrow(
              () -> new AssertionError("not an httplog line: " + l))).toList();
      for (AccessLog l : List.of(logged.get(0), logged.get(2))) {
        assertThat(l.server()).isEqualTo("backend-1");
        assertThat(l.status()).isEqualTo(200);
        assertThat(l.request()).isEqualTo("GET /a HTTP/1.1");
        assertThat(l.termination()).isEqualTo("----");
        assertThat(l.tr()).as("Tr").isGreaterThanOrEqualTo(0);
      }
      for (AccessLog l : List.of(logged.get(1), logged.get(3))) {
        assertThat(l.server()).isEqualTo("backend-2");
        assertThat(l.status()).isEqualTo(503);
        assertThat(l.termination()).as("server refused the connect").isEqualTo("SC--");
        assertThat(l.tc()).as("never connected").isEqualTo(-1);
        assertThat(l.retries()).as("haproxy's default retries").isEqualTo(3);
      }
    } finally {
      web.stop(0);
    }
  }

  /**
   * No usable server (the only one disabled): 503 with no server chosen, "SC--", as haproxy
   * 2.6.12 logged it ("nosrv empty/&lt;NOSRV&gt; 0/-1/-1/-1/0 503 217 - - SC-- ...").
   */
  @Test
  void noServerIsNosrvAndSC() throws Exception {
    int port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).mode("http").global(logLines().split("\n")[1])
        .defaults("log global\noption httplog").server("backend-1", Backends.freePort(),
            "disabled").parse();
    try (ProxyServer proxy = new ProxyServer(Transport.best(), 1, "lb-test",
        new PrintStream(events, true, StandardCharsets.UTF_8))) {
      proxy.start(c);
      assertThat(Backends.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close"
          + "\r\n\r\n")).contains("503");
      await("the unix datagram").atMost(Duration.ofSeconds(5)).until(() -> {
        ByteBuffer d = ByteBuffer.allocateDirect(2048);
        try {
          var from = unix.recvFromDomainSocket(d, 0, d.capacity());
          if (from == null) {
            return false;
          }
          byte[] x = new byte[from.receivedAmount()];
          d.get(0, x);
          AccessLog l = AccessLogLine.parse("lb-test", new String(x, StandardCharsets.UTF_8))
              .orElseThrow();
          assertThat(l.hasServer()).as("no server chosen").isFalse();
          assertThat(l.status()).isEqualTo(503);
          assertThat(l.termination()).isEqualTo("SC--");
          assertThat(l.tc()).isEqualTo(-1);
          return true;
        } catch (IOException e) {
          return false;
        }
      });
    }
  }

  @Test
  void aRoutedRequestLogsTheBackendItsRulesChoseADenyLogsPrAndAReturnLr() throws Exception {
    var main = Backends.web(ex -> "main\n");
    var api = Backends.web(ex -> "api\n");
    int port = Backends.freePort();
    HaproxyConfig c = Backends.cfg(port).mode("http").global(logLines().split("\n")[1])
        .defaults("log global\noption httplog")
        .frontend("http-request deny if { path_beg /admin }\n"
            + "http-request deny deny_status 429 if { path_beg /busy }\n"
            + "http-request return status 403 if { path_beg /gone }\n"
            + "use_backend api if { path_beg /api }")
        .server("main", main.getAddress().getPort(), "")
        .section("backend api\n  server api 127.0.0.1:" + api.getAddress().getPort() + "\n")
        .parse();
    try (ProxyServer proxy = new ProxyServer(Transport.best(), 1, "lb-test",
        new PrintStream(events, true, StandardCharsets.UTF_8))) {
      proxy.start(c);
      for (String path : List.of("/", "/api/x", "/admin", "/busy", "/gone")) {
        Backends.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      }
      await("five requests logged").atMost(Duration.ofSeconds(5))
          .until(() -> eventsWritten().size() >= 5);
      // In the order the requests were sent, one at a time.
      assertThat(eventsWritten()).extracting(AccessLog::backend, AccessLog::server,
          AccessLog::status, AccessLog::termination).containsExactly(
              org.assertj.core.groups.Tuple.tuple("be", "main", 200, "----"),
              org.assertj.core.groups.Tuple.tuple("api", "api", 200, "----"),
              org.assertj.core.groups.Tuple.tuple("fe", AccessLog.NO_SERVER, 403, "PR--"),
              // A deny by any status is a refusal; a return by 403 is the proxy's own answer.
              org.assertj.core.groups.Tuple.tuple("fe", AccessLog.NO_SERVER, 429, "PR--"),
              org.assertj.core.groups.Tuple.tuple("fe", AccessLog.NO_SERVER, 403, "LR--"));
    } finally {
      main.stop(0);
      api.stop(0);
    }
  }
}
