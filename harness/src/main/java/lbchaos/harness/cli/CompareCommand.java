package lbchaos.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lbchaos.harness.judge.Comparison;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.topology.Stack;
import lbchaos.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The upgrade gate: the same scenarios on two stacks (by default the reference stack on Debian
 * 12 and on Debian 13), each an ordinary `run` with its own report folder, then every verdict of
 * one set against the other's. Two saved report folders can be compared again offline. An
 * outcome that differs is exit 1; a figure that moved beyond noise is printed but passes.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Run the same scenarios on two stacks (default: reference,reference-13) and"
        + " print where the verdicts differ; or compare two report folders. Exit 1 when an"
        + " outcome differs.")
final class CompareCommand implements Callable<Integer> {

  @ParentCommand
  Cli cli;

  @Parameters(arity = "0..2", paramLabel = "DIR",
      description = "two report folders to compare instead of running anything")
  List<Path> folders = new ArrayList<>();

  @Option(names = "--stacks", paramLabel = "A,B", split = ",",
      defaultValue = "reference,reference-13", converter = StackConverter.class,
      description = "the two stacks (default: ${DEFAULT-VALUE})")
  List<Stack> stacks;

  @Mixin
  ConfigOptions configs = new ConfigOptions();

  @Option(names = "--scenario", paramLabel = "NAME",
      description = "a scenario to run; repeat for more (default: the article's three)")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--report", paramLabel = "DIR",
      description = "one report folder per stack goes under here (default: ./lbchaos-compare)")
  Path report = Path.of("lbchaos-compare");

  @Override
  public Integer call() {
    var out = cli.out();
    List<Path> dirs;
    List<String> names;
    if (folders.size() == 2) {
      dirs = folders;
      names = folders.stream().map(Path::toString).toList();
    } else if (!folders.isEmpty()) {
      throw new Cli.BadInput("compare takes two report folders, or none to run on --stacks");
    } else {
      if (stacks.size() != 2 || stacks.get(0) == stacks.get(1)) {
        throw new Cli.BadInput("--stacks names two different stacks, got " + stacks.stream()
            .map(Stack::label).toList());
      }
      dirs = new ArrayList<>();
      names = stacks.stream().map(Stack::label).toList();
      for (Stack st : stacks) {
        Path dir = report.resolve(st.label());
        int code = Cli.execute(out, cli.err(), runArgs(st, dir).toArray(String[]::new));
        if (code == Cli.BAD_INPUT || code == Cli.NO_ENVIRONMENT) {
          return code; // nothing ran: nothing to compare
        }
        dirs.add(dir);
      }
    }
    List<Comparison.Difference> diffs = Comparison.between(verdicts(dirs.get(0)),
        verdicts(dirs.get(1)));
    long outcomes = diffs.stream().filter(Comparison.Difference::outcome).count();
    out.printf("%nlbchaos compare: %s against %s%n", names.get(0), names.get(1));
    diffs.forEach(d -> out.println(d.line(names.get(0), names.get(1))));
    out.printf("%d outcomes differ, %d figures moved beyond noise%n", outcomes,
        diffs.size() - outcomes);
    return outcomes > 0 ? Cli.CHECK_FAILED : Cli.OK;
  }

  /** `run` on one stack, with the configs and scenarios given here. */
  List<String> runArgs(Stack st, Path dir) {
    List<String> args = new ArrayList<>(List.of("run", "--stack", st.label(), "--report",
        dir.toString()));
    args.addAll(configs.args());
    scenarios.forEach(s -> args.addAll(List.of("--scenario", s)));
    return args;
  }

  /** Each scenario's verdicts, judged again from the folder's saved histories. */
  static Map<String, List<Verdict>> verdicts(Path dir) {
    Map<String, List<Verdict>> m = new LinkedHashMap<>();
    for (Path f : CheckCommand.histories(List.of(dir))) {
      Evidence e = CheckCommand.evidence(f);
      m.put(e.scenario(), Judge.judge(e));
    }
    return m;
  }
}
