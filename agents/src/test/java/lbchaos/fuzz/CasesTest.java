package lbchaos.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CasesTest {

  record Pair(byte[] bytes, String text) {}

  static List<Long> draws(String name, int n) {
    List<Long> out = new ArrayList<>();
    Cases.forEach(name, n, SplittableRandom::nextLong, out::add);
    return out;
  }

  @Test
  void casesAreFixedByTheSeedAndNameAndDifferBetweenCases() {
    assertThat(draws("p", 50)).as("the same seed draws the same cases").isEqualTo(draws("p", 50))
        .as("distinct cases").doesNotHaveDuplicates();
    assertThat(draws("q", 50)).as("another property draws other cases")
        .doesNotContainAnyElementsOf(draws("p", 50));
    long first = Cases.random(Cases.seed(), "p", 7).nextLong();
    assertThat(draws("p", 50).get(7)).as("case 7 can be drawn alone").isEqualTo(first);
  }

  @Test
  void aFailureNamesTheSeedTheCaseAndTheInput() {
    assertThatThrownBy(() -> Cases.forEach("demo", 100,
        r -> new Pair(new byte[] {1, (byte) 0xab}, "a\nb\u0000"), p -> {
          throw new IllegalStateException("boom");
        }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("demo failed at case 0 of 100")
        .hasMessageContaining(String.format("seed 0x%x", Cases.seed()))
        .hasMessageContaining("-Dlbchaos.case=0")
        .hasMessageContaining("Pair[bytes=bytes[2] 01ab, text=\"a\\nb\\u0000\"]")
        .hasMessageContaining("IllegalStateException: boom")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Cases.forEach("demo", 100, r -> r.nextInt(100), i -> {
      assertThat(i).as("small").isLessThan(90);
    })).as("an assertion failing at a later case").isInstanceOf(AssertionError.class)
        .hasMessageMatching("(?s)demo failed at case [1-9]\\d* of 100.*input: 9\\d.*small.*");
  }

  @Test
  void theSystemPropertiesSetTheSeedTheCaseAndTheTries() {
    String seed = System.getProperty(Cases.SEED_PROPERTY);
    String tries = System.getProperty(Cases.TRIES_PROPERTY);
    try {
      System.setProperty(Cases.SEED_PROPERTY, "0x2a");
      assertThat(Cases.seed()).as("hex seed").isEqualTo(42);
      System.setProperty(Cases.SEED_PROPERTY, "-5");
      assertThat(Cases.seed()).as("decimal seed").isEqualTo(-5);
      List<Long> all = draws("p", 20);
      System.setProperty(Cases.CASE_PROPERTY, "13");
      assertThat(draws("p", 20)).as("only case 13").containsExactly(all.get(13));
      System.clearProperty(Cases.CASE_PROPERTY);
      System.setProperty(Cases.TRIES_PROPERTY, "100000");
      assertThat(Cases.fuzzTries()).as("fuzz.tries").isEqualTo(100_000);
      System.clearProperty(Cases.TRIES_PROPERTY);
      assertThat(Cases.fuzzTries()).as("default").isEqualTo(Cases.DEFAULT_FUZZ_TRIES);
    } finally {
      System.clearProperty(Cases.CASE_PROPERTY);
      restore(Cases.SEED_PROPERTY, seed);
      restore(Cases.TRIES_PROPERTY, tries);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
