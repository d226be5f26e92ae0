package lbchaos.vrrp.config;

import java.nio.file.Path;

/** Something keepalived would accept or ignore, that a user should still hear about. */
public record ConfigWarning(Path file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
