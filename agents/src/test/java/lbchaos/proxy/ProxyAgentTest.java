package lbchaos.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
