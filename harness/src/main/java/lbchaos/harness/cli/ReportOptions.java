package lbchaos.harness.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.report.ReportMapper;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.report.RunFacts;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.Reports;
import lbchaos.report.console.ConsoleReport;
import lbchaos.report.junit.JunitXml;
import lbchaos.report.model.RunReport;
import picocli.CommandLine.Option;

/** --report DIR, --junit FILE and --quiet, shared by the commands that run scenarios. */
final class ReportOptions {

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write summary.json, history-<scenario>.json and index.html here"
          + " (default: ./lbchaos-report).")
  Path dir = Path.of("lbchaos-report");

  @Option(names = "--junit", paramLabel = "FILE",
      description = "Also write JUnit XML here: a testcase per scenario, a failed check as a"
          + " failure, a scenario without a verdict as an error.")
  Path junit;

  @Option(names = {"-q", "--quiet"},
      description = "No probe stream: only the verdicts, the summary and the report's path.")
  boolean quiet;

  /** What shows the probe stream while scenarios run: the bar, or nothing with --quiet. */
  ProbeWatcher progress(PrintStream out) {
    return quiet ? ProbeWatcher.NONE
        : new ProgressPrinter(out, ProbeSpec.DEFAULT.timeout(), ProgressPrinter.colourWanted());
  }

  /** Prints the summary table, writes the report, returns the exit code. */
  int finish(String stack, Instant started, List<ScenarioResult> results, PrintStream out) {
    RunReport run = ReportMapper.run(stack, RunFacts.of(started, null, results), results);
    Path index;
    try {
      Files.createDirectories(dir);
      for (ScenarioResult r : results) {
        EvidenceJson.write(r.evidence(), dir.resolve("history-" + r.name() + ".json"));
      }
      index = Reports.write(run, dir);
      if (junit != null) {
        JunitXml.write(List.of(run), junit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
    out.println();
    out.println(ConsoleReport.render(run));
    out.println("report: " + index.toAbsolutePath());
    return Cli.exitCode(lbchaos.verdict.Outcome.of(results.stream().map(ScenarioResult::outcome)
        .toList()));
  }
}
