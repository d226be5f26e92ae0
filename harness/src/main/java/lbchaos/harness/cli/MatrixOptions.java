package lbchaos.harness.cli;

import java.nio.file.Path;
import lbchaos.harness.shard.Shard;
import picocli.CommandLine.Option;

/**
 * --repeat, --shard, --parallel and --junit: how run and nightly cover the scenario x stack
 * matrix.
 */
final class MatrixOptions {

  @Option(names = "--junit", paramLabel = "FILE",
      description = "Also write JUnit XML here: a testcase per scenario, a failed check as a"
          + " failure, a scenario without a verdict as an error.")
  Path junit;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Run each scenario N times, each on a fresh topology; report each check's"
          + " pass rate and its figure's p50/p95/max (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1",
      description = "Run only slice I of N of the scenario x stack cells (balanced by their"
          + " measured durations), so that N machines together run each cell once; merge their"
          + " report folders with `lbchaos merge`.")
  String shard;

  @Option(names = "--parallel", paramLabel = "K",
      description = "Run up to K topologies at once on the engine, each on its own subnet; a"
          + " scenario's output is printed whole when it ends (default: one per two cores, here"
          + " ${DEFAULT-VALUE}). Timing checks share the cores: see BENCHMARKS.md before raising"
          + " it on a small machine.")
  int parallel = lbchaos.harness.scenario.ScenarioRunner.defaultParallel();

  /** --parallel checked: bad values are bad input (exit 2), before anything runs. */
  int parallel() {
    if (parallel < 1) {
      throw new Cli.BadInput("--parallel must be at least 1, got " + parallel);
    }
    return parallel;
  }

  /** --repeat checked; bad values are bad input (exit 2), before anything runs. */
  int repeat() {
    if (repeat < 1) {
      throw new Cli.BadInput("--repeat must be at least 1, got " + repeat);
    }
    return repeat;
  }

  Shard shard() {
    try {
      return Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new Cli.BadInput(e.getMessage());
    }
  }
}
