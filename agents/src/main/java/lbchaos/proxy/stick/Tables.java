package lbchaos.proxy.stick;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import lbchaos.proxy.config.StickTable;

/**
 * The stick tables of one running configuration, by name. A reload starts with empty ones, as
 * haproxy's new process does without peers to hand the old one's entries over.
 */
public final class Tables {

  /** No table: a configuration without stick-table lines. */
  public static final Tables NONE = new Tables(List.of(), () -> 0);

  private final Map<String, Table> byName = new LinkedHashMap<>();

  /** {@code nowMs}: a monotonic clock in milliseconds (the tests' own, to step through time). */
  public Tables(List<StickTable> configs, LongSupplier nowMs) {
    for (StickTable c : configs) {
      byName.put(c.name(), new Table(c, nowMs));
    }
  }

  /** The tables of {@code configs} on the JVM's monotonic clock. */
  public static Tables of(List<StickTable> configs) {
    return configs.isEmpty() ? NONE
        : new Tables(configs, () -> System.nanoTime() / 1_000_000);
  }

  public Optional<Table> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
