package lbchaos.vrrp.config;

import java.nio.file.Path;

/** Malformed configuration: where and what. A CLI turns this into exit code 2. */
public final class ConfigException extends RuntimeException {

  private final Path file;
  private final int line;

  public ConfigException(Path file, int line, String message) {
    super(file + ":" + line + ": " + message);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }
}
