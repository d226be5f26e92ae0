package lbchaos.suites;

import java.util.Arrays;
import java.util.stream.Stream;
import lbchaos.harness.topology.Stack;

/**
 * The stacks the suites run on: -Dlbchaos.stacks=reference,java,mixed wins; else each suite's
 * default (the article's run on all three; the mixed pair, keepalived on loadbalancer-1 and our
 * agents on loadbalancer-2, checks that each side honours the other's adverts in every scenario).
 */
final class StackSource {

  static final String PROPERTY = "lbchaos.stacks";

  /** -Dlbchaos.matrix=full: every semantics scenario on every stack, as nightly runs them. */
  static final String MATRIX = "lbchaos.matrix";

  private StackSource() {}

  /** Every stack: reference, java, mixed. */
  static final String ALL = "reference,java,mixed";

  static Stream<Stack> stacks(String byDefault) {
    return Arrays.stream(System.getProperty(PROPERTY, byDefault).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(Stack::parse);
  }

  /**
   * The stacks of the {@code index}-th semantics scenario. Verify's representative set keeps the
   * gate inside its time while every scenario still meets both our agents and the daemons: each
   * scenario on java (what a change here can break), and on reference or mixed in turn, by its
   * place in the list. Named stacks (-Dlbchaos.stacks) or -Dlbchaos.matrix=full run the whole
   * matrix, which `bin/lbchaos nightly` runs too.
   */
  static Stream<Stack> forScenario(int index) {
    if (System.getProperty(PROPERTY) != null || "full".equals(System.getProperty(MATRIX))) {
      return stacks(ALL);
    }
    return Stream.of(index % 2 == 0 ? Stack.REFERENCE : Stack.MIXED, Stack.JAVA);
  }
}
