package lbchaos.proxy.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a URL's parameters as haproxy 2.6's url_param reads them (http.c
 * http_find_next_url_param): the parameters start after the first {@code delim} ('?' unless
 * given) anywhere in the target as received; they end at '&', ';' or {@code delim}; a name is
 * compared byte for byte, case-sensitive and undecoded; a parameter without '=' has no value.
 * An ACL tries every occurrence, in order.
 */
final class UrlParams {

  private UrlParams() {}

  /** The value of each parameter named {@code name} in {@code uri}, or of each one for "". */
  static List<String> values(String uri, String name, char delim) {
    int start = uri.indexOf(delim);
    List<String> out = new ArrayList<>();
    if (start < 0) {
      return out;
    }
    int end = uri.length();
    int pos = start + 1;
    while (pos < end) {
      int value;
      if (name.isEmpty()) {
        // any parameter: the value after the next '=', wherever it is
        int eq = uri.indexOf('=', pos);
        if (eq < 0) {
          break;
        }
        value = eq + 1;
      } else {
        int at = find(uri, pos, end, name, delim);
        if (at < 0) {
          break;
        }
        value = at + name.length() + 1;
      }
      int valueEnd = value;
      while (valueEnd < end && !delimiter(uri.charAt(valueEnd), delim)) {
        valueEnd++;
      }
      out.add(uri.substring(value, valueEnd));
      pos = valueEnd; // the next occurrence is looked for from the delimiter on
    }
    return out;
  }

  /** Where the next parameter named {@code name} starts at or after {@code pos}, or -1. */
  private static int find(String s, int pos, int end, String name, char delim) {
    while (pos < end) {
      int equal = pos + name.length();
      if (equal >= end) {
        return -1;
      }
      if (s.charAt(equal) == '=') {
        if (s.startsWith(name, pos)) {
          return pos;
        }
        pos = equal + 1;
      }
      while (pos < end && !delimiter(s.charAt(pos), delim)) {
        pos++;
      }
      if (pos >= end) {
        return -1;
      }
      pos++;
    }
    return -1;
  }

  private static boolean delimiter(char c, char delim) {
    return c == '&' || c == ';' || c == delim;
  }
}
