package lbchaos.proxy;

import static org.assertj.core.api.Assertions.assertThat;

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
  }

  @Test
  void unknownGlobalUserFailsTheCheckWithExit2(@TempDir Path dir) throws Exception {
    Path cfg = dir.resolve("user.cfg");
    Files.writeString(cfg, "global\n  user lbchaos-no-such-user\nbackend b\n");
    assertThat(ProxyAgent.main(new String[] {"--config", cfg.toString(), "--check"}))
        .as("unknown user: malformed config, as haproxy -c").isEqualTo(2);
    Files.writeString(cfg, "global\n  user root\n  group root\nbackend b\n");
    assertThat(ProxyAgent.main(new String[] {"--config", cfg.toString(), "--check"}))
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
}
