package lbchaos.vrrp.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A malformed configuration: every error found in one pass, each with its file and line, as
 * {@code keepalived -t} reports them. The message lists them one per line ("file:line: what"),
 * sorted by line. A CLI turns this into exit code 2.
 */
public final class ConfigException extends RuntimeException {

  /** One error: where and what. */
  public record Problem(Path file, int line, String message) {
    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  private final List<Problem> problems;

  public ConfigException(Path file, int line, String message) {
    this(List.of(new Problem(file, line, message)));
  }

  /** @param problems at least one; kept sorted by line (stable: same-line errors keep order) */
  public ConfigException(List<Problem> problems) {
    super(render(problems));
    this.problems = problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
  }

  private static String render(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    return problems.stream().sorted(Comparator.comparingInt(Problem::line))
        .map(Problem::toString).collect(Collectors.joining("\n"));
  }

  /** Every error, sorted by line. */
  public List<Problem> problems() {
    return problems;
  }

  /** The file of the first error. */
  public Path file() {
    return problems.getFirst().file();
  }

  /** The line of the first error (0: the file as a whole, e.g. it cannot be read). */
  public int line() {
    return problems.getFirst().line();
  }
}
