package lbchaos.suites;

import java.util.Arrays;
import java.util.stream.Stream;
import lbchaos.harness.topology.Stack;

/**
 * The stacks the suites run on: -Dlbchaos.stacks=reference,java,mixed. The java and mixed
 * stacks join here when their agents pass their container tests, without new test code.
 */
final class StackSource {

  static final String PROPERTY = "lbchaos.stacks";

  private StackSource() {}

  static Stream<Stack> stacks() {
    return Arrays.stream(System.getProperty(PROPERTY, "reference").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(Stack::parse);
  }
}
