package lbchaos.proxy.config;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Splits one configuration line into words the way haproxy does (manual section 2.2 "Quoting
 * and escaping"): blanks separate words, '#' starts a comment, double quotes group and allow
 * backslash escapes, single quotes group literally, a backslash escapes what parse_line lets it
 * escape and stays before anything else ({@link #escape}).
 */
final class Tokenizer {

  private Tokenizer() {}

  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        i = escape(line, i, quote == '"', word);
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == '#') {
        break;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unterminated quote");
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }

  /**
   * The backslash at {@code i} (outside single quotes) as haproxy 2.6's parse_line reads it:
   * "\\", "\ ", "\#", "\'", "\"" and "\$" (in double quotes) give the character, "\t", "\n",
   * "\r" and "\xHH" theirs; any other keeps its backslash ("\1" in a replacement, "\." in a
   * regex), the next character read as usual. Returns the index of the last character used.
   */
  private static int escape(String line, int i, boolean inDoubleQuotes, StringBuilder word) {
    char n = line.charAt(i + 1);
    switch (n) {
      case ' ', '\\', '#', '\'', '"' -> word.append(n);
      case 't' -> word.append('\t');
      case 'n' -> word.append('\n');
      case 'r' -> word.append('\r');
      case '$' -> {
        if (!inDoubleQuotes) {
          word.append('\\');
          return i;
        }
        word.append('$');
      }
      case 'x' -> {
        if (i + 3 >= line.length() || !hex(line.charAt(i + 2)) || !hex(line.charAt(i + 3))) {
          throw new IllegalArgumentException("invalid or incomplete hex sequence");
        }
        word.append((char) HexFormat.fromHexDigits(line, i + 2, i + 4));
        return i + 3;
      }
      default -> {
        word.append('\\');
        return i;
      }
    }
    return i + 1;
  }

  private static boolean hex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
