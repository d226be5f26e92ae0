package lbchaos.harness.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lbchaos.harness.history.HistoryJson.HistoryFormatException;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.report.ReportMapper;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.Reports;
import lbchaos.report.console.ConsoleReport;
import lbchaos.report.junit.JunitXml;
import lbchaos.report.model.Repetition;
import lbchaos.report.model.RunInfo;
import lbchaos.report.model.RunReport;
import lbchaos.report.summary.Summary;
import lbchaos.report.summary.SummaryJson;
import lbchaos.verdict.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * Joins the report folders of shards ({@code run|nightly --shard I/N}) into one: every shard's
 * evidence judged again (the History is the product: the merged verdicts come from it, as
 * {@code check} would give them), one summary per stack, one index.html (with the nightly trend
 * when {@code --history} names it), the shards' Allure results together, and the exit code a
 * single run would have given.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Merge the report folders of shards into one report.")
final class MergeCommand implements Callable<Integer> {

  @ParentCommand
  Cli cli;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "the shards' report folders")
  List<Path> shards;

  @Option(names = "--report", paramLabel = "DIR", defaultValue = "lbchaos-report",
      description = "the merged report (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--history", paramLabel = "DIR",
      description = "add the merged run to this nightly history and draw the trend")
  Path history;

  @Option(names = "--junit", paramLabel = "FILE", description = "also write JUnit XML here")
  Path junit;

  @Override
  public Integer call() {
    PrintStream print = cli.out();
    Map<String, List<ScenarioResult>> byStack = new TreeMap<>();
    Map<String, List<Summary>> summaries = new TreeMap<>();
    try {
      Files.createDirectories(out);
      for (Path dir : shards) {
        if (!Files.isDirectory(dir)) {
          throw new Cli.BadInput(dir + ": no such folder");
        }
        for (Path f : files(dir, "history-.*\\.json")) {
          Evidence e = read(f);
          byStack.computeIfAbsent(e.stack(), k -> new ArrayList<>())
              .add(new ScenarioResult(e, Judge.judge(e), null));
          copy(f, out.resolve(f.getFileName()));
        }
        for (Path f : files(dir, "summary(-.*)?\\.json")) {
          Summary s = SummaryJson.read(f);
          summaries.computeIfAbsent(s.stack(), k -> new ArrayList<>()).add(s);
        }
        for (Path f : files(dir, "flaky\\.json")) {
          copy(f, out.resolve("flaky-" + dir.getFileName() + ".json"));
        }
        copyAllure(dir);
      }
      if (byStack.isEmpty()) {
        throw new Cli.BadInput("no history-*.json under " + shards);
      }
      List<RunReport> runs = new ArrayList<>();
      byStack.forEach((stack, results) -> {
        results.sort(order());
        double rate = summaries.getOrDefault(stack, List.of()).stream()
            .mapToDouble(Summary::minPassRate).min().orElse(1.0);
        runs.add(ReportMapper.run(stack, info(summaries.getOrDefault(stack, List.of())),
            results).withMinPassRate(rate));
      });
      Path index = history == null ? Reports.write(runs, out)
          : Reports.writeNightly(runs, out, history, Instant.now());
      if (junit != null) {
        JunitXml.write(runs, junit);
      }
      runs.forEach(r -> print.println(ConsoleReport.render(r)));
      print.printf("merged %d shard folder(s): %d scenario run(s) on %s%nreport: %s%n",
          shards.size(), byStack.values().stream().mapToInt(List::size).sum(), byStack.keySet(),
          index.toAbsolutePath());
      return Cli.exitCode(Outcome.of(runs.stream().map(RunReport::outcome).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge into " + out, e);
    }
  }

  /** The registry's order, as one unsharded run gives them; repetitions after their scenario. */
  static Comparator<ScenarioResult> order() {
    List<String> names = ScenarioRegistry.all().stream().map(ScenarioRegistry.Entry::name)
        .toList();
    return Comparator.<ScenarioResult>comparingInt(r -> {
      int i = names.indexOf(Repetition.base(r.name()));
      return i < 0 ? Integer.MAX_VALUE : i;
    }).thenComparing(ScenarioResult::name);
  }

  /** The shards' provenance as one run's: earliest start, latest end, the first shard's rest. */
  static RunInfo info(List<Summary> shards) {
    if (shards.isEmpty()) {
      return RunInfo.startedAt(Instant.now());
    }
    RunInfo first = shards.getFirst().info();
    Instant started = shards.stream().map(s -> s.info().started()).min(Comparator.naturalOrder())
        .orElseThrow();
    Instant finished = shards.stream().map(s -> s.info().finished())
        .max(Comparator.naturalOrder()).orElseThrow();
    return new RunInfo(first.toolVersion(), first.commit(), started, finished, first.host(),
        first.daemons(), first.seed());
  }

  private static Evidence read(Path f) throws IOException {
    try {
      return EvidenceJson.read(f);
    } catch (HistoryFormatException e) {
      throw new Cli.BadInput(e.getMessage());
    }
  }

  private static List<Path> files(Path dir, String pattern) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches(pattern)
          && !p.toString().contains("allure-results")).sorted().toList();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Allure results are one file per test: the union of the shards' folders is the whole. */
  private void copyAllure(Path dir) throws IOException {
    List<Path> results;
    try (Stream<Path> s = Files.walk(dir)) {
      results = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString()
          .equals("allure-results")).toList();
    }
    for (Path r : results) {
      Path target = Files.createDirectories(out.resolve("allure-results"));
      try (Stream<Path> s = Files.list(r)) {
        for (Path f : s.toList()) {
          copy(f, target.resolve(f.getFileName()));
        }
      }
    }
  }
}
