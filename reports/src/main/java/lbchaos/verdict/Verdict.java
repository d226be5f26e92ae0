package lbchaos.verdict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check concluded about one History: the one verdict type that the console, reports,
 * summary.json, Allure and JUnit XML all read.
 *
 * @param name the check's stable name ("client-outage")
 * @param outcome pass, fail, or unknown when the evidence was missing or the run disturbed
 * @param figure the key in {@code figures} of the measured value the bound applies to, or null
 *     for a check without one (a count or a fact)
 * @param figures measured and limit values in a stable order, e.g. outage_s, failed_requests;
 *     durations are seconds
 * @param bound the limit {@code figure} was held to, with its derivation and tolerance; null when
 *     the check has no duration bound
 * @param sentence one sentence a person reads without the code: what was measured against what
 * @param parts the verdicts a composite was made of (empty for a single check)
 */
public record Verdict(String name, Outcome outcome, String figure, Map<String, Double> figures,
    Bound bound, String sentence, List<Verdict> parts) {

  public Verdict {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("verdict needs a name");
    }
    if (sentence == null || sentence.isBlank()) {
      throw new IllegalArgumentException("verdict needs a sentence");
    }
    Objects.requireNonNull(outcome, "outcome");
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    parts = List.copyOf(parts);
  }

  /** A pass or a fail, without a bound. */
  public Verdict(String name, boolean passed, Map<String, Double> figures, String sentence) {
    this(name, passed ? Outcome.PASS : Outcome.FAIL, null, figures, null, sentence, List.of());
  }

  /** The evidence this check needs is not in the history: say what is missing. */
  public static Verdict unknown(String name, Map<String, Double> figures, String missing) {
    return new Verdict(name, Outcome.UNKNOWN, null, figures, null, missing, List.of());
  }

  /** This verdict with the figure it measured and the bound it was held to. */
  public Verdict judgedBy(String figureKey, Bound b) {
    return new Verdict(name, outcome, figureKey, figures, b, sentence, parts);
  }

  /** This verdict made unknown, because the run it judged cannot be trusted. */
  public Verdict disturbed(String why) {
    return outcome == Outcome.UNKNOWN ? this : new Verdict(name, Outcome.UNKNOWN, figure,
        figures, bound, why + "; " + outcome.name().toLowerCase() + " otherwise: " + sentence,
        parts);
  }

  public boolean passed() {
    return outcome == Outcome.PASS;
  }

  /** The measured value the bound applies to, if the check has one and measured it. */
  public Optional<Double> measured() {
    return Optional.ofNullable(figure == null ? null : figures.get(figure));
  }

  /** A figure by name; throws naming the ones that exist when it is absent. */
  public double figure(String key) {
    Double v = figures.get(key);
    if (v == null) {
      throw new IllegalArgumentException(name + " has no figure " + key + "; it has "
          + figures.keySet());
    }
    return v;
  }

  /** The console line: "ok   client-outage: client-visible outage 1.25 s within ...". */
  public String line() {
    return outcome.tag() + " " + name + ": " + sentence;
  }

  @Override
  public String toString() {
    return line();
  }
}
