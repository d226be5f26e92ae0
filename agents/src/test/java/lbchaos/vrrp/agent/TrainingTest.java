package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class TrainingTest {

  @Test
  void theOfflineStartupPathRunsToMasterAndBackWithoutANetwork() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = Training.run(new PrintStream(err));
    assertThat(rc).as("vrrp --train exit code; stderr: %s", err).isZero();
  }

  @Test
  void theAgentsOwnStartRunsUpToItsFirstSocketAndTheClassesAfterItAreNamedRight()
      throws Exception {
    assertThat(Training.failedStart())
        .as("the real start, stopped at the interface before any socket of an instance")
        .startsWith("exit 1: ").contains("cannot start").contains("no interface "
            + Training.NO_LINK);
    for (String c : Training.START_CLASSES) {
      assertThat(Class.forName(c, false, getClass().getClassLoader())).as(c).isNotNull();
    }
  }

  @Test
  void theTrainingConfigHasTheArticlesWarningAndNoScriptsToRun() {
    var cfg = lbchaos.vrrp.config.KeepalivedParser.parse(java.nio.file.Path.of("t"),
        Training.CONF);
    assertThat(cfg.warnings()).as("the weight-at-255 warning, so the warning path is trained")
        .isNotEmpty();
    assertThat(cfg.instances().getFirst().notifyScripts().master())
        .as("no notify script: training forks nothing").isEmpty();
  }
}
