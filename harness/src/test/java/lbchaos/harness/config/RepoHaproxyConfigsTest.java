package lbchaos.harness.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import org.junit.jupiter.api.Test;

/**
 * The haproxy.cfg files this repository runs on every stack (its test resources, the examples,
 * the plugin's, and what each scenario renders) stay accepted now that the parser is as strict as
 * haproxy 2.6: no error, and nothing the java stack would refuse.
 */
class RepoHaproxyConfigsTest {

  @Test
  void theRepositorysHaproxyCfgFilesParseAndTheJavaStackRunsThem() throws Exception {
    List<Path> files = new ArrayList<>(List.of(Path.of("src/test/resources/article/haproxy.cfg"),
        Path.of("src/test/resources/team/haproxy.cfg"),
        Path.of("../maven-plugin/src/test/resources/owner/haproxy.cfg"),
        Path.of("../agents/src/test/resources/haproxy/article.cfg")));
    try (Stream<Path> examples = Files.list(Path.of("../examples"))) {
      examples.map(e -> e.resolve("lb/haproxy.cfg")).filter(Files::isRegularFile)
          .forEach(files::add);
    }
    assertThat(files).as("the examples' too").hasSizeGreaterThanOrEqualTo(6);
    for (Path f : files) {
      HaproxyConfig c = HaproxyConfigParser.parse(f);
      assertThat(c.javaRefusals()).as("%s: nothing refused", f).isEmpty();
    }
  }

  @Test
  void everyScenariosRenderedHaproxyCfgParsesAndTheJavaStackRunsIt() {
    AddressPlan plan = new AddressPlan("10.1.2", 2, 3);
    List<LbSettings> settings = new ArrayList<>(List.of(LbSettings.ARTICLE,
        LbSettings.ARTICLE.withHttpMode(true)));
    ScenarioRegistry.all().forEach(e -> e.settings().ifPresent(settings::add));
    for (LbSettings s : settings) {
      String text = ReferenceConfigs.haproxy(plan, s);
      HaproxyConfig c = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), text);
      assertThat(c.javaRefusals()).as("nothing refused in:\n%s", text).isEmpty();
    }
  }
}
