package lbchaos.report.model;

import java.util.Objects;

/** A config lint finding, located at file:line. */
public record LintFinding(String file, int line, Severity severity, String message) {

  public enum Severity { ERROR, WARNING, INFO }

  public LintFinding {
    Checks.text(file, "lint file");
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative: " + line);
    }
    Objects.requireNonNull(severity, "severity must not be null");
    Checks.text(message, "lint message");
  }

  public String location() {
    return line > 0 ? file + ":" + line : file;
  }
}
