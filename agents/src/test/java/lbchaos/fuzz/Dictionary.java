package lbchaos.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A libFuzzer dictionary (one {@code "token"} per line, {@code \\}, {@code \"} and {@code \xNN}
 * escapes, {@code #} comments) read from the test classpath. The same file feeds Jazzer's
 * coverage-guided targets ({@code @DictionaryFile}) and the seeded properties' token lists, so
 * the two fuzzers of a parser share one vocabulary.
 */
public final class Dictionary {

  private Dictionary() {}

  /** The tokens of the dictionary at {@code resource} (absolute classpath path), in order. */
  public static List<String> tokens(String resource) {
    return parse(Seeds.text(resource), resource);
  }

  /** The tokens of a dictionary's {@code text}; errors name {@code file} and the line. */
  static List<String> parse(String text, String file) {
    List<String> tokens = new ArrayList<>();
    int n = 0;
    for (String line : text.split("\n")) {
      n++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      int q = s.indexOf('"');
      if (q < 0 || !s.endsWith("\"") || q == s.length() - 1) {
        throw new IllegalArgumentException(file + ":" + n + ": a token is \"quoted\"");
      }
      tokens.add(unescape(s.substring(q + 1, s.length() - 1), file + ":" + n));
    }
    return List.copyOf(tokens);
  }

  /** libFuzzer's escapes; the bytes are UTF-8, as the parsers read a config file. */
  static String unescape(String s, String where) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != '\\') {
        b.write(raw[i]);
      } else if (i + 1 < raw.length && (raw[i + 1] == '\\' || raw[i + 1] == '"')) {
        b.write(raw[++i]);
      } else if (i + 3 < raw.length && raw[i + 1] == 'x') {
        b.write(Integer.parseInt(new String(raw, i + 2, 2, StandardCharsets.US_ASCII), 16));
        i += 3;
      } else {
        throw new IllegalArgumentException(where + ": bad escape in \"" + s + "\"");
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }
}
