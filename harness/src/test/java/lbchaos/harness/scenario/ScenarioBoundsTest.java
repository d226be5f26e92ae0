package lbchaos.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lbchaos.verdict.Bound;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckFailure;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.topology.TopologyFromConfigs;
import org.junit.jupiter.api.Test;

/** Bounds from a user's configs, and the scenario registry. */
class ScenarioBoundsTest {

  static final Path ARTICLE = Path.of("src/test/resources/article");

  ScenarioBounds fromArticleFiles() {
    var t = TopologyFromConfigs.derive(List.of(ARTICLE.resolve("keepalived-lb1.conf"),
        ARTICLE.resolve("keepalived-lb2.conf")), ARTICLE.resolve("haproxy.cfg"), List.of());
    return ScenarioBounds.from(t.keepalived(), t.haproxy());
  }

  @Test
  void theArticlesFilesGiveTheSameBoundsAsTheRenderedArticleConfigs() {
    ScenarioBounds files = fromArticleFiles();
    ScenarioBounds rendered = ScenarioBounds.of(LbSettings.ARTICLE);
    assertThat(files.backup().priority()).as("the backup is the 254 node").isEqualTo(254);
    assertThat(files.masterDown()).as("master down interval").isEqualTo(rendered.masterDown());
    assertThat(files.masterDown().value()).as("3 x 1 s + (256-254)/256 s")
        .isEqualTo(Duration.ofSeconds(3).plusNanos(7_812_000));
    assertThat(Expectations.backendDown(files.check(), CheckFailure.CONNECT_TIMEOUT))
        .as("haproxy detection").isEqualTo(Expectations.backendDown(rendered.check(),
            CheckFailure.CONNECT_TIMEOUT));
    assertThat(files.server()).as("first server").isEqualTo("backend-1");
  }

  @Test
  void aBoundFactorScalesWhatChecksJudgeByAndSaysSo() {
    Bound b = new Bound(Duration.ofSeconds(2), "x");
    assertThat(fromArticleFiles().judged(b)).as("factor 1 leaves it").isEqualTo(b);
    Bound tiny = fromArticleFiles().withFactor(0.01).judged(b);
    assertThat(tiny.value()).as("scaled").isEqualTo(Duration.ofMillis(20));
    assertThat(tiny.derivation()).as("stated").contains("bound factor");
    assertThatThrownBy(() -> fromArticleFiles().withFactor(0)).as("factor 0")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRegistryHoldsTheArticlesThreeByNameAndRejectsUnknownNames() {
    assertThat(ScenarioRegistry.tagged(ScenarioRegistry.ARTICLE))
        .extracting(ScenarioRegistry.Entry::name).as("article scenarios, in order")
        .containsExactly("round-robin", "backend-down", "master-down");
    var built = ScenarioRegistry.build(ScenarioRegistry.all(), fromArticleFiles(),
        ProbeSpec.DEFAULT);
    assertThat(built).extracting(Scenario::name).as("names match the entries")
        .isEqualTo(ScenarioRegistry.all().stream().map(ScenarioRegistry.Entry::name).toList());
    assertThatThrownBy(() -> ScenarioRegistry.select(List.of("master-down", "nope")))
        .as("unknown name").hasMessageContaining("unknown scenario nope")
        .hasMessageContaining("round-robin");
  }
}
