package lbchaos.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import lbchaos.proxy.config.HaproxyConfigParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyAgentTest {

  @Test
  void checkModeExitCodes(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.cfg");
    Files.writeString(good, "backend b\n  server a 127.0.0.1:80 check\n");
    Path bad = dir.resolve("bad.cfg");
    Files.writeString(bad, "backend b\n  server a 127.0.0.1:80 inter soon\n");
    assertThat(ProxyAgent.main(new String[] {"--config", good.toString(), "--check"}))
        .as("valid config").isZero();
    assertThat(ProxyAgent.main(new String[] {"--config", bad.toString(), "--check"}))
        .as("malformed config: exit 2").isEqualTo(2);
    assertThat(ProxyAgent.main(new String[] {"--bogus"})).as("bad usage: exit 2").isEqualTo(2);
    assertThat(ProxyAgent.main(new String[] {"--config", good.toString(), "--check",
        "--transport", "kqueue"})).as("unknown transport: exit 2").isEqualTo(2);
    assertThat(ProxyAgent.main(new String[] {"--config", good.toString(), "--check",
        "--transport", "nio"})).as("a transport this host has").isZero();
  }

  /** Refuse, don't drift: a line haproxy acts on and the agent does not implement stops it. */
  @Test
  void aLineTheAgentDoesNotImplementRefusesToStartWithExit2(@TempDir Path dir) throws Exception {
    assertThat(check(dir, "backend b\n  option abortonclose\n  server a 127.0.0.1:80\n"))
        .as("refused: exit 2").isEqualTo(2);
    assertThat(check(dir, "backend b\n  no option abortonclose\n  server a 127.0.0.1:80\n"))
        .as("haproxy's default runs").isZero();
  }

  /** {@code proxy --check} on a config of this text. */
  private static int check(Path dir, String text) throws Exception {
    Path cfg = Files.writeString(dir.resolve("check.cfg"), text);
    return ProxyAgent.main(new String[] {"--config", cfg.toString(), "--check"});
  }

  /**
   * An errorfile is read where the proxy runs, before it starts: one it cannot use is an error
   * of its line, as haproxy -c reports it.
   */
  @Test
  void anErrorfileThatCannotBeReadFailsTheCheckWithExit2(@TempDir Path dir) throws Exception {
    Path page = Files.writeString(dir.resolve("503.http"), "HTTP/1.1 503 Down\r\n"
        + "Content-Length: 0\r\n\r\n");
    String cfg = "defaults\n  mode http\n  errorfile 503 %s\nfrontend f\n  bind 127.0.0.1:8080\n"
        + "  default_backend b\nbackend b\n";
    Path good = Files.writeString(dir.resolve("good.cfg"), cfg.formatted(page));
    assertThat(ProxyAgent.main(new String[] {"--config", good.toString(), "--check"}))
        .isEqualTo(0);
    Path bad = Files.writeString(dir.resolve("bad.cfg"), cfg.formatted(dir.resolve("no.http")));
    assertThat(ProxyAgent.main(new String[] {"--config", bad.toString(), "--check"}))
        .isEqualTo(2);
    assertThatThrownBy(() -> ProxyAgent.load(bad)).hasMessageContaining(
        bad + ":3: errorfile : error opening file '" + dir.resolve("no.http") + "'.");
    Path unused = Files.writeString(dir.resolve("unused.cfg"), cfg.formatted(page)
        + "http-errors site\n  errorfile 403 " + dir.resolve("no.http") + "\n");
    assertThatThrownBy(() -> ProxyAgent.load(unused)).as("a section's, used or not")
        .hasMessageContaining(unused + ":9: errorfile : error opening file");
  }

  @Test
  void unknownGlobalUserFailsTheCheckWithExit2(@TempDir Path dir) throws Exception {
    assertThat(check(dir, "global\n  user lbchaos-no-such-user\nbackend b\n"))
        .as("unknown user: malformed config, as haproxy -c").isEqualTo(2);
    assertThat(check(dir, "global\n  user root\n  group root\nbackend b\n"))
        .as("known user and group").isZero();
  }

  @Test
  void hardStopAfterBoundsTheDrainElseGrace() throws Exception {
    Duration flag = Duration.ofSeconds(10);
    assertThat(ProxyAgent.graceOf(HaproxyConfigParser.parse(Path.of("a.cfg"),
        "global\n  hard-stop-after 1500ms\nbackend b\n"), flag))
        .as("the config's hard-stop-after").isEqualTo(Duration.ofMillis(1500));
    assertThat(ProxyAgent.graceOf(HaproxyConfigParser.parse(Path.of("a.cfg"), "backend b\n"),
        flag)).as("else --grace").isEqualTo(flag);
  }

  @Test
  void aReloadAskingForAnotherUserIsAppliedButTheUserWaitsForARestart(@TempDir Path dir)
      throws Exception {
    int port;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String base = """
        defaults
          mode tcp
          timeout connect 200ms
          timeout client 5s
          timeout server 5s
        frontend fe
          bind 127.0.0.1:%d
          default_backend be
        backend be
          server a 127.0.0.1:9
        """.formatted(port);
    Path cfg = dir.resolve("haproxy.cfg");
    Files.writeString(cfg, base);
    var err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    try (var server = new lbchaos.proxy.net.ProxyServer(lbchaos.proxy.net.Transport.NIO, 1, "t",
        new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true))) {
      server.start(ProxyAgent.load(cfg));
      lbchaos.privilege.UserSpec flag = lbchaos.privilege.UserSpec.parse("nobody");
      var reloader = new ProxyAgent.Reloader(server, cfg, flag, flag);
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      Files.writeString(cfg, "global\n  user root\n" + base.replace("5s", "6s"));
      reloader.reload("test");
      assertThat(server.config().frontend("fe").orElseThrow().timeouts().client())
          .as("the rest of the config applied").contains(Duration.ofSeconds(6));
    } finally {
      System.setErr(saved);
    }
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .as("the user change is said to wait for a restart")
        .contains("asks for user root; still running as nobody until a restart");
  }
}
