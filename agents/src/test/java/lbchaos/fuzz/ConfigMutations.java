package lbchaos.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the config parsers' fuzz properties: a real config with a keyword inserted, a
 * stretch cut out or overwritten at random places, and soups of keywords and broken values.
 */
public final class ConfigMutations {

  private ConfigMutations() {}

  /**
   * {@code text} with one of {@code tokens} inserted as a word or glued to its neighbours, a
   * stretch cut, or a stretch replaced.
   */
  public static Arbitrary<String> of(String text, List<String> tokens) {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, text.length());
    return Combinators.combine(pos, pos, Arbitraries.of(tokens),
        Arbitraries.integers().between(0, 3)).as((a, b, tok, op) -> {
          int from = Math.min(a, b);
          int to = Math.max(a, b);
          return switch (op) {
            case 0 -> text.substring(0, from) + " " + tok + " " + text.substring(from);
            case 1 -> text.substring(0, from) + tok + text.substring(from);
            case 2 -> text.substring(0, from) + text.substring(Math.min(to, from + 40));
            default -> text.substring(0, from) + tok + text.substring(Math.min(to, from + 8));
          };
        });
  }

  /** Up to 60 of {@code tokens} joined by spaces. */
  public static Arbitrary<String> soup(List<String> tokens) {
    return Arbitraries.of(tokens).list().ofMaxSize(60).map(l -> String.join(" ", l));
  }
}
