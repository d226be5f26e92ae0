package lbchaos.harness.cli;

import static lbchaos.harness.cli.StackConverter.name;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lbchaos.harness.config.ConfigFiles;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ScenarioBounds;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import lbchaos.harness.topology.TopologyFromConfigs;
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

  @Option(names = "--keepalived", paramLabel = "FILE",
      description = "keepalived.conf of one LB; repeat once per LB, in order")
  List<Path> keepalived = new ArrayList<>();

  @Option(names = "--haproxy", paramLabel = "FILE", description = "haproxy.cfg of the LBs")
  Path haproxy;

  @Option(names = "--script", paramLabel = "FILE", description = "a script the configs name"
      + " (by file name); default: the file of that name next to the config naming it")
  List<Path> scripts = new ArrayList<>();

  @Option(names = "--stack", paramLabel = "STACK", description = "reference, java or mixed"
      + " (default: ${DEFAULT-VALUE})", defaultValue = "reference",
      converter = StackConverter.class)
  Stack stack;

  @Option(names = "--scenario", paramLabel = "NAME", description = "a scenario to run; repeat"
      + " for more; 'list' prints them all (default: the article's three)")
  List<String> scenarios = new ArrayList<>();

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
    LabSpec spec;
    ScenarioBounds bounds;
    if (keepalived.isEmpty() && haproxy == null && scripts.isEmpty()) {
      // No configs: the article's topology with the harness's rendered configs, each scenario
      // with its own settings when it has them (as nightly runs it).
      spec = LabSpec.article(st);
      bounds = ScenarioBounds.of(LbSettings.ARTICLE).withFactor(boundFactor);
      out.printf("lbchaos run: the article's topology with rendered configs, %s stack%n",
          name(stack));
    } else {
      if (keepalived.isEmpty() || haproxy == null) {
        throw new Cli.BadInput("run needs --keepalived FILE (one per LB) and --haproxy FILE,"
            + " or neither (the article's topology)");
      }
      for (ScenarioRegistry.Entry e : chosen) {
        if (e.ownConfigs()) {
          throw new Cli.BadInput("scenario " + e.name() + " renders configs of its own (it"
              + " checks a behaviour of those settings) and cannot judge yours: run it without"
              + " --keepalived/--haproxy");
        }
      }
      for (Path s : scripts) {
        if (!Files.isRegularFile(s)) {
          throw new Cli.BadInput(s + ":0: --script: no such file");
        }
      }
      // Everything the configs say is read, checked and placed before anything starts.
      for (Path f : keepalived) {
        ConfigFiles.check(f, ConfigFiles.Kind.KEEPALIVED)
            .forEach(w -> out.println("warning: " + w));
      }
      ConfigFiles.check(haproxy, ConfigFiles.Kind.HAPROXY)
          .forEach(w -> out.println("warning: " + w));
      var topo = TopologyFromConfigs.derive(keepalived, haproxy, scripts);
      var a = topo.addresses();
      bounds = ScenarioBounds.from(topo.keepalived(), topo.haproxy()).withFactor(boundFactor);
      out.printf("lbchaos run: %d LBs %s sharing VIP %s/%d, %d webservers %s, %s stack%n",
          a.lbs().size(), a.lbs(), a.vip(), a.prefixLength(), a.webservers().size(),
          a.webservers(), name(stack));
      out.println("  bounds from your configs: master down " + bounds.masterDown().describe());
      spec = new LabSpec(st, a.lbs().size(), a.webservers().size(), LbSettings.ARTICLE,
          keepalived, haproxy, scripts, false);
    }
    Instant started = Instant.now();
    var progress = report.progress(out);
    var results = ScenarioRegistry.run(report.shard(chosen, name(stack), out),
        report.runner(new ScenarioRunner(spec, out, progress)), bounds,
        ProbeSpec.DEFAULT);
    progress.flush();
    return report.finish(name(stack), started, results, out);
  }
}
