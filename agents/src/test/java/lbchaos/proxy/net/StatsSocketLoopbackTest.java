package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.proxy.config.HaproxyConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime API through a real UNIX socket, in front of two loopback backends. */
class StatsSocketLoopbackTest {

  @TempDir
  Path dir;
  final ByteArrayOutputStream events = new ByteArrayOutputStream();
  final List<AutoCloseable> closing = new ArrayList<>();
  ProxyServer proxy;
  int port;
  Path sock;

  void start(String level) throws Exception {
    port = Backends.freePort();
    sock = dir.resolve("admin.sock");
    Backends.NameServer a = new Backends.NameServer("web1", 0);
    Backends.NameServer b = new Backends.NameServer("web2", 0);
    closing.add(a);
    closing.add(b);
    HaproxyConfig c = Backends.cfg(port).global("stats socket " + sock + " mode 600 level "
        + level).servers("check inter 100ms", a, b).parse();
    proxy = new ProxyServer(Transport.best(), 2, "lb-test",
        new PrintStream(events, true, StandardCharsets.UTF_8));
    proxy.start(c);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** One command per connection, as socat sends it; the answer up to the server's close. */
  String send(String command) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(sock));
      ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(4096);
      while (ch.read(buf.clear()) >= 0) {
        out.write(buf.array(), 0, buf.position());
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  List<String> fetch(int n) throws IOException {
    List<String> got = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      got.add(Backends.fetch(port).strip());
    }
    return got;
  }

  String status(String server) throws IOException {
    return send("show stat").lines().filter(l -> l.startsWith("be," + server + ","))
        .findFirst().orElseThrow().split(",")[17];
  }

  @Test
  void drainTakesTheServerOutOfTheRotationAndReadyBringsItBack() throws Exception {
    start("admin");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)))
        .as("mode 600").isEqualTo("rw-------");
    assertThat(fetch(4)).containsExactly("web1", "web2", "web1", "web2");
    assertThat(send("set server be/web1 state drain")).isEqualTo("\n");
    assertThat(fetch(6)).as("drained: no new connection").containsOnly("web2");
    assertThat(status("web1")).as("checks go on, the server is up and drained")
        .isEqualTo("DRAIN");
    assertThat(send("set server be/web1 state ready")).isEqualTo("\n");
    assertThat(fetch(4)).contains("web1", "web2");
    assertThat(status("web1")).isEqualTo("UP");
  }

  @Test
  void maintStopsChecksAndEnableBringsTheServerBackUp() throws Exception {
    start("admin");
    assertThat(send("disable server be/web2")).isEqualTo("\n");
    assertThat(status("web2")).isEqualTo("MAINT");
    assertThat(fetch(4)).containsOnly("web1");
    String state = send("show servers state be");
    assertThat(state).startsWith("1\n# be_id be_name srv_id srv_name ");
    assertThat(state.lines().filter(l -> l.contains(" web2 ")).findFirst().orElseThrow()
        .split(" ")).as("op_state 0, admin FMAINT, check state CONFIGURED|ENABLED|PAUSED")
        .satisfies(f -> {
          assertThat(f[5]).isEqualTo("0");
          assertThat(f[6]).isEqualTo("1");
          assertThat(f[13]).isEqualTo("14");
        });
    assertThat(send("enable server be/web2")).isEqualTo("\n");
    assertThat(fetch(4)).contains("web1", "web2");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(events.toString(StandardCharsets.UTF_8))
            .contains("\"up\":false").contains("maintenance")
            .contains("leaving forced maintenance"));
  }

  @Test
  void weightZeroDrainsAndOperatorsMayOnlyRead() throws Exception {
    start("admin");
    assertThat(send("set server be/web2 weight 0")).isEqualTo("\n");
    assertThat(fetch(4)).containsOnly("web1");
    assertThat(send("get weight be/web2")).isEqualTo("0 (initial 1)\n\n");
    assertThat(send("set server be/nope weight 1")).isEqualTo("No such server.\n\n");
    assertThat(send("show info")).contains("\nPid: " + ProcessHandle.current().pid() + "\n");
  }

  @Test
  void theOperatorLevelMayNotChangeServers() throws Exception {
    start("operator");
    assertThat(send("set server be/web1 state maint")).isEqualTo("Permission denied\n\n");
    assertThat(fetch(2)).containsExactly("web1", "web2");
    assertThat(send("show stat")).startsWith("# pxname,svname,");
  }
}
