package lbchaos.proxy.config;

import java.nio.file.Path;
import java.util.Objects;

/** Something accepted but ignored or suspicious (unknown keyword, unsupported condition). */
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
