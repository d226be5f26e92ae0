package lbchaos.harness.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import lbchaos.harness.report.ReportFolder;
import lbchaos.harness.report.ReportMapper;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.report.RunFacts;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.console.ConsoleReport;
import lbchaos.report.junit.JunitXml;
import lbchaos.report.model.RunReport;
import picocli.CommandLine.Option;

/** --report, --junit, --repeat, --min-pass-rate and --quiet: shared by the commands that run scenarios. */
final class ReportOptions {

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write summary.json, history-<scenario>.json and index.html here"
          + " (default: ./lbchaos-report).")
  Path dir = Path.of("lbchaos-report");

  @Option(names = "--junit", paramLabel = "FILE",
      description = "Also write JUnit XML here: a testcase per scenario, a failed check as a"
          + " failure, a scenario without a verdict as an error.")
  Path junit;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Run each scenario N times, each on a fresh topology; report each check's"
          + " pass rate and its figure's p50/p95/max (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--min-pass-rate", paramLabel = "R", defaultValue = "1",
      description = "With --repeat: the share of repetitions each check must pass for the run to"
          + " pass (default: ${DEFAULT-VALUE}, every one).")
  double minPassRate;

  @Option(names = {"-q", "--quiet"},
      description = "No probe stream: only the verdicts, the summary and the report's path.")
  boolean quiet;

  /** The runner with --repeat applied; bad values are bad input (exit 2), before anything runs. */
  ScenarioRunner runner(ScenarioRunner r) {
    if (repeat < 1) {
      throw new Cli.BadInput("--repeat must be at least 1, got " + repeat);
    }
    if (!(minPassRate > 0 && minPassRate <= 1)) {
      throw new Cli.BadInput("--min-pass-rate must be in (0, 1], got " + minPassRate);
    }
    return r.repeat(repeat);
  }

  /** What shows the probe stream while scenarios run: the bar, or nothing with --quiet. */
  ProbeWatcher progress(PrintStream out) {
    return quiet ? ProbeWatcher.NONE
        : new ProgressPrinter(out, ProbeSpec.DEFAULT.timeout(), ProgressPrinter.colourWanted());
  }

  /** Prints the summary table, writes the report, returns the exit code. */
  int finish(String stack, Instant started, List<ScenarioResult> results, PrintStream out) {
    RunReport run = ReportMapper.run(stack, RunFacts.of(started, null, results), results)
        .withMinPassRate(minPassRate);
    Path index;
    try {
      index = ReportFolder.write(dir, run, results);
      if (junit != null) {
        JunitXml.write(List.of(run), junit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
    out.println();
    out.println(ConsoleReport.render(run));
    out.println("report: " + index.toAbsolutePath());
    return Cli.exitCode(run.outcome());
  }
}
