package lbchaos.harness.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.project.ProjectDir;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;
import org.testcontainers.lifecycle.Startable;

/** The pair before it starts; no container is started here. */
class LbPairTest {

  static final String DIR = "src/test/resources/article/";
  static final LbPair PAIR = LbPair.fromConfigs(List.of(DIR + "keepalived-lb1.conf",
      DIR + "keepalived-lb2.conf"), DIR + "haproxy.cfg");

  @Test
  void aStartableConfiguredFluentlyEachStepANewPair() {
    assertThat(PAIR).as("a Testcontainers Startable").isInstanceOf(Startable.class);
    LbPair java = PAIR.withStack(Stack.JAVA).withScript(DIR + "check_apiserver.sh")
        .withWebserverImage("my/app:1");
    assertThat(PAIR.stack()).as("the first pair unchanged").isEqualTo(Stack.REFERENCE);
    assertThat(PAIR.webserverImage()).as("no image on the first").isNull();
    assertThat(java.stack()).as("stack").isEqualTo(Stack.JAVA);
    assertThat(java.scripts()).as("script, from the project's directory")
        .containsExactly(ProjectDir.resolve(DIR + "check_apiserver.sh"));
    assertThat(java.webserverImage().image()).as("image").isEqualTo("my/app:1");
    assertThat(java.haproxy()).as("haproxy.cfg from the project's directory").isAbsolute()
        .endsWith(Path.of("article", "haproxy.cfg"));
  }

  @Test
  void notStartedItHasNoSessionAndABadFileFailsTheStartBeforeAnyContainer() {
    assertThatThrownBy(PAIR::session).as("before start")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    LbPair broken = LbPair.fromConfigs(List.of(DIR + "keepalived-lb1.conf",
        DIR + "no-such.conf"), DIR + "haproxy.cfg");
    assertThatThrownBy(broken::start).as("a missing file").isInstanceOf(BadConfig.class)
        .hasMessageContaining("no-such.conf");
    assertThatThrownBy(() -> LbPair.fromConfigs(List.of(), DIR + "haproxy.cfg"))
        .as("no keepalived.conf").isInstanceOf(IllegalArgumentException.class);
  }
}
