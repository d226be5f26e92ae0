package lbchaos.harness.cli;

import lbchaos.harness.topology.Stack;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --stack reference|reference-13|java|mixed; anything else is a usage error (exit 2). */
final class StackConverter implements ITypeConverter<Stack> {
  @Override
  public Stack convert(String value) {
    try {
      return Stack.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
