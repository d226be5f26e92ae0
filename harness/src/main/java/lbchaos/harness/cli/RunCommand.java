package lbchaos.harness.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.project.UserConfigs;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ScenarioBounds;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import lbchaos.harness.topology.WebserverImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Runs scenarios by name. With a user's configs (every scenario judged by them): the topology comes from them (VIP and subnet, webservers, LB
 * addresses), the scripts they name are installed where they name them, and every bound comes
 * from their timings. Without configs, on the article's topology with the harness's rendered
 * configs, each semantics scenario with the settings it checks. Bad input is reported as file:line with exit 2 before anything starts.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Test your own keepalived.conf (one per LB, in order) and haproxy.cfg; without"
        + " them, any scenario on the article's topology with the harness's configs.")
final class RunCommand implements Callable<Integer> {

  @ParentCommand
  Cli cli;

  @Mixin
  ConfigOptions configs = new ConfigOptions();

  @Option(names = "--stack", paramLabel = "STACK", description = "reference, reference-13, java or mixed"
      + " (default: ${DEFAULT-VALUE})", defaultValue = "reference",
      converter = StackConverter.class)
  Stack stack;

  @Option(names = "--scenario", paramLabel = "NAME", description = "a scenario to run; repeat"
      + " for more; 'list' prints them all (default: the article's three)")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--webserver-image", paramLabel = "IMAGE", description = "a local image of"
      + " yours to run as the webservers instead of the harness's (answers GET / on the server"
      + " port with 2xx; only master-down runs on it unless --webserver-named)")
  String webserverImage;

  @Option(names = "--webserver-named", description = "the --webserver-image's page contains"
      + " 'backend $LBCHAOS_WEBSERVER', so every scenario can tell the webservers apart")
  boolean webserverNamed;

  /** Scales the bounds the checks judge by; tests make it tiny to prove a failing check fails. */
  @Option(names = "--bound-factor", hidden = true, defaultValue = "1")
  double boundFactor;

  @Mixin
  RunOptions report;

  @Override
  public Integer call() {
    if (scenarios.contains("list")) {
      ScenariosCommand.print(cli.out());
      return Cli.OK;
    }
    Stack st = stack;
    List<ScenarioRegistry.Entry> chosen;
    try {
      chosen = scenarios.isEmpty() ? ScenarioRegistry.tagged(ScenarioRegistry.ARTICLE)
          : ScenarioRegistry.select(scenarios);
    } catch (IllegalArgumentException e) {
      throw new Cli.BadInput(e.getMessage());
    }
    if (!(boundFactor > 0)) {
      throw new Cli.BadInput("--bound-factor must be positive");
    }
    if (boundFactor != 1 && chosen.stream().anyMatch(ScenarioRegistry.Entry::ownConfigs)) {
      throw new Cli.BadInput("--bound-factor scales the bounds of the article's scenarios only;"
          + " the semantics scenarios derive theirs from their own settings");
    }
    var out = cli.out();
    WebserverImage image;
    try {
      image = webserverImage == null ? null : new WebserverImage(webserverImage, webserverNamed);
    } catch (IllegalArgumentException e) {
      throw new Cli.BadInput(e.getMessage());
    }
    LabSpec spec;
    ScenarioBounds bounds;
    if (configs.none()) {
      // No configs: the article's topology with the harness's rendered configs, each scenario
      // with its own settings when it has them (as nightly runs it).
      LabSpec article = LabSpec.article(st).withWebserverImage(image);
      spec = article;
      if (scenarios.isEmpty()) {
        chosen = chosen.stream().filter(e -> e.refusal(article).isEmpty()).toList();
      }
      try {
        for (ScenarioRegistry.Entry e : chosen) {
          e.spec(spec);
        }
      } catch (IllegalArgumentException e) {
        throw new Cli.BadInput(e.getMessage());
      }
      bounds = ScenarioBounds.of(LbSettings.ARTICLE).withFactor(boundFactor);
      out.printf("lbchaos run: the article's topology with rendered configs, %s stack%n",
          stack.label());
    } else {
      if (configs.keepalived.isEmpty() || configs.haproxy == null) {
        throw new Cli.BadInput("run needs --keepalived FILE (one per LB) and --haproxy FILE,"
            + " or neither (the article's topology)");
      }
      // Everything the configs say is read, checked and placed before anything starts, the
      // same way for @LbChaos and the Maven plugin.
      UserConfigs user = UserConfigs.load(configs.keepalived, configs.haproxy, configs.scripts);
      try {
        chosen = user.scenarios(scenarios, image);
      } catch (IllegalArgumentException e) {
        throw new Cli.BadInput(e.getMessage());
      }
      user.warnings().forEach(w -> out.println("warning: " + w));
      // On java and mixed, a line the java agent does not implement stops the run here (exit 2,
      // every such line with file:line): refuse, don't drift.
      spec = user.spec(st).withWebserverImage(image);
      bounds = user.bounds().withFactor(boundFactor);
      user.summary(st).forEach(out::println);
    }
    Instant started = Instant.now();
    var progress = report.progress(out);
    ScenarioRunner runner = report.runner(new ScenarioRunner(spec, out, progress));
    if (!configs.none() && runner.parallelism() > 1) {
      // The configs fix the addresses, hence the subnet: two topologies cannot share it.
      out.println("--parallel: your configs fix the test network's addresses, so one topology"
          + " runs at a time");
      runner = runner.parallel(1);
    }
    var results = ScenarioRegistry.run(report.shard(chosen, stack.label(), out), runner, bounds,
        ProbeSpec.DEFAULT);
    progress.flush();
    return report.finish(stack.label(), started, results, out);
  }
}
