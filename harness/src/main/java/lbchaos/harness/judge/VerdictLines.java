package lbchaos.harness.judge;

import java.util.List;
import lbchaos.verdict.Verdict;

/** The verdict lines a run prints and {@code lbchaos check} prints again, byte for byte. */
public final class VerdictLines {

  private VerdictLines() {}

  public static String of(List<Verdict> verdicts) {
    StringBuilder sb = new StringBuilder();
    for (Verdict v : verdicts) {
      sb.append("    ").append(v.line()).append('\n');
    }
    return sb.toString();
  }
}
