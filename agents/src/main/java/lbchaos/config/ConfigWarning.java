package lbchaos.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something keepalived or haproxy would accept or ignore, that a user should still hear about:
 * "file:line: message".
 */
public record ConfigWarning(Path file, int line, String message) {
  public ConfigWarning {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
