package lbchaos.proxy.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;
import lbchaos.proxy.config.HaproxyKeywordSupport.Rule;
import lbchaos.proxy.config.HaproxyKeywordSupport.Where;

/**
 * What reading one haproxy.cfg finds besides the config, each at the line being read: errors
 * (haproxy refuses to start; all of them are reported at the end, as {@code haproxy -c} lists
 * them), warnings, and the lines the java stack refuses ({@link HaproxyKeywordSupport}).
 */
final class Findings {

  private final Path file;
  private final List<ConfigException.Problem> errors = new ArrayList<>();
  private final List<ConfigWarning> warnings = new ArrayList<>();
  private final List<JavaRefusal> refusals = new ArrayList<>();
  private int line;

  Findings(Path file) {
    this.file = file;
  }

  /** The line what follows is about (1-based; 0: the file as a whole). */
  void at(int lineNo) {
    line = lineNo;
  }

  int line() {
    return line;
  }

  Path file() {
    return file;
  }

  void error(String message) {
    error(line, message);
  }

  /** An error at another line than the current one (the assembler's, per proxy). */
  void error(int lineNo, String message) {
    errors.add(new ConfigException.Problem(file, lineNo, message));
  }

  void warn(String message) {
    warn(line, message);
  }

  void warn(int lineNo, String message) {
    warnings.add(new ConfigWarning(file, lineNo, message));
  }

  /** Throws every error found so far, sorted by line; returns when there is none. */
  void throwErrors() {
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
  }

  /** By line (the assembler's come after every line's). */
  List<ConfigWarning> warnings() {
    return warnings.stream().sorted(Comparator.comparingInt(ConfigWarning::line)).toList();
  }

  List<JavaRefusal> refusals() {
    return List.copyOf(refusals);
  }

  /** A line the java stack refuses that no {@link HaproxyKeywordSupport} entry covers. */
  void refuse(int lineNo, String what, String why) {
    refusals.add(new JavaRefusal(file, lineNo, what, why));
  }

  /**
   * A keyword the parser does not implement, with its arguments: refused or warned as
   * {@link HaproxyKeywordSupport} says.
   *
   * @param unknown the error when it is not haproxy 2.6's there; empty: the caller knows it is
   * @throws IllegalArgumentException with {@code unknown} when it is not haproxy 2.6's there
   */
  Rule unimplemented(Where where, String keyword, List<String> args, String unknown) {
    Rule r = HaproxyKeywordSupport.rule(where, keyword).orElseThrow(() -> unknown.isEmpty()
        ? new IllegalStateException("no rule for " + where + " " + keyword)
        : new IllegalArgumentException(unknown));
    if (r.refuses(args)) {
      refusals.add(new JavaRefusal(file, line, r.what(args), r.why()));
    } else if (!r.refused()) {
      warn("'" + r.what(List.of()) + "' ignored: " + r.why());
    }
    return r;
  }

  /**
   * The option at {@code w[i]} of a server, bind or tcp-check line that the parser does not
   * implement: refused or warned with its arguments skipped, or an error when {@code where} has
   * no such keyword; then the line goes on. After an unknown keyword the words that are no
   * keyword of {@code where} are taken for its arguments, so that a later known keyword (a
   * {@code check}) is still read.
   *
   * @param implemented whether a word is a keyword the caller reads itself
   * @return the index of the next keyword
   */
  int option(Where where, List<String> w, int i, String context,
      java.util.function.Predicate<String> implemented) {
    String k = w.get(i);
    Optional<Rule> rule = HaproxyKeywordSupport.rule(where, k);
    if (rule.isEmpty()) {
      error(context + ": unknown keyword '" + k + "'");
      int next = i + 1;
      while (next < w.size() && !implemented.test(w.get(next))
          && HaproxyKeywordSupport.rule(where, w.get(next)).isEmpty()) {
        next++;
      }
      return next;
    }
    int end = i + 1 + rule.get().args();
    if (end > w.size()) {
      error(context + ": '" + k + "' expects " + rule.get().args() + " argument(s)");
      return w.size();
    }
    unimplemented(where, k, w.subList(i + 1, end), "");
    return end;
  }
}
