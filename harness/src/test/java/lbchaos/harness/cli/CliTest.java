package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.topology.AddressPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the commands that need no containers. */
class CliTest {

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    PrintStream o = System.out;
    try {
      System.setOut(new PrintStream(out, true));
      return Cli.execute(new PrintStream(out, true), new PrintStream(err, true), args);
    } finally {
      System.setOut(o);
    }
  }

  @Test
  void lintAcceptsTheRenderedConfigsAndReportsThe255Weight() throws Exception {
    AddressPlan plan = new AddressPlan("10.1.2", 2, 2);
    Path k = Files.writeString(dir.resolve("keepalived.conf"),
        ReferenceConfigs.keepalived(plan, 51, 0, LbSettings.ARTICLE));
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), ReferenceConfigs.haproxy(plan, LbSettings.ARTICLE));
    assertThat(run("lint", k.toString(), h.toString())).as("exit code, stderr: %s", err).isZero();
    assertThat(out.toString()).as("lint output").contains("keepalived.conf:").contains("255")
        .contains("haproxy.cfg: haproxy");
  }

  @Test
  void lintOfAMalformedConfigSaysFileAndLineAndExits2() throws Exception {
    Path k = Files.writeString(dir.resolve("bad.conf"),
        "vrrp_instance VI_1 {\n  state MASTER\n  priority 300\n}\n");
    assertThat(run("lint", k.toString())).as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("file:line on stderr").contains("bad.conf:3");
  }

  @Test
  void anUnreadableFileExits2() {
    assertThat(run("lint", dir.resolve("missing.cfg").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.cfg").contains("cannot read");
  }

  @Test
  void badUsageExits2() {
    assertThat(run("demo", "--stack", "nginx")).as("unknown stack").isEqualTo(2);
    assertThat(err.toString()).contains("unknown stack 'nginx'");
    assertThat(run("no-such-command")).as("unknown command").isEqualTo(2);
  }
}
