package lbchaos.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.report.ReportMapper;
import lbchaos.harness.report.RunFacts;
import lbchaos.harness.shard.Shard;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ScenarioBounds;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import lbchaos.report.Reports;
import lbchaos.report.console.ConsoleReport;
import lbchaos.report.model.RunReport;
import lbchaos.report.trend.TrendHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The nightly job: every registered scenario on every stack, a report in a folder named for the
 * run's time, and the figures added to a history so the report shows their trend.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Every scenario on every stack; a dated report with the trend over earlier runs.")
final class NightlyCommand implements Callable<Integer> {

  @ParentCommand
  Cli cli;

  @Option(names = "--report", paramLabel = "DIR", description = "the dated report goes in"
      + " DIR/<time> (default: ${DEFAULT-VALUE})", defaultValue = "lbchaos-nightly")
  Path reportDir;

  @Option(names = "--history", paramLabel = "DIR", description = "earlier runs' figures, kept"
      + " between runs (default: ${DEFAULT-VALUE})", defaultValue = "lbchaos-nightly/history")
  Path historyDir;

  @Option(names = "--stack", paramLabel = "STACK", description = "only these stacks (repeat;"
      + " default: all of them, reference-13 included)")
  List<String> stacks = new ArrayList<>();

  @Option(names = "--scenario", paramLabel = "NAME", description = "only these scenarios"
      + " (repeat; default: all of them)")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--soak", paramLabel = "D", defaultValue = "10m",
      converter = SoakCommand.DurationConverter.class,
      description = "a random-fault soak of this length per stack, after the scenarios"
          + " (default: ${DEFAULT-VALUE}; 0s to skip)")
  java.time.Duration soak;

  @Option(names = "--fuzz-tries", paramLabel = "N", defaultValue = "100000",
      description = "first, the agents' fuzz profile (VRRP decoder, keepalived.conf and"
          + " haproxy.cfg parsers): Jazzer fuzzing N runs per target and the seeded properties"
          + " N cases each, from the source tree; its counts go in the report folder as"
          + " fuzz.txt (default: ${DEFAULT-VALUE}; 0 to skip)")
  long fuzzTries;

  /** The soak's cell in the shard matrix (its duration in the shard's durations file). */
  static final String SOAK = "soak";

  @Mixin
  MatrixOptions matrix = new MatrixOptions();

  @Override
  public Integer call() {
    List<Stack> chosen = new ArrayList<>();
    List<ScenarioRegistry.Entry> entries;
    try {
      for (String s : stacks) {
        chosen.add(Stack.parse(s));
      }
      entries = scenarios.isEmpty() ? ScenarioRegistry.all()
          : ScenarioRegistry.select(scenarios);
    } catch (IllegalArgumentException e) {
      throw new Cli.BadInput(e.getMessage());
    }
    if (chosen.isEmpty()) {
      chosen = List.of(Stack.values());
    }
    Shard slice = matrix.shard();
    int repeat = matrix.repeat();
    int parallel = matrix.parallel();
    List<Shard.Cell> cells = new ArrayList<>();
    for (Stack st : chosen) {
      entries.forEach(e -> cells.add(new Shard.Cell(e.name(), st.label())));
      if (!soak.isZero()) {
        cells.add(new Shard.Cell(SOAK, st.label()));
      }
    }
    List<Shard.Cell> mine = slice.slice(cells, java.util.function.Function.identity());
    var out = cli.out();
    Instant at = Instant.now();
    Path dir = reportDir.resolve(TrendHistory.stamp(at));
    List<RunReport> runs = new ArrayList<>();
    List<Flaky> flaky = new ArrayList<>();
    if (fuzzTries < 0) {
      throw new Cli.BadInput("--fuzz-tries must be >= 0");
    }
    FuzzStep.Result fuzz = null;
    try {
      Files.createDirectories(dir);
      if (fuzzTries > 0) {
        out.printf("%nlbchaos nightly: fuzz, %,d tries per target%n", fuzzTries);
        fuzz = FuzzStep.run(lbchaos.harness.image.AgentsJar.projectRoot(), fuzzTries, out);
        out.print(fuzz.summary());
        Files.writeString(dir.resolve("fuzz.txt"), fuzz.summary());
      }
      for (Stack st : chosen) {
        String name = st.label();
        List<ScenarioRegistry.Entry> here = entries.stream()
            .filter(e -> mine.contains(new Shard.Cell(e.name(), name))).toList();
        boolean soakHere = mine.contains(new Shard.Cell(SOAK, name));
        if (here.isEmpty() && !soakHere) {
          continue;
        }
        out.printf("%nlbchaos nightly: %d scenarios on the %s stack%s%n", here.size(), name,
            slice.count() > 1 ? " (shard " + slice + ")" : "");
        Instant started = Instant.now();
        var progress = new ProgressPrinter(out, ProbeSpec.DEFAULT.timeout(),
            ProgressPrinter.colourWanted());
        // Each scenario on the article's topology, with its own settings when it has them.
        ScenarioRunner runner = new ScenarioRunner(LabSpec.article(st), out, progress)
            .repeat(repeat).parallel(parallel);
        List<ScenarioRunner.Planned> plan = ScenarioRegistry.plan(here, runner,
            ScenarioBounds.of(LbSettings.ARTICLE), ProbeSpec.DEFAULT);
        List<ScenarioResult> results = new ArrayList<>(runner.runPlanned(plan));
        if (repeat == 1) {
          flaky.addAll(Flaky.rerunFailures(name, plan, results, runner));
        }
        progress.flush();
        if (soakHere) {
          results = new ArrayList<>(results);
          results.add(new lbchaos.harness.soak.Soak(st, at.getEpochSecond(), soak, out).run());
        }
        for (ScenarioResult r : results) {
          EvidenceJson.write(r.evidence(), dir.resolve(Flaky.historyFile(name, r.name())));
        }
        RunReport run = ReportMapper.run(name, RunFacts.of(started, soak.isZero() ? null
            : at.getEpochSecond(), results), results);
        out.println(ConsoleReport.render(run));
        runs.add(run);
      }
      Path index = Reports.writeNightly(runs, fuzz == null ? null : fuzz.report(), dir,
          historyDir, at);
      if (matrix.junit != null) {
        lbchaos.report.junit.JunitXml.write(runs, matrix.junit);
      }
      Flaky.write(flaky, dir.resolve("flaky.json"));
      out.print(Flaky.lines(flaky));
      out.println("report: " + index.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the nightly report to " + dir, e);
    }
    if (fuzz != null) {
      out.print(fuzz.summary());
    }
    if (fuzz != null && !fuzz.passed()) {
      return Cli.CHECK_FAILED;
    }
    return Cli.exitCode(lbchaos.verdict.Outcome.of(runs.stream().flatMap(r -> r.scenarios()
        .stream()).map(lbchaos.report.model.ScenarioReport::outcome).toList()));
  }
}
