package lbchaos.vrrp.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;

/**
 * Reads keepalived's syntax into a tree of {@link ConfNode}s: whitespace separated words, double
 * quoted strings, comments from {@code #} or {@code !} at the start of a word, and braces on the
 * same or on the next line.
 *
 * <p>Like keepalived's own reader, it reports a problem and reads on, so that one pass finds every
 * error: a stray '}' or '{' is reported and skipped, an unterminated quote runs to the end of its
 * line. keepalived only counts the braces missing at the end of the file ("There are 1 missing
 * '}'s"); this reader names the block left open, and when braces are missing it closes that block
 * where the file shows it ended: at a '}' less indented than the block's keyword and level with an
 * enclosing block's, at a top-level keyword such as vrrp_instance at column 0, or at a keyword of
 * the enclosing block that this block does not have (virtual_ipaddress after an authentication
 * block left open). The statements after it are then read where they were meant to be, and their
 * own errors are found too. These guesses are only made when braces are missing: they never
 * change how a balanced file is read.
 */
final class ConfReader {

  private enum Kind { WORD, OPEN, CLOSE, EOL, EOF }

  /**
   * @param file the file the token is in: the main one or one it includes
   * @param indent the columns of white space before the first word of the token's line
   */
  private record Token(Kind kind, String text, Path file, int line, int indent) {}

  /** Keywords that only make sense at the top: one of them at column 0 ends an open block. */
  private static final Set<String> TOP_LEVEL = Set.of("global_defs", "vrrp_script",
      "vrrp_instance", "vrrp_sync_group", "virtual_server", "virtual_server_group", "include",
      "static_ipaddress", "static_routes", "static_rules", "vrrp_track_process",
      "vrrp_track_file", "track_file", "garp_group", "bfd_instance");

  private static final int TAB = 8;
  private static final int MAX_INCLUDED_BYTES = 16 << 20;

  private final Includes includes;
  private final List<ConfigException.Problem> errors;
  private final List<ConfigWarning> warnings;
  /** The files being read, the main one first: an include of one of them is a loop. */
  private final List<Path> reading = new ArrayList<>();
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  /** Braces are missing: use the indentation to tell where a block was meant to end. */
  private boolean recovering;
  /** The indentation of each open block's keyword, innermost last. */
  private final List<Integer> openIndents = new ArrayList<>();
  /** Each open block's keyword, innermost last ("{}" for a block without one). */
  private final List<String> openKeywords = new ArrayList<>();

  private ConfReader(Includes includes, List<ConfigException.Problem> errors,
      List<ConfigWarning> warnings) {
    this.includes = includes;
    this.errors = errors;
    this.warnings = warnings;
  }

  /**
   * The statements of {@code text} and of the files it includes, read where the include is, as
   * keepalived reads them (an include may stand anywhere, even inside a block). Every problem
   * found is added to {@code errors}, what keepalived only logs to {@code warnings}, and every
   * file read besides {@code file} to {@link Includes#files()}.
   */
  static List<ConfNode> read(Path file, String text, Includes includes,
      List<ConfigException.Problem> errors, List<ConfigWarning> warnings) {
    ConfReader r = new ConfReader(includes, errors, warnings);
    r.tokenize(file, text);
    r.tokens.add(new Token(Kind.EOF, "", file, text.split("\\r?\\n", -1).length, 0));
    long opens = r.tokens.stream().filter(t -> t.kind() == Kind.OPEN).count();
    long closes = r.tokens.stream().filter(t -> t.kind() == Kind.CLOSE).count();
    r.recovering = opens > closes;
    return r.block(null);
  }

  private void error(Token at, String message) {
    error(at.file(), at.line(), message);
  }

  private void error(Path file, int line, String message) {
    errors.add(new ConfigException.Problem(file, line, message));
  }

  private void tokenize(Path file, String text) {
    reading.add(file);
    String[] lines = text.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String s = lines[n];
      int line = n + 1;
      int indent = indent(s);
      if (include(file, line, s)) {
        continue;
      }
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#' || c == '!') {
          break;
        } else if (c == '{' || c == '}') {
          tokens.add(new Token(c == '{' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), file, line,
              indent));
          i++;
        } else if (c == '"') {
          int end = s.indexOf('"', i + 1);
          if (end < 0) {
            // keepalived: "missing terminating quote"; the word runs to the end of the line.
            error(file, line, "unterminated quoted string");
            end = s.length();
          }
          tokens.add(new Token(Kind.WORD, s.substring(i + 1, end), file, line, indent));
          i = end + 1;
        } else {
          int j = i;
          while (j < s.length() && !Character.isWhitespace(s.charAt(j))
              && "{}\"".indexOf(s.charAt(j)) < 0) {
            j++;
          }
          tokens.add(new Token(Kind.WORD, s.substring(i, j), file, line, indent));
          i = j;
        }
      }
      tokens.add(new Token(Kind.EOL, "", file, line, indent));
    }
    reading.removeLast();
  }

  /**
   * When {@code text} is an include line ({@code include}, {@code includer}, ... and a pattern,
   * the rest of the line as keepalived takes it), the tokens of the files it names go where it
   * stands. Braces in the pattern are csh's, not blocks.
   */
  private boolean include(Path file, int line, String text) {
    String s = text.strip();
    int space = s.indexOf(' ') < 0 ? s.indexOf('\t') : s.indexOf(' ');
    var checks = Includes.Checks.of(space < 0 ? s : s.substring(0, space));
    if (checks.isEmpty() || space < 0) {
      return false;
    }
    String keyword = s.substring(0, space);
    // A comment after the pattern: '#' or '!' after a blank ("[!a]" stays a glob).
    String pattern = s.substring(space).split("\\s[#!]", 2)[0].strip();
    if (pattern.isEmpty()) {
      return false;
    }
    Includes.Found found = includes.find(pattern, file, checks.get());
    found.errors().forEach(e -> error(file, line, keyword + " " + e));
    found.warnings().forEach(w -> warnings.add(new ConfigWarning(file, line, keyword + " "
        + w)));
    for (Path p : found.files()) {
      if (reading.stream().anyMatch(r -> same(r, p))) {
        error(file, line, keyword + " " + p + ": an include loop (the file is already being"
            + " read: " + String.join(" includes ", reading.stream().map(Path::toString)
            .toList()) + ")");
        continue;
      }
      String included;
      try (var in = Files.newInputStream(p)) {
        // Bounded: a file of /proc or /dev says size 0 and may never end.
        byte[] bytes = in.readNBytes(MAX_INCLUDED_BYTES + 1);
        if (bytes.length > MAX_INCLUDED_BYTES) {
          error(file, line, keyword + " " + p + ": larger than " + (MAX_INCLUDED_BYTES >> 20)
              + " MiB, not a config");
          continue;
        }
        included = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        error(file, line, keyword + " " + p + ": cannot read (" + e.getMessage() + ")");
        continue;
      }
      includes.files().add(p);
      tokenize(p, included);
    }
    return true;
  }

  private static boolean same(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  private static int indent(String s) {
    int col = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t') {
        col = (col / TAB + 1) * TAB;
      } else if (Character.isWhitespace(c)) {
        col++;
      } else {
        return col;
      }
    }
    return col;
  }

  /**
   * Statements until the close brace of the block {@code opener} opened, or the end of input
   * ({@code opener} null: the top level).
   */
  private List<ConfNode> block(Token opener) {
    List<ConfNode> nodes = new ArrayList<>();
    while (true) {
      Token t = tokens.get(pos);
      switch (t.kind()) {
        case EOL -> pos++;
        case EOF -> {
          if (opener != null) {
            error(opener, "block opened here is never closed");
          }
          return nodes;
        }
        case CLOSE -> {
          if (opener == null) {
            error(t, "'}' without an open block");
            pos++;
          } else if (endsEnclosingBlock(t)) {
            error(opener, "block opened here is never closed");
            return nodes; // the '}' is the enclosing block's
          } else {
            pos++;
            return nodes;
          }
        }
        case OPEN -> {
          // keepalived: "Unexpected '{' - ignoring". Its block is read and dropped, so that its
          // '}' does not close the enclosing block early.
          error(t, "'{' without a keyword before it");
          pos++;
          open(t, "{}");
          block(t);
          close();
        }
        case WORD -> {
          if (opener != null && recovering && startsOutside(t)) {
            error(opener, "block opened here is never closed");
            return nodes; // the keyword is an enclosing block's, or starts a top-level one
          }
          nodes.add(statement());
        }
      }
    }
  }

  /**
   * With braces missing: a top-level keyword at column 0, or a keyword of the enclosing block
   * that this block does not have (virtual_ipaddress inside authentication, priority among the
   * addresses of virtual_ipaddress).
   */
  private boolean startsOutside(Token word) {
    if (word.indent() == 0 && TOP_LEVEL.contains(word.text())) {
      return true;
    }
    int n = openKeywords.size();
    return n >= 2 && KeywordSupport.keywordsOf(openKeywords.get(n - 2)).contains(word.text())
        && !KeywordSupport.keywordsOf(openKeywords.get(n - 1)).contains(word.text());
  }

  private void open(Token keyword, String name) {
    openIndents.add(keyword.indent());
    openKeywords.add(name);
  }

  private void close() {
    openIndents.removeLast();
    openKeywords.removeLast();
  }

  /** With braces missing: a '}' less indented than this block's keyword, level with an outer one. */
  private boolean endsEnclosingBlock(Token close) {
    if (!recovering || openIndents.isEmpty() || close.indent() >= openIndents.getLast()) {
      return false;
    }
    for (int i = openIndents.size() - 2; i >= 0; i--) {
      if (openIndents.get(i) == close.indent()) {
        return true;
      }
    }
    return false;
  }

  private ConfNode statement() {
    Token first = tokens.get(pos++);
    List<String> args = new ArrayList<>();
    while (tokens.get(pos).kind() == Kind.WORD) {
      args.add(tokens.get(pos++).text());
    }
    int look = pos;
    while (tokens.get(look).kind() == Kind.EOL) {
      look++;
    }
    if (tokens.get(look).kind() == Kind.OPEN) {
      pos = look + 1;
      open(first, first.text());
      List<ConfNode> children = block(first);
      close();
      return new ConfNode(first.text(), args, children, true, first.file(), first.line());
    }
    return new ConfNode(first.text(), args, List.of(), false, first.file(), first.line());
  }
}
