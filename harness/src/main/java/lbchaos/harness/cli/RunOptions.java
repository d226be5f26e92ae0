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
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.shard.Shard;
import lbchaos.harness.report.RunFacts;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.console.ConsoleReport;
import lbchaos.report.junit.JunitXml;
import lbchaos.report.model.RunReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --report, --min-pass-rate, --quiet and the matrix options: shared by run and demo. */
final class RunOptions {

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write summary.json, history-<scenario>.json and index.html here"
          + " (default: ./lbchaos-report).")
  Path dir = Path.of("lbchaos-report");

  @Mixin
  MatrixOptions matrix = new MatrixOptions();

  @Option(names = "--min-pass-rate", paramLabel = "R", defaultValue = "1",
      description = "With --repeat: the share of repetitions each check must pass for the run to"
          + " pass (default: ${DEFAULT-VALUE}, every one).")
  double minPassRate;

  @Option(names = {"-q", "--quiet"},
      description = "No probe stream: only the verdicts, the summary and the report's path.")
  boolean quiet;

  /**
   * The runner with --repeat and --parallel applied; bad values are bad input (exit 2), before
   * anything runs.
   */
  ScenarioRunner runner(ScenarioRunner r) {
    int repeat = matrix.repeat();
    int parallel = matrix.parallel();
    if (!(minPassRate > 0 && minPassRate <= 1)) {
      throw new Cli.BadInput("--min-pass-rate must be in (0, 1], got " + minPassRate);
    }
    return r.repeat(repeat).parallel(parallel);
  }

  /** This shard's share of the scenarios on {@code stack}; a bad --shard is bad input. */
  List<ScenarioRegistry.Entry> shard(List<ScenarioRegistry.Entry> chosen, String stack,
      PrintStream out) {
    Shard s = matrix.shard();
    List<ScenarioRegistry.Entry> mine = s.slice(chosen, e -> new Shard.Cell(e.name(), stack));
    if (s.count() > 1) {
      out.printf("lbchaos: shard %s runs %d of the %d scenarios: %s%n", s, mine.size(),
          chosen.size(), mine.stream().map(ScenarioRegistry.Entry::name).toList());
    }
    return mine;
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
      if (matrix.junit != null) {
        JunitXml.write(List.of(run), matrix.junit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
    out.println();
    out.println(ConsoleReport.render(run));
    out.println("report: " + index.toAbsolutePath());
    // A shard can draw no cell at all (more shards than cells): it ran nothing and broke nothing.
    if (results.isEmpty() && matrix.shard().count() > 1) {
      return Cli.OK;
    }
    return Cli.exitCode(run.outcome());
  }
}
