package lbchaos.report.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Nightly's fuzz step: how many cases each target (the VRRP decoder, the two config parsers)
 * ran and what became of them (parsed, clean error, dropped by reason).
 */
public record FuzzReport(boolean passed, long triesPerProperty, Duration took,
    List<Target> targets) {

  /** One fuzz target's counted cases by outcome. */
  public record Target(String name, long cases, Map<String, Long> outcomes) {
    public Target {
      Checks.text(name, "fuzz target name");
      if (cases < 0) {
        throw new IllegalArgumentException("cases must not be negative: " + cases);
      }
      outcomes = Map.copyOf(outcomes);
    }
  }

  public FuzzReport {
    Objects.requireNonNull(took, "took must not be null");
    targets = List.copyOf(targets);
  }

  public long cases() {
    return targets.stream().mapToLong(Target::cases).sum();
  }
}
