package lbchaos.harness.cli;

import java.util.concurrent.Callable;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.scenario.ArticleScenarios;
import lbchaos.harness.scenario.ProbeSpec;
import picocli.CommandLine.Command;

/** Lists the scenarios by name with what each checks. */
@Command(name = "scenarios", mixinStandardHelpOptions = true, description = "List the scenarios.")
final class ScenariosCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    ArticleScenarios.all(LbSettings.ARTICLE, ProbeSpec.DEFAULT)
        .forEach(s -> System.out.printf("%-14s %s%n", s.name(), s.description()));
    return Cli.OK;
  }
}
