package lbchaos.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;

/** Every scenario is registered once, with the settings its topology must be rendered with. */
class ScenarioRegistryTest {

  static final LabSpec BASE = LabSpec.article(Stack.REFERENCE);

  @Test
  void everySemanticsCaseIsRegisteredWithItsOwnSettings() {
    List<SemanticsScenarios.Case> cases = SemanticsScenarios.all(ProbeSpec.DEFAULT);
    assertThat(ScenarioRegistry.tagged(ScenarioRegistry.SEMANTICS))
        .extracting(ScenarioRegistry.Entry::name).as("semantics entries, in the suite's order")
        .isEqualTo(cases.stream().map(SemanticsScenarios.Case::name).toList());
    for (SemanticsScenarios.Case c : cases) {
      ScenarioRegistry.Entry e = ScenarioRegistry.named(c.name()).orElseThrow();
      assertThat(e.settings()).as("settings of %s", c.name()).contains(c.settings());
      assertThat(e.spec(BASE).settings()).as("topology of %s is rendered with them", c.name())
          .isEqualTo(c.settings());
    }
  }

  @Test
  void theSemanticsThatNeedOtherKnobsGetThem() {
    assertThat(settings("nopreempt").nopreempt()).as("nopreempt renders nopreempt").isTrue();
    assertThat(settings("preempt-delay").preemptDelay()).as("preempt-delay renders its delay")
        .isEqualTo(PreemptSemantics.DELAY);
    assertThat(settings("sub-second-adverts").version()).as("sub-second adverts need VRRPv3")
        .isEqualTo(3);
    assertThat(settings("unicast-blocked").unicast()).as("unicast-blocked renders unicast peers")
        .isTrue();
    assertThat(settings("split-brain").unicast()).as("split-brain stays on the multicast group")
        .isFalse();
    assertThat(settings("backends-unreachable").priority(0))
        .as("priorities where the weight moves the VIP").isEqualTo(254);
    assertThat(settings("owner-ignores-weight").priority(0)).as("the article's owner priority")
        .isEqualTo(255);
  }

  @Test
  void theArticlesThreeJudgeWhicheverConfigsRun() {
    for (ScenarioRegistry.Entry e : ScenarioRegistry.tagged(ScenarioRegistry.ARTICLE)) {
      assertThat(e.ownConfigs()).as("%s has no settings of its own", e.name()).isFalse();
      assertThat(e.spec(BASE)).as("%s runs on the base topology", e.name()).isSameAs(BASE);
      ScenarioBounds b = ScenarioBounds.of(LbSettings.ARTICLE).withFactor(0.5);
      assertThat(e.bounds(b)).as("%s keeps the configs' bounds", e.name()).isSameAs(b);
    }
  }

  @Test
  void namesAreUniqueAndEveryEntryBuildsItsScenario() {
    List<String> names = ScenarioRegistry.all().stream().map(ScenarioRegistry.Entry::name)
        .toList();
    assertThat(names).as("unique names").doesNotHaveDuplicates();
    assertThat(names).as("every scenario").hasSize(3 + SemanticsScenarios.all(ProbeSpec.DEFAULT)
        .size());
    var planned = ScenarioRegistry.all().stream()
        .map(e -> new ScenarioRunner.Planned(e.spec(BASE), e.create(e.bounds(ScenarioBounds.of(
            LbSettings.ARTICLE)), ProbeSpec.DEFAULT))).toList();
    assertThat(planned).extracting(p -> p.scenario().name()).as("names match")
        .isEqualTo(names);
  }

  @Test
  void aScenarioWithItsOwnSettingsRefusesAUsersConfigFiles() {
    LabSpec user = new LabSpec(Stack.REFERENCE, 2, 2, LbSettings.ARTICLE,
        List.of(Path.of("lb1.conf"), Path.of("lb2.conf")), Path.of("haproxy.cfg"), List.of(),
        false);
    ScenarioRegistry.Entry nopreempt = ScenarioRegistry.named("nopreempt").orElseThrow();
    assertThatThrownBy(() -> nopreempt.spec(user)).as("own settings cannot apply to user files")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nopreempt")
        .hasMessageContaining("without --keepalived");
    assertThat(ScenarioRegistry.named("master-down").orElseThrow().spec(user))
        .as("the article's scenarios run on user files").isSameAs(user);
  }

  private static LbSettings settings(String name) {
    Optional<LbSettings> s = ScenarioRegistry.named(name).orElseThrow().settings();
    assertThat(s).as("settings of %s", name).isPresent();
    return s.get();
  }
}
