package lbchaos.vrrp.agent;

import java.util.ArrayList;
import java.util.List;

/** Splits a keepalived script line into argv: blanks separate, quotes group; no shell. */
final class Commands {

  private Commands() {}

  static List<String> split(String line) {
    List<String> argv = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          argv.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      argv.add(cur.toString());
    }
    return argv;
  }
}
