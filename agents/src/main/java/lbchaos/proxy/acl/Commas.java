package lbchaos.proxy.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * A header line's comma-separated values as haproxy 2.6's http_find_header gives them (not
 * "full"; http_find_hdr_value_end): a comma inside double quotes (a backslash escaping the next
 * character there) separates nothing; each value trimmed of spaces and tabs.
 */
final class Commas {

  private Commas() {}

  /**
   * The first of {@code stops} at or after {@code from} outside double quotes (in which a
   * backslash escapes the next character), or the line's length: haproxy's
   * http_find_hdr_value_end with ",", http_find_cookie_value_end with ",;".
   */
  static int next(String line, int from, String stops) {
    boolean quoted = false;
    boolean escaped = false;
    int i = from;
    for (; i < line.length(); i++) {
      char c = line.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (quoted) {
        escaped = c == '\\';
        quoted = c != '"';
      } else if (c == '"') {
        quoted = true;
      } else if (stops.indexOf(c) >= 0) {
        return i;
      }
    }
    return i;
  }

  /** Where each value ends: the index of its comma, the line's length for the last one. */
  static List<Integer> ends(String line) {
    List<Integer> out = new ArrayList<>();
    for (int i = next(line, 0, ","); ; i = next(line, i + 1, ",")) {
      out.add(i);
      if (i == line.length()) {
        return out;
      }
    }
  }

  /** The values, trimmed (an empty one between two commas included). */
  static List<String> values(String line) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int end : ends(line)) {
      out.add(line.substring(start, end).strip());
      start = end + 1;
    }
    return out;
  }
}
