package lbchaos.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** How a test class's declaration becomes a LabSpec; no container is started here. */
class LbChaosExtensionTest {

  @LbChaos
  static class Defaults {}

  @LbChaos(stack = Stack.JAVA, lbs = 3, webservers = 4, settings = "fast")
  static class WithSettings {
    static final LbSettings fast = LbSettings.ARTICLE.withAdverts(3, Duration.ofMillis(100));
  }

  @LbChaos(stack = Stack.JAVA, spec = "spec")
  static class WithSpec {
    static LabSpec spec() {
      return LabSpec.article(Stack.MIXED).withCounts(2, 3);
    }
  }

  @LbChaos(settings = "missing")
  static class Missing {}

  @LbChaos(stack = Stack.MIXED, keepalived = {"src/test/resources/article/keepalived-lb1.conf",
      "src/test/resources/article/keepalived-lb2.conf"},
      haproxy = "src/test/resources/article/haproxy.cfg", webserverImage = "my/app:1")
  static class OwnConfigs {}

  @LbChaos(keepalived = "src/test/resources/article/keepalived-lb1.conf")
  static class NoHaproxy {}

  @LbChaos(keepalived = "src/test/resources/article/keepalived-lb1.conf",
      haproxy = "src/test/resources/article/haproxy.cfg", settings = "fast")
  static class ConfigsAndSettings {
    static final LbSettings fast = LbSettings.ARTICLE;
  }

  static class NotAnnotated {}

  @Test
  void theDefaultsAreTheArticlesTopologyOnTheReferenceStack() {
    assertThat(LbChaosExtension.spec(Defaults.class)).as("defaults")
        .isEqualTo(LabSpec.article(Stack.REFERENCE));
  }

  @Test
  void attributesAndASettingsFieldShapeTheSpec() {
    LabSpec s = LbChaosExtension.spec(WithSettings.class);
    assertThat(s.stack()).as("stack").isEqualTo(Stack.JAVA);
    assertThat(s.lbCount()).as("LBs").isEqualTo(3);
    assertThat(s.webCount()).as("webservers").isEqualTo(4);
    assertThat(s.settings()).as("settings from the static field").isEqualTo(WithSettings.fast);
  }

  @Test
  void aSpecMethodWinsOverTheAttributes() {
    assertThat(LbChaosExtension.spec(WithSpec.class)).as("spec from the static method")
        .isEqualTo(LabSpec.article(Stack.MIXED).withCounts(2, 3));
  }

  @Test
  void aMissingMemberOrAnnotationIsAConfigurationError() {
    assertThatThrownBy(() -> LbChaosExtension.spec(Missing.class)).as("unknown settings member")
        .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("'missing'");
    assertThatThrownBy(() -> LbChaosExtension.spec(NotAnnotated.class)).as("no annotation")
        .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("@LbChaos");
  }

  @Test
  void yourConfigsFromTheProjectDirectoryAsRunReadsThem() {
    LabSpec s = LbChaosExtension.spec(OwnConfigs.class);
    var expected = lbchaos.harness.project.UserConfigs.load(List.of(
        Path.of("src/test/resources/article/keepalived-lb1.conf").toAbsolutePath(),
        Path.of("src/test/resources/article/keepalived-lb2.conf").toAbsolutePath()),
        Path.of("src/test/resources/article/haproxy.cfg").toAbsolutePath(), List.of())
        .spec(Stack.MIXED);
    assertThat(s.withWebserverImage(null)).as("the spec run would build").isEqualTo(expected);
    assertThat(s.userKeepalived()).as("absolute, under the project's directory")
        .allMatch(Path::isAbsolute);
    assertThat(s.webserverImage()).as("the image, not naming itself")
        .isEqualTo(lbchaos.harness.topology.WebserverImage.of("my/app:1"));
  }

  @Test
  void halfTheConfigsOrConfigsAndSettingsAreConfigurationErrors() {
    assertThatThrownBy(() -> LbChaosExtension.spec(NoHaproxy.class)).as("no haproxy")
        .isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("haproxy = ");
    assertThatThrownBy(() -> LbChaosExtension.spec(ConfigsAndSettings.class))
        .as("both").isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("one or the other");
  }

  @Test
  void aFaultThisHostCannotInjectSkipsTheTestWithItsReason() {
    var ext = new LbChaosExtension();
    var missing = new lbchaos.harness.fault.NotRunnable("netem (delay 300 ms)",
        "the engine host's kernel has no netem qdisc (sch_netem)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ext.handleTestExecutionException(null, missing))
        .isInstanceOf(org.opentest4j.TestAbortedException.class)
        .hasMessageContaining("not runnable").hasMessageContaining("sch_netem");
    var broken = new IllegalStateException("a failed check");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ext.handleTestExecutionException(null, broken))
        .as("anything else fails the test as it was").isSameAs(broken);
  }
}
