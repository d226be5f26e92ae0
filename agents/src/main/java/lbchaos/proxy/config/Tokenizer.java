package lbchaos.proxy.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one configuration line into words the way haproxy does (manual section 2.2 "Quoting
 * and escaping"): blanks separate words, '#' starts a comment, double quotes group and allow
 * backslash escapes, single quotes group literally, a backslash escapes the next character.
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
        word.append(unescape(line.charAt(++i)));
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

  private static char unescape(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> c;
    };
  }
}
