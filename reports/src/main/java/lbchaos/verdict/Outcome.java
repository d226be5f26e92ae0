package lbchaos.verdict;

/**
 * What a check concluded. {@code UNKNOWN} is an honest outcome: the evidence the check needs is
 * missing or the run was disturbed, so the gate says so instead of guessing.
 */
public enum Outcome {
  PASS, FAIL, UNKNOWN;

  /** The outcome of several: any FAIL fails (a proven failure), else any UNKNOWN, else PASS. */
  public static Outcome of(Iterable<Outcome> outcomes) {
    boolean unknown = false;
    for (Outcome o : outcomes) {
      if (o == FAIL) {
        return FAIL;
      }
      unknown |= o == UNKNOWN;
    }
    return unknown ? UNKNOWN : PASS;
  }

  /** "ok  ", "FAIL", "??  ": the four-character tag console lines start with. */
  public String tag() {
    return switch (this) {
      case PASS -> "ok  ";
      case FAIL -> "FAIL";
      case UNKNOWN -> "??  ";
    };
  }
}
