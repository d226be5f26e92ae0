package lbchaos.harness.project;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lbchaos.harness.report.ReportFolder;
import lbchaos.harness.report.ReportMapper;
import lbchaos.harness.report.RunFacts;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.topology.Stack;
import lbchaos.harness.topology.WebserverImage;
import lbchaos.report.console.ConsoleReport;
import lbchaos.report.junit.JunitXml;
import lbchaos.report.model.RunReport;
import lbchaos.verdict.Outcome;

/**
 * A project's gate: the chosen scenarios on its configs, on each chosen stack (each scenario on
 * a fresh topology), with a report folder a CI server keeps. What the Maven plugin's
 * {@code check} goal runs; the topology and bounds come from {@link UserConfigs}, as for
 * {@code lbchaos run}.
 *
 * <p>The folder: with one stack, {@code summary.json}, {@code index.html} and the
 * {@code history-<scenario>.json} files in it; with several, the same in a subfolder per stack.
 * Always {@value #JUNIT_FILE} beside them (a testsuite per stack, a testcase per scenario).
 */
public final class ProjectCheck {

  public static final String JUNIT_FILE = "TEST-lbchaos.xml";

  /**
   * @param outcome pass when every scenario passed on every stack; fail when a check failed;
   *     unknown when none failed but one could not be judged
   * @param notPassed per scenario that did not pass, "scenario on stack: verdict line"
   * @param reports each stack's report folder, in order
   */
  public record Result(Outcome outcome, List<String> notPassed, List<Path> reports) {
    public Result {
      notPassed = List.copyOf(notPassed);
      reports = List.copyOf(reports);
    }
  }

  private ProjectCheck() {}

  /**
   * Runs the scenarios (none named: the article's three the webservers allow) on every stack.
   *
   * @throws IllegalArgumentException before anything starts, for a scenario that is unknown or
   *     cannot run on these configs or webserver image
   * @throws lbchaos.harness.config.ConfigFiles.BadConfig before anything starts, listing the
   *     lines a java or mixed stack among {@code stacks} refuses ({@link UserConfigs#refusals})
   * @throws IOException when the report cannot be written
   */
  public static Result run(UserConfigs configs, WebserverImage image, List<Stack> stacks,
      List<String> scenarios, Path reportDir, PrintStream out) throws IOException {
    if (stacks.isEmpty()) {
      throw new IllegalArgumentException("no stack to run on");
    }
    List<ScenarioRegistry.Entry> entries = configs.scenarios(scenarios, image);
    // Every stack's topology before the first starts: a line the java agent does not implement
    // stops a java or mixed stack (BadConfig, file:line) before the reference one has run.
    stacks.forEach(configs::spec);
    List<RunReport> runs = new ArrayList<>();
    List<String> notPassed = new ArrayList<>();
    List<Path> reports = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Stack stack : stacks) {
      String name = stack.label();
      configs.summary(stack).forEach(out::println);
      Instant started = Instant.now();
      ScenarioRunner runner = new ScenarioRunner(configs.spec(stack).withWebserverImage(image),
          out, ProbeWatcher.NONE);
      List<ScenarioResult> results = ScenarioRegistry.run(entries, runner, configs.bounds(),
          ProbeSpec.DEFAULT);
      RunReport run = ReportMapper.run(name, RunFacts.of(started, null, results), results);
      Path dir = stacks.size() == 1 ? reportDir : reportDir.resolve(name);
      Path index = ReportFolder.write(dir, run, results);
      out.println();
      out.println(ConsoleReport.render(run));
      out.println("report: " + index.toAbsolutePath());
      runs.add(run);
      reports.add(dir);
      for (ScenarioResult r : results) {
        outcomes.add(r.outcome());
        NotPassed.lines(r).forEach(l -> notPassed.add(r.name() + " on " + name + ": " + l));
      }
    }
    JunitXml.write(runs, reportDir.resolve(JUNIT_FILE));
    return new Result(Outcome.of(outcomes), notPassed, reports);
  }
}
