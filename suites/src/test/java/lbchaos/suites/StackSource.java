package lbchaos.suites;

import java.util.Arrays;
import java.util.stream.Stream;
import lbchaos.harness.topology.Stack;

/**
 * The stacks the suites run on: -Dlbchaos.stacks=reference,java,mixed wins; else each suite's
 * default (the article's three run on all three stacks; the semantics, written for a pair of one
 * kind, on reference and java).
 */
final class StackSource {

  static final String PROPERTY = "lbchaos.stacks";

  private StackSource() {}

  static Stream<Stack> stacks() {
    return stacks("reference,java");
  }

  static Stream<Stack> stacks(String byDefault) {
    return Arrays.stream(System.getProperty(PROPERTY, byDefault).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(Stack::parse);
  }
}
