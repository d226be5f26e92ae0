package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuHogTest {

  @Test
  void oneBusyLoopPerCoreUnderOneTimeout() throws Exception {
    var cmd = CpuHog.command(3, Duration.ofMinutes(2));
    assertThat(cmd.subList(0, 4)).containsExactly("timeout", "120", "sh", "-c");
    // The script itself, each busy loop swapped for one line of output: one per core.
    Process p = new ProcessBuilder("sh", "-c", cmd.get(4).replace("while :; do :; done",
        "echo busy")).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    assertThat(out.lines()).containsExactly("busy", "busy", "busy");
  }
}
