package lbchaos.proxy.config;

import java.nio.file.Path;

/** Malformed configuration: where (file:line) and what is wrong. A CLI turns this into exit 2. */
public final class ConfigException extends Exception {

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

  /** 1-based line number; 0 when the problem is not tied to one line. */
  public int line() {
    return line;
  }
}
