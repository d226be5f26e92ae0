package lbchaos.harness.expect;

import java.util.Locale;

/**
 * One lint result: a config whose declared intent cannot work.
 *
 * @param file null when unknown
 * @param line 1-based; 0 when unknown
 */
public record Finding(Severity severity, String file, int line, String message) {

  public enum Severity { ERROR, WARNING, INFO }

  public Finding {
    if (severity == null || message == null || message.isBlank()) {
      throw new IllegalArgumentException("a finding needs a severity and a message");
    }
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  /** "keepalived.conf:12: error: ..." in the style of compilers, so editors can jump to it. */
  @Override
  public String toString() {
    String where = file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ";
    return where + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
  }
}
