package lbchaos.suites;

import java.util.Arrays;
import java.util.stream.Stream;
import lbchaos.harness.topology.Stack;

/**
 * The stacks the suites run on: -Dlbchaos.stacks=reference,java,mixed wins; else each suite's
 * default (the article's and the semantics run on all three; the mixed pair, keepalived on
 * loadbalancer-1 and our agents on loadbalancer-2, checks that each side honours the other's
 * adverts in every scenario).
 */
final class StackSource {

  static final String PROPERTY = "lbchaos.stacks";

  private StackSource() {}

  /** Every stack: reference, java, mixed. */
  static final String ALL = "reference,java,mixed";

  static Stream<Stack> stacks(String byDefault) {
    return Arrays.stream(System.getProperty(PROPERTY, byDefault).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(Stack::parse);
  }
}
