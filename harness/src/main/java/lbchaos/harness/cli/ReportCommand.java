package lbchaos.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Allure HTML report of the suites' last run, generated offline, keeping Allure's history
 * between runs so its trend charts fill in.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Generate the Allure HTML report of the suites' results (after verify).")
final class ReportCommand implements Callable<Integer> {

  @Option(names = "--results", paramLabel = "DIR", defaultValue = "suites/target/allure-results",
      description = "allure-junit5 results (default: ${DEFAULT-VALUE})")
  Path results;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "lbchaos-allure-report",
      description = "the HTML report; its history/ feeds the next report's trends"
          + " (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--tools", paramLabel = "DIR", defaultValue = "target", hidden = true,
      description = "where allure-commandline is unpacked (default: ${DEFAULT-VALUE})")
  Path tools;

  @Override
  public Integer call() {
    try {
      if (!AllureCommandline.hasResults(results)) {
        throw new Cli.BadInput("no Allure results in " + results + ": run bin/lbchaos verify"
            + " first (the suites write them there)");
      }
      Path home = AllureCommandline.unpack(AllureCommandline.zip(), tools);
      int code = AllureCommandline.generate(home, results, out);
      if (code != 0) {
        System.err.println("lbchaos: allure generate failed (exit " + code + ")");
        return Cli.NO_ENVIRONMENT;
      }
      System.out.println("report: " + out.resolve("index.html").toAbsolutePath());
      return Cli.OK;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate the Allure report in " + out, e);
    }
  }
}
