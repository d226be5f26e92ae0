package lbchaos.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * A malformed keepalived.conf or haproxy.cfg: every error found in one pass, each with its file
 * and line, as {@code keepalived -t} and {@code haproxy -c} report them. The message lists them
 * one per line ("file:line: what"), sorted by line. A CLI turns this into exit code 2.
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

  /**
   * @param problems at least one; kept sorted by file (in the order the files first appear) and
   *     line (stable: same-line errors keep their order)
   */
  public ConfigException(List<Problem> problems) {
    super(sorted(problems).stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = sorted(problems);
  }

  private static List<Problem> sorted(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    List<Path> order = problems.stream().map(Problem::file).distinct().toList();
    return problems.stream().sorted(inReadingOrder(order, Problem::file, Problem::line)).toList();
  }

  /** By file, in {@code order} (a file not in it last), then by line. */
  public static <T> Comparator<T> inReadingOrder(List<Path> order, Function<T, Path> file,
      ToIntFunction<T> line) {
    ToIntFunction<T> rank = t -> {
      int i = order.indexOf(file.apply(t));
      return i < 0 ? order.size() : i;
    };
    return Comparator.comparingInt(rank).thenComparingInt(line);
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
