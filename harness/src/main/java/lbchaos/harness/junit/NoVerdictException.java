package lbchaos.harness.junit;

/**
 * A scenario the harness could not judge: a check's evidence is missing, the run was disturbed,
 * or the harness itself failed. Not an {@link AssertionError}, so a test report shows it as an
 * error ("could not tell"), apart from a failed check ("the configs or agents broke").
 */
public final class NoVerdictException extends RuntimeException {
  public NoVerdictException(String message) {
    super(message);
  }
}
