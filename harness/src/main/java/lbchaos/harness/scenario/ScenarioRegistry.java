package lbchaos.harness.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.topology.LabSpec;

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
   * @param tags "article": one of the article's three tests, which `run` and `demo` default to;
   *     "semantics": one of keepalived's or haproxy's documented behaviours
   * @param settings the settings its topology's configs are rendered with when it needs its own
   *     (nopreempt, preempt_delay, fast checks...): it judges those configs, not whichever run;
   *     empty when its bounds come from whichever configs run
   * @param namedAnswers whether it tells the webservers apart by their answers, which name them
   *     (the harness's webserver does; a team's image only when declared so, see
   *     {@link lbchaos.harness.topology.WebserverImage})
   */
  public record Entry(String name, Set<String> tags, Optional<LbSettings> settings,
      boolean namedAnswers, Factory factory) {
    public Entry {
      if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("scenario names are lower-case words with dashes: "
            + name);
      }
      tags = Set.copyOf(tags);
      java.util.Objects.requireNonNull(settings, "settings");
    }

    /** An entry whose bounds come from whichever configs run, reading the answers' names. */
    public Entry(String name, Set<String> tags, Factory factory) {
      this(name, tags, Optional.empty(), true, factory);
    }

    /** An entry with settings of its own, reading the answers' names. */
    public Entry(String name, Set<String> tags, Optional<LbSettings> settings, Factory factory) {
      this(name, tags, settings, true, factory);
    }

    /**
     * Why it cannot run on {@code base}, or empty when it can: a scenario with settings of its
     * own cannot judge a user's config files, and one that tells webservers apart cannot run on
     * a team's webserver image whose answers do not name it.
     */
    public Optional<String> refusal(LabSpec base) {
      if (runsOn(base)) {
        return Optional.empty();
      }
      if (settings.isPresent() && (!base.userKeepalived().isEmpty()
          || base.userHaproxy() != null)) {
        return Optional.of("scenario " + name + " renders configs of its own (it checks a"
            + " behaviour of those settings) and cannot judge your config files: it runs on"
            + " the article's topology, without them (run without --keepalived/--haproxy)");
      }
      if (namedAnswers && !base.webserversNamed()) {
        return Optional.of("scenario " + name + " tells the webservers apart by their answers,"
            + " which must name them ('backend webserver-1'), and webserver image "
            + base.webserverImage().image() + " is not declared to: it can run "
            + String.join(", ", ENTRIES.stream().filter(e -> e.runsOn(base))
                .map(Entry::name).toList()));
      }
      return Optional.empty();
    }

    private boolean runsOn(LabSpec base) {
      boolean userFiles = !base.userKeepalived().isEmpty() || base.userHaproxy() != null;
      return !(settings.isPresent() && userFiles) && !(namedAnswers && !base.webserversNamed());
    }

    /** Whether it renders configs of its own, so cannot judge a user's. */
    public boolean ownConfigs() {
      return settings.isPresent();
    }

    /**
     * The topology it runs on: {@code base}, rendered with its own settings when it has them.
     *
     * @throws IllegalArgumentException when it cannot run there ({@link #refusal})
     */
    public LabSpec spec(LabSpec base) {
      refusal(base).ifPresent(r -> {
        throw new IllegalArgumentException(r);
      });
      return settings.map(base::withSettings).orElse(base);
    }

    /** Its bounds: from its own settings when it has them, else the configs that run. */
    public ScenarioBounds bounds(ScenarioBounds fromConfigs) {
      return settings.map(s -> ScenarioBounds.of(s).withFactor(fromConfigs.factor()))
          .orElse(fromConfigs);
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
  public static final String SEMANTICS = "semantics";

  private static final List<Entry> ENTRIES = Stream.concat(Stream.of(
      new Entry("round-robin", Set.of(ARTICLE), ArticleScenarios::roundRobin),
      new Entry("backend-down", Set.of(ARTICLE), ArticleScenarios::backendDown),
      // The VIP's move and the client's outage: any answer counts, whoever sent it.
      new Entry("master-down", Set.of(ARTICLE), Optional.empty(), false,
          ArticleScenarios::masterDown)),
      // Each semantics case with the settings it is rendered with; built again per probe.
      SemanticsScenarios.all(ProbeSpec.DEFAULT).stream().map(c -> new Entry(c.name(),
          Set.of(SEMANTICS), Optional.of(c.settings()),
          (b, p) -> SemanticsScenarios.named(c.name(), p).scenario()))).toList();

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

  /**
   * Runs these entries in order, each on its own fresh topology: {@code base} (with the entry's
   * own settings when it has them) and bounds from {@code fromConfigs} (or its own settings).
   */
  public static List<ScenarioResult> run(List<Entry> entries, ScenarioRunner runner,
      ScenarioBounds fromConfigs, ProbeSpec p) {
    return runner.runPlanned(plan(entries, runner, fromConfigs, p));
  }

  /** Each entry's scenario on the topology it runs on (the runner's, or its own settings). */
  public static List<ScenarioRunner.Planned> plan(List<Entry> entries, ScenarioRunner runner,
      ScenarioBounds fromConfigs, ProbeSpec p) {
    return entries.stream().map(e -> new ScenarioRunner.Planned(e.spec(runner.spec()),
        e.create(e.bounds(fromConfigs), p))).toList();
  }

  /** Builds the scenarios of these entries. */
  public static List<Scenario> build(List<Entry> entries, ScenarioBounds b, ProbeSpec p) {
    return entries.stream().map(e -> e.create(e.bounds(b), p)).toList();
  }
}
