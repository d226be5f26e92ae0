package lbchaos.harness.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.scenario.ArticleScenarios;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import picocli.CommandLine.Command;
import lbchaos.harness.shard.Shard;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The main job: the article's three tests on the default topology, with a report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the article's three tests (round robin, backend down, master down).")
final class DemoCommand implements Callable<Integer> {

  @ParentCommand
  Cli cli;

  @Option(names = "--stack", paramLabel = "STACK", description = "reference, reference-13, java or mixed"
      + " (default: ${DEFAULT-VALUE})", defaultValue = "java",
      converter = StackConverter.class)
  Stack stack;

  @Mixin
  RunOptions report;

  @Override
  public Integer call() {
    Stack st = stack;
    var out = cli.out();
    Instant started = Instant.now();
    var progress = report.progress(out);
    out.println("lbchaos demo: the article's topology (2 LBs sharing a VIP over VRRP, haproxy"
        + " round robin over 2 webservers), " + stack.label() + " stack");
    var scenarios = report.matrix.shard().slice(ArticleScenarios.all(LbSettings.ARTICLE,
        ProbeSpec.DEFAULT), s -> new Shard.Cell(s.name(), stack.label()));
    var results = report.runner(new ScenarioRunner(LabSpec.article(st), out, progress))
        .runAll(scenarios);
    progress.flush();
    return report.finish(stack.label(), started, results, out);
  }
}
