package lbchaos.harness.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Nightly's long fuzz: the agents' {@code fuzz} Maven profile (the VRRP decoder, the
 * keepalived.conf and haproxy.cfg parsers: Jazzer's coverage-guided target for {@code tries}
 * runs and the seeded properties for {@code tries} cases each), then the outcomes each target
 * counted (parsed, clean error, drop by reason). A failing property or an input Jazzer found
 * failing (saved next to the target's seed inputs) fails the step.
 */
final class FuzzStep {

  /** One fuzz target's counted cases. */
  record Target(String name, long cases, Map<String, Long> outcomes) {
    Target {
      if (cases < 0) {
        throw new IllegalArgumentException("cases must be >= 0");
      }
      outcomes = Map.copyOf(outcomes);
    }
  }

  /** The step's result: Maven's exit code, the tries asked for and what was counted. */
  record Result(int exitCode, long tries, List<Target> targets, Duration took) {
    Result {
      targets = List.copyOf(targets);
    }

    long cases() {
      return targets.stream().mapToLong(Target::cases).sum();
    }

    boolean passed() {
      return exitCode == 0 && !targets.isEmpty();
    }

    /** The same facts for the report (a section in index.html, fuzz.json). */
    lbchaos.report.model.FuzzReport report() {
      return new lbchaos.report.model.FuzzReport(passed(), tries, took, targets.stream()
          .map(t -> new lbchaos.report.model.FuzzReport.Target(t.name(), t.cases(),
              t.outcomes())).toList());
    }

    String summary() {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
          "fuzz: %s, %,d cases in %d s (%,d tries per target)%n", passed() ? "passed"
              : exitCode == 0 ? "FAILED (no ledger written)" : "FAILED (a property failed or"
              + " Jazzer found a failing input; see the Maven output above)", cases(), took.toSeconds(),
          tries));
      for (Target t : targets) {
        b.append(String.format(Locale.ROOT, "  %-22s %,10d cases: ", t.name(), t.cases()));
        List<String> parts = new ArrayList<>();
        t.outcomes().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %,d", e.getKey(),
                e.getValue())));
        b.append(String.join(", ", parts)).append(System.lineSeparator());
      }
      return b.toString();
    }
  }

  private FuzzStep() {}

  /**
   * Runs the profile from the source tree at {@code root}; Maven's progress lines go to {@code
   * out}.
   */
  static Result run(Path root, long tries, PrintStream out) {
    if (!Files.isRegularFile(root.resolve("agents/pom.xml"))) {
      throw new Cli.BadInput("fuzz needs the lbchaos source tree (no agents/pom.xml under "
          + root.toAbsolutePath() + "); run nightly from it or pass --fuzz-tries 0");
    }
    Path ledger = root.resolve("agents/target/fuzz");
    long t0 = System.nanoTime();
    int code;
    try {
      deleteLedger(ledger);
      ProcessBuilder pb = new ProcessBuilder("mvn", "-B", "-o", "-pl", "agents", "-Pfuzz",
          "test", "-Dfuzz.tries=" + tries).directory(root.toFile()).redirectErrorStream(true);
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process p = pb.start();
      try (java.io.BufferedReader r = p.inputReader()) {
        r.lines().filter(FuzzStep::progress).forEach(out::println);
      }
      code = p.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run mvn for the fuzz step: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = -1;
    }
    return new Result(code, tries, read(ledger), Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * The lines of Maven's output worth a console: a target starting, its tests' tally, errors and
   * the verdict. The rest (compilation, Jazzer's log) stays in the build's files.
   */
  static boolean progress(String line) {
    return line.contains("maven-surefire-plugin") || line.contains("Tests run:")
        || line.startsWith("[ERROR]") || line.contains("BUILD ");
  }

  /** Every {@code TARGET.properties} the fuzz classes wrote; none when the folder is missing. */
  static List<Target> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Target> targets = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".properties")).sorted().toList()) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
          props.load(r);
        }
        Map<String, Long> outcomes = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
          if (k.startsWith("outcome.")) {
            outcomes.put(k.substring("outcome.".length()), Long.parseLong(props.getProperty(k)));
          }
        }
        String name = f.getFileName().toString().replaceFirst("\\.properties$", "");
        targets.add(new Target(name, Long.parseLong(props.getProperty("cases", "0")), outcomes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the fuzz ledger in " + dir, e);
    }
    return targets;
  }

  private static void deleteLedger(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }
}
