package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SweeperTest {

  @Test
  void onlyRunsWhoseOwnerDiedAreStale() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(Sweeper.stale(p.pid())).as("an owner that exited").isTrue();
    assertThat(Sweeper.stale(ProcessHandle.current().pid())).as("a live owner").isFalse();
    assertThat(Sweeper.stale(-1)).as("no owner label: an image build's RUN container").isFalse();
  }
}
