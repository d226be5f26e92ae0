package lbchaos.harness.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every scenario the CLI knows, by name: `run --scenario NAME`, `scenarios`, and `nightly` (which
 * runs them all on every stack) read this list. To add a scenario, add one {@link Entry} line to
 * {@link #ENTRIES}; its factory builds it from the bounds of whichever configs run.
 */
public final class ScenarioRegistry {

  /** Builds a scenario from the bounds of the configs in use and the probe's settings. */
  @FunctionalInterface
  public interface Factory {
    Scenario create(ScenarioBounds bounds, ProbeSpec probe);
  }

  /**
   * @param name as in `--scenario NAME`; must equal the built scenario's name
   * @param tags "article": one of the article's three tests, which `run` and `demo` default to
   */
  public record Entry(String name, Set<String> tags, Factory factory) {
    public Entry {
      if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("scenario names are lower-case words with dashes: "
            + name);
      }
      tags = Set.copyOf(tags);
    }

    public Scenario create(ScenarioBounds b, ProbeSpec p) {
      Scenario s = factory.create(b, p);
      if (!s.name().equals(name)) {
        throw new IllegalStateException("registry entry " + name + " built " + s.name());
      }
      return s;
    }
  }

  public static final String ARTICLE = "article";

  private static final List<Entry> ENTRIES = List.of(
      new Entry("round-robin", Set.of(ARTICLE), ArticleScenarios::roundRobin),
      new Entry("backend-down", Set.of(ARTICLE), ArticleScenarios::backendDown),
      new Entry("master-down", Set.of(ARTICLE), ArticleScenarios::masterDown));

  private ScenarioRegistry() {}

  public static List<Entry> all() {
    return ENTRIES;
  }

  public static List<Entry> tagged(String tag) {
    return ENTRIES.stream().filter(e -> e.tags().contains(tag)).toList();
  }

  public static Optional<Entry> named(String name) {
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The entries of these names, in the order given.
   *
   * @throws IllegalArgumentException naming the unknown ones and the known ones
   */
  public static List<Entry> select(List<String> names) {
    List<Entry> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      named(n).ifPresentOrElse(out::add, () -> unknown.add(n));
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown scenario " + String.join(", ", unknown)
          + ": known are " + String.join(", ", ENTRIES.stream().map(Entry::name).toList())
          + " (lbchaos run --scenario list)");
    }
    return out;
  }

  /** Builds the scenarios of these entries. */
  public static List<Scenario> build(List<Entry> entries, ScenarioBounds b, ProbeSpec p) {
    return entries.stream().map(e -> e.create(b, p)).toList();
  }
}
