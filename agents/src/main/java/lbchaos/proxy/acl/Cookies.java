package lbchaos.proxy.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a request's cookies as haproxy 2.6's req.cook reads them (http.c
 * http_extract_cookie_value over each comma-separated value of each Cookie header, as
 * http_find_header gives them: {@link Commas}): "name=value" pairs separated by ';' or ',', spaces
 * around names and values dropped, a quoted value kept whole with its quotes, names compared
 * case-sensitive, names beginning with '$' and pairs without '=' skipped. An ACL tries every
 * occurrence, in order.
 */
final class Cookies {

  private Cookies() {}

  /** The value of each cookie named {@code name} in {@code headers}, or of each one for "". */
  static List<String> values(List<String> headers, String name) {
    List<String> out = new ArrayList<>();
    for (String header : headers) {
      for (String element : Commas.values(header)) {
        if (element.length() >= name.length() + 1) {
          extract(element, name, out);
        }
      }
    }
    return out;
  }

  private static void extract(String h, String name, List<String> out) {
    int end = h.length();
    int next;
    for (int att = 0; att + name.length() + 1 < end; att = next + 1) {
      while (att < end && space(h.charAt(att))) {
        att++;
      }
      int equal = att;
      int attEnd = att;
      while (equal < end) {
        char c = h.charAt(equal);
        if (c == '=' || c == ';' || c == ',') {
          break;
        }
        equal++;
        if (!space(c)) {
          attEnd = equal;
        }
      }
      int value;
      int valueEnd;
      if (equal < end && h.charAt(equal) == '=') {
        value = equal + 1;
        while (value < end && space(h.charAt(value))) {
          value++;
        }
        next = Commas.next(h, value, ",;"); // the value's end
        valueEnd = next;
        while (valueEnd > value && space(h.charAt(valueEnd - 1))) {
          valueEnd--;
        }
      } else {
        value = valueEnd = next = equal;
      }
      if (att < end && h.charAt(att) == '$' || equal == next) {
        continue;
      }
      if (name.isEmpty() || attEnd - att == name.length() && h.startsWith(name, att)) {
        out.add(h.substring(value, valueEnd));
      }
    }
  }

  private static boolean space(char c) {
    return c == ' ' || c == '\t';
  }
}
