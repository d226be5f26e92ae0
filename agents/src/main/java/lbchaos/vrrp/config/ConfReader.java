package lbchaos.vrrp.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads keepalived's syntax into a tree of {@link ConfNode}s: whitespace separated words, double
 * quoted strings, comments from {@code #} or {@code !} at the start of a word, and braces on the
 * same or on the next line.
 */
final class ConfReader {

  private enum Kind { WORD, OPEN, CLOSE, EOL, EOF }

  private record Token(Kind kind, String text, int line) {}

  private final Path file;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private ConfReader(Path file) {
    this.file = file;
  }

  static List<ConfNode> read(Path file, String text) {
    ConfReader r = new ConfReader(file);
    r.tokenize(text);
    return r.block(0);
  }

  private void tokenize(String text) {
    String[] lines = text.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String s = lines[n];
      int line = n + 1;
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#' || c == '!') {
          break;
        } else if (c == '{' || c == '}') {
          tokens.add(new Token(c == '{' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), line));
          i++;
        } else if (c == '"') {
          int end = s.indexOf('"', i + 1);
          if (end < 0) {
            throw new ConfigException(file, line, "unterminated quoted string");
          }
          tokens.add(new Token(Kind.WORD, s.substring(i + 1, end), line));
          i = end + 1;
        } else {
          int j = i;
          while (j < s.length() && !Character.isWhitespace(s.charAt(j))
              && "{}\"".indexOf(s.charAt(j)) < 0) {
            j++;
          }
          tokens.add(new Token(Kind.WORD, s.substring(i, j), line));
          i = j;
        }
      }
      tokens.add(new Token(Kind.EOL, "", line));
    }
    tokens.add(new Token(Kind.EOF, "", lines.length));
  }

  /** Statements until the matching close brace ({@code openLine > 0}) or the end of input. */
  private List<ConfNode> block(int openLine) {
    List<ConfNode> nodes = new ArrayList<>();
    while (true) {
      Token t = tokens.get(pos);
      switch (t.kind()) {
        case EOL -> pos++;
        case EOF -> {
          if (openLine > 0) {
            throw new ConfigException(file, openLine, "block opened here is never closed");
          }
          return nodes;
        }
        case CLOSE -> {
          if (openLine == 0) {
            throw new ConfigException(file, t.line(), "'}' without an open block");
          }
          pos++;
          return nodes;
        }
        case OPEN -> throw new ConfigException(file, t.line(), "'{' without a keyword before it");
        case WORD -> nodes.add(statement());
      }
    }
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
      Token open = tokens.get(look);
      pos = look + 1;
      return new ConfNode(first.text(), args, block(open.line()), true, first.line());
    }
    return new ConfNode(first.text(), args, List.of(), false, first.line());
  }
}
