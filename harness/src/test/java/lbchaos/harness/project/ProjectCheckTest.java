package lbchaos.harness.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maven check goal's run, on input that must stop it before anything starts. */
class ProjectCheckTest {

  static final Path ARTICLE = Path.of("src/test/resources/article");

  @TempDir Path dir;

  @Test
  void aJavaStackThatRefusesAConfigStopsTheReferenceStackBeforeItRuns() throws Exception {
    Path lb2 = Files.writeString(dir.resolve("lb2.conf"), Files.readString(
        ARTICLE.resolve("keepalived-lb2.conf")).replace("    priority 254\n",
        "    priority 254\n    no_accept\n"));
    UserConfigs c = UserConfigs.load(List.of(ARTICLE.resolve("keepalived-lb1.conf"), lb2),
        ARTICLE.resolve("haproxy.cfg"), List.of(ARTICLE.resolve("check_apiserver.sh"),
            ARTICLE.resolve("status_capture.sh")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path reports = dir.resolve("reports");
    assertThatThrownBy(() -> ProjectCheck.run(c, null, List.of(Stack.REFERENCE, Stack.JAVA),
        List.of(), reports, new PrintStream(out, true))).as("refused")
        .isInstanceOf(BadConfig.class)
        .hasMessageContaining(lb2 + ":20: the java agent does not implement no_accept");
    assertThat(out.toString()).as("nothing started, not even the reference stack").isEmpty();
    assertThat(reports).as("no report").doesNotExist();
  }
}
