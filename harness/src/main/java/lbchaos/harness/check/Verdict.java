package lbchaos.harness.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check concluded about one History.
 *
 * @param figures measured and limit values in a stable order, e.g. outage_s, bound_s,
 *     failed_requests; durations are seconds
 * @param sentence one sentence a person reads without the code: what was measured against what
 * @param parts the verdicts a composite was made of (empty for a single check)
 */
public record Verdict(String name, boolean valid, Map<String, Double> figures, String sentence,
    List<Verdict> parts) {

  public Verdict {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("verdict needs a name");
    }
    if (sentence == null || sentence.isBlank()) {
      throw new IllegalArgumentException("verdict needs a sentence");
    }
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    parts = List.copyOf(parts);
  }

  public Verdict(String name, boolean valid, Map<String, Double> figures, String sentence) {
    this(name, valid, figures, sentence, List.of());
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

  @Override
  public String toString() {
    return (valid ? "PASS " : "FAIL ") + name + ": " + sentence;
  }
}
