package lbchaos.harness.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ScenarioBounds;
import lbchaos.harness.scenario.ScenarioRegistry;
import picocli.CommandLine.Command;

/** Lists the scenarios by name with what each checks. */
@Command(name = "scenarios", mixinStandardHelpOptions = true, description = "List the scenarios.")
final class ScenariosCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    print(System.out);
    return Cli.OK;
  }

  static void print(PrintStream out) {
    ScenarioBounds b = ScenarioBounds.of(LbSettings.ARTICLE);
    int width = ScenarioRegistry.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
    for (var e : ScenarioRegistry.all()) {
      var s = e.create(e.bounds(b), ProbeSpec.DEFAULT);
      out.printf("%-" + width + "s %s [%s]%n", s.name(), s.description(),
          String.join(", ", e.tags().stream().sorted().toList()));
    }
  }
}
