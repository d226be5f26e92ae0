package lbchaos.harness.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lbchaos.event.Events;
import lbchaos.harness.bench.Bench;
import lbchaos.harness.bench.BenchTable;
import lbchaos.harness.bench.GateTimes;
import lbchaos.harness.bench.Measurement;
import lbchaos.harness.bench.Targets;
import lbchaos.harness.project.TestReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures failover, detection and proxy throughput on both stacks; prints a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the java stack against keepalived + haproxy, side by side.")
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "5 failover trials, 2 backend trials, 3 load trials"
      + " (about an hour on 2 cores: the four load rows alone take some 35 min, each java"
      + " trial waiting for its proxy to settle)")
  boolean quick;

  @Option(names = "--trials", paramLabel = "N", description = "override the number of trials"
      + " of each kind (e.g. 1 for a smoke run)")
  Integer trials;

  @Option(names = "--only", paramLabel = "NAME", split = ",", description = "run only the"
      + " series whose name contains NAME (e.g. 'proxy load'); repeatable")
  java.util.List<String> only = new java.util.ArrayList<>();

  @Option(names = "--contention", description = "every row beside a CPU hog holding one core's"
      + " worth of the engine's cores busy: the figures of a busy machine (bench.json says"
      + " \"variant\": \"contention\")")
  boolean contention;

  @Option(names = "--out", paramLabel = "DIR", description = "where bench.json goes"
      + " (default: ${DEFAULT-VALUE})", defaultValue = "lbchaos-bench")
  Path out;

  @Option(names = "--check", paramLabel = "BENCH_JSON", description = "run nothing: compare"
      + " that bench.json with the issues' targets, print what falls short, exit 1 if anything"
      + " does")
  Path check;

  @Option(names = "--gate", paramLabel = "DIR", description = "run nothing: read the test"
      + " reports a `mvn verify` left under DIR (a project root or a module) and give the gate's"
      + " own time per module, per test class and, for the container suites, per stack; written"
      + " to bench.json like any row")
  Path gate;

  @Override
  public Integer call() {
    if (check != null) {
      return checkTargets(check);
    }
    long t0 = System.nanoTime();
    if (gate != null) {
      return write(gateRows(gate), false, t0);
    }
    System.out.println("lbchaos bench" + (quick ? " --quick" : "")
        + (contention ? " --contention" : "") + ": reference and java stacks, alternating; each"
        + " trial on a fresh topology");
    Bench.Plan plan = quick ? Bench.Plan.QUICK : Bench.Plan.FULL;
    if (trials != null) {
      if (trials < 1) {
        throw new Cli.BadInput("--trials must be at least 1, got " + trials);
      }
      plan = plan.withTrials(trials);
    }
    return write(new Bench(plan, System.out, only, contention).run(), contention, t0);
  }

  /** Prints the rows and the targets, writes bench.json and table.md. */
  private Integer write(List<Measurement> rows, boolean contention, long t0) {
    String table = BenchTable.render(rows);
    System.out.println();
    System.out.print(table);
    try {
      Files.createDirectories(out);
      Events.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(out.resolve("bench.json").toFile(), Map.of(
              "machine", Runtime.getRuntime().availableProcessors() + " cores, "
                  + System.getProperty("os.name") + " " + System.getProperty("os.version"),
              "variant", contention ? "contention" : "quiet",
              "seconds", (System.nanoTime() - t0) / 1e9, "measurements", rows));
      Files.writeString(out.resolve("table.md"), table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf("%nTargets:%n%s", Targets.render(Targets.check(rows)));
    System.out.printf("%nbench.json: %s (%.0f s)%n", out.resolve("bench.json").toAbsolutePath(),
        (System.nanoTime() - t0) / 1e9);
    return Cli.OK;
  }

  static List<Measurement> gateRows(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new Cli.BadInput(dir + ": no such directory");
    }
    List<TestReports.Case> cases = new java.util.ArrayList<>();
    try {
      for (Path f : TestReports.files(dir, java.time.Instant.MIN)) {
        cases.addAll(TestReports.read(f));
      }
    } catch (IOException | javax.xml.stream.XMLStreamException e) {
      throw new Cli.BadInput(dir + ": cannot read its test reports: " + e.getMessage());
    }
    if (cases.isEmpty()) {
      throw new Cli.BadInput(dir + ": no TEST-*.xml under target/surefire-reports or"
          + " target/failsafe-reports (run mvn verify there first)");
    }
    System.out.printf("lbchaos bench --gate: %d test cases in %s%n", cases.size(), dir);
    return GateTimes.rows(cases);
  }

  /** The targets against a bench.json written earlier: 0 when all met, 1 when any fell short. */
  static int checkTargets(Path file) {
    List<Measurement> rows;
    String variant;
    try {
      JsonNode root = Events.mapper().readTree(file.toFile());
      JsonNode m = root == null ? null : root.get("measurements");
      if (m == null || !m.isArray()) {
        throw new Cli.BadInput(file + ": not a bench.json (no \"measurements\" array)");
      }
      rows = Events.mapper().convertValue(m, new TypeReference<List<Measurement>>() { });
      // Written before the contention variant existed: a quiet run.
      variant = root.path("variant").asText("quiet");
    } catch (IOException | IllegalArgumentException e) {
      throw new Cli.BadInput(file + ": cannot read it as bench.json: " + e.getMessage());
    }
    List<Targets.Result> results = Targets.check(rows);
    System.out.println(file + ": the " + variant + " variant");
    System.out.print(Targets.render(results));
    return results.stream().anyMatch(r -> !r.noData() && !r.met()) ? Cli.CHECK_FAILED : Cli.OK;
  }
}
