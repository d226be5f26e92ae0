package lbchaos.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts fuzz cases by target and outcome ("parsed", "error", "drop-TTL", ...: no colon or
 * equals sign, which end a key in a properties file), so a long run can report how many inputs
 * it tried and what became of them. With the system property
 * {@code lbchaos.fuzz.ledger} (set by the agents' {@code fuzz} profile, which nightly runs) each
 * target's counts are written there as {@code TARGET.properties}; otherwise nothing is written.
 */
public final class FuzzLedger {

  public static final String DIR_PROPERTY = "lbchaos.fuzz.ledger";

  private static final Map<String, Map<String, LongAdder>> COUNTS = new ConcurrentHashMap<>();

  private FuzzLedger() {}

  public static void count(String target, String outcome) {
    COUNTS.computeIfAbsent(target, t -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> new LongAdder()).increment();
  }

  /** Writes the target's counts (cases = their sum) where the property says, if it is set. */
  public static void write(String target) {
    String dir = System.getProperty(DIR_PROPERTY);
    Map<String, LongAdder> counts = COUNTS.get(target);
    if (dir == null || dir.isBlank() || counts == null) {
      return;
    }
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.sum()));
    StringBuilder b = new StringBuilder("# fuzz cases of ").append(target).append('\n')
        .append("cases=").append(sorted.values().stream().mapToLong(Long::longValue).sum())
        .append('\n');
    sorted.forEach((k, v) -> b.append("outcome.").append(k).append('=').append(v).append('\n'));
    try {
      Path d = Files.createDirectories(Path.of(dir));
      Files.writeString(d.resolve(target + ".properties"), b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
