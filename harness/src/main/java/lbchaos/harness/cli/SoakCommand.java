package lbchaos.harness.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import lbchaos.harness.soak.Soak;
import lbchaos.harness.topology.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A random fault schedule against steady load; the seed reproduces a run. */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Random faults against steady probe load, invariants checked throughout.")
final class SoakCommand implements Callable<Integer> {

  @Option(names = "--duration", paramLabel = "D", defaultValue = "PT2M",
      description = "how long, ISO-8601 or like 10m / 90s (default: 2m)",
      converter = DurationConverter.class)
  Duration duration;

  @Option(names = "--stack", defaultValue = "reference", description = "reference, reference-13, java or mixed",
      converter = StackConverter.class)
  Stack stack;

  @Option(names = "--seed", description = "reproduces a run (default: random, printed)")
  Long seed;

  @Mixin
  RunOptions report;

  @Override
  public Integer call() {
    Stack st = stack;
    if (duration.toSeconds() < 30) {
      throw new Cli.BadInput("--duration must be at least 30 s, got " + duration);
    }
    long s = seed != null ? seed : new java.util.Random().nextLong();
    Instant started = Instant.now();
    var result = new Soak(st, s, duration, System.out).run();
    return report.finish(stack.label(), started, List.of(result), System.out);
  }

  /** "10m", "90s", "1h" or ISO-8601. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    public Duration convert(String v) {
      String t = v.trim().toLowerCase(java.util.Locale.ROOT);
      try {
        if (t.startsWith("p")) {
          return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> throw new IllegalArgumentException();
        };
      } catch (RuntimeException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + v
            + "' is not a duration: use 90s, 10m, 1h or ISO-8601");
      }
    }
  }
}
