package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;

class StackSourceTest {

  @Test
  void verifysSetPutsEveryScenarioOnJavaAndOneDaemonStackInTurn() {
    System.clearProperty(StackSource.PROPERTY);
    System.clearProperty(StackSource.MATRIX);
    List<List<Stack>> cells = IntStream.range(0, 4)
        .mapToObj(i -> StackSource.forScenario(i).toList()).toList();
    assertThat(cells).allSatisfy(s -> assertThat(s).hasSize(2).contains(Stack.JAVA));
    assertThat(cells).extracting(s -> s.get(0))
        .containsExactly(Stack.REFERENCE, Stack.MIXED, Stack.REFERENCE, Stack.MIXED);
  }

  @Test
  void theFullMatrixOrNamedStacksRunEveryScenarioOnEach() {
    try {
      System.setProperty(StackSource.MATRIX, "full");
      assertThat(StackSource.forScenario(1).toList())
          .containsExactly(Stack.REFERENCE, Stack.JAVA, Stack.MIXED);
      System.clearProperty(StackSource.MATRIX);
      System.setProperty(StackSource.PROPERTY, "mixed");
      assertThat(StackSource.forScenario(0).toList()).containsExactly(Stack.MIXED);
    } finally {
      System.clearProperty(StackSource.MATRIX);
      System.clearProperty(StackSource.PROPERTY);
    }
  }
}
