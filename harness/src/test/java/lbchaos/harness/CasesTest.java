package lbchaos.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CasesTest {

  record Loss(double p, List<Integer> times) {}

  @Test
  void casesAreFixedByTheSeedAndAFailureNamesSeedCaseAndInput() {
    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    Cases.forEach("p", 30, SplittableRandom::nextLong, a::add);
    Cases.forEach("p", 30, SplittableRandom::nextLong, b::add);
    assertThat(a).as("same seed, same cases").isEqualTo(b).doesNotHaveDuplicates();
    assertThatThrownBy(() -> Cases.forEach("demo", 10, r -> new Loss(0.5, List.of(1, 2)), l -> {
      assertThat(l.p()).as("p").isLessThan(0.1);
    })).isInstanceOf(AssertionError.class)
        .hasMessageContaining("demo failed at case 0 of 10")
        .hasMessageContaining(String.format("seed 0x%x", Cases.seed()))
        .hasMessageContaining("-Dlbchaos.case=0")
        .hasMessageContaining("input: Loss[p=0.5, times=[1, 2]]");
  }
}
