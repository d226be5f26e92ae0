package lbchaos.harness.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify FIFO in the rendered configs, and the scripts that copy its lines to the log. */
class NotifyFifoConfigsTest {

  static final AddressPlan PLAN = new AddressPlan("10.213.7", 2, 2);
  static final LbSettings FIFO = LbSettings.ARTICLE.withNotify(LbSettings.Notify.SCRIPTS_AND_FIFO);

  @Test
  void theFifoIsInGlobalDefsOnlyWhenAskedAndTheJavaAgentRunsIt() {
    String plain = ReferenceConfigs.keepalived(PLAN, 51, 0, LbSettings.ARTICLE);
    assertThat(plain).doesNotContain("notify_fifo");
    String text = ReferenceConfigs.keepalived(PLAN, 51, 0, FIFO);
    KeepalivedConfig c = KeepalivedParser.parse(Path.of("keepalived.conf"), text);
    assertThat(c.javaRefusals()).as("the java stack runs it").isEmpty();
    assertThat(c.globalDefs().fifos()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(Path.of(ReferenceConfigs.NOTIFY_FIFO_PATH));
      assertThat(f.script()).contains(ReferenceConfigs.FIFO_SCRIPT_PATH);
    });
    assertThat(ReferenceConfigs.forLb(PLAN, 51, 0, FIFO)).extracting(ReferenceConfigs.FileSpec::path)
        .contains(ReferenceConfigs.FIFO_SCRIPT_PATH);
    assertThat(ReferenceConfigs.forLb(PLAN, 51, 0, LbSettings.ARTICLE))
        .extracting(ReferenceConfigs.FileSpec::path)
        .doesNotContain(ReferenceConfigs.FIFO_SCRIPT_PATH);
  }

  /** Runs the rendered fifo script on a file of FIFO lines, its log redirected to {@code out}. */
  static List<String> copied(LbSettings.Notify n, Path dir) throws Exception {
    Path out = dir.resolve("log");
    Files.createFile(out);
    Path script = dir.resolve("fifo.sh");
    // The script appends with '>' to a stream (the supervisor's stdout); to a file, '>>'.
    Files.writeString(script, ReferenceConfigs.fifoScript(n)
        .replace("> " + ReferenceConfigs.CONTAINER_LOG, ">> " + out));
    Path in = dir.resolve("lines");
    Files.writeString(in, "INSTANCE \"VI_1\" BACKUP 253\nINSTANCE \"VI_1\" MASTER 253\n"
        + "INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 253\nINSTANCE \"VI_1\" FAULT 251\n");
    Process p = new ProcessBuilder("/bin/bash", script.toString(), in.toString()).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return Files.readAllLines(out);
  }

  @Test
  void theFifoScriptCopiesEachLineInOrder(@TempDir Path dir) throws Exception {
    assertThat(copied(LbSettings.Notify.SCRIPTS_AND_FIFO, dir)).containsExactly(
        "lbchaos-fifo INSTANCE \"VI_1\" BACKUP 253", "lbchaos-fifo INSTANCE \"VI_1\" MASTER 253",
        "lbchaos-fifo INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 253",
        "lbchaos-fifo INSTANCE \"VI_1\" FAULT 251");
  }

  @Test
  void theNegativeCaseSwapsMasterAndBackupOnly(@TempDir Path dir) throws Exception {
    assertThat(copied(LbSettings.Notify.WRONG_STATE, dir)).containsExactly(
        "lbchaos-fifo INSTANCE \"VI_1\" MASTER 253", "lbchaos-fifo INSTANCE \"VI_1\" BACKUP 253",
        "lbchaos-fifo INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 253",
        "lbchaos-fifo INSTANCE \"VI_1\" FAULT 251");
    Path out = dir.resolve("notify-log");
    Files.createFile(out);
    Path script = dir.resolve("notify.sh");
    Files.writeString(script, ReferenceConfigs.notifyScript(LbSettings.Notify.WRONG_STATE)
        .replace("> " + ReferenceConfigs.CONTAINER_LOG, ">> " + out)
        .replace("/tmp/load-balancer-status", dir.resolve("status").toString()));
    for (String s : List.of("MASTER", "BACKUP", "FAULT")) {
      Process p = new ProcessBuilder("/bin/bash", script.toString(), s).redirectOutput(
          ProcessBuilder.Redirect.DISCARD).start();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readAllLines(out)).containsExactly("lbchaos-notify BACKUP",
        "lbchaos-notify MASTER", "lbchaos-notify FAULT");
  }
}
