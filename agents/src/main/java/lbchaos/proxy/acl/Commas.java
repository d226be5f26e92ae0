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

  /** Where each value ends: the index of its comma, the line's length for the last one. */
  static List<Integer> ends(String line) {
    List<Integer> out = new ArrayList<>();
    boolean quoted = false;
    boolean escaped = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (quoted) {
        escaped = c == '\\';
        quoted = c != '"';
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(i);
      }
    }
    out.add(line.length());
    return out;
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
