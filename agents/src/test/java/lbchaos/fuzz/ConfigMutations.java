package lbchaos.fuzz;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

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
  public static Function<SplittableRandom, String> of(String text, List<String> tokens) {
    return r -> {
      int a = Cases.intIn(r, 0, text.length());
      int b = Cases.intIn(r, 0, text.length());
      String tok = Cases.oneOf(r, tokens);
      int op = r.nextInt(4);
      int from = Math.min(a, b);
      int to = Math.max(a, b);
      return switch (op) {
        case 0 -> text.substring(0, from) + " " + tok + " " + text.substring(from);
        case 1 -> text.substring(0, from) + tok + text.substring(from);
        case 2 -> text.substring(0, from) + text.substring(Math.min(to, from + 40));
        default -> text.substring(0, from) + tok + text.substring(Math.min(to, from + 8));
      };
    };
  }

  /** Up to 60 of {@code tokens} joined by spaces. */
  public static Function<SplittableRandom, String> soup(List<String> tokens) {
    return r -> String.join(" ", Cases.listOf(r, 0, 60, t -> Cases.oneOf(t, tokens)));
  }
}
