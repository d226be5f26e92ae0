package lbchaos.harness.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the Allure generation lands; see AllureReport. */
@Command(name = "report", mixinStandardHelpOptions = true, hidden = true,
    description = "Generate the Allure HTML report from the suites' results (offline).")
final class ReportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new Cli.BadInput("report: not built yet");
  }
}
