package lbchaos.suites;

import java.util.Arrays;
import java.util.stream.Stream;
import lbchaos.harness.topology.Stack;

/**
 * The stacks the suites run on: -Dlbchaos.stacks=reference,java,mixed. Default: reference and
 * java; mixed joins the default once its known failures are fixed.
 */
final class StackSource {

  static final String PROPERTY = "lbchaos.stacks";

  private StackSource() {}

  static Stream<Stack> stacks() {
    return Arrays.stream(System.getProperty(PROPERTY, "reference,java").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).map(Stack::parse);
  }
}
