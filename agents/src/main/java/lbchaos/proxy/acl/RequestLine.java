package lbchaos.proxy.acl;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The request line's parts as haproxy 2.6's set-* and replace-* actions rewrite them (http_htx.c
 * http_replace_req_path, _query, _uri; regex.c exp_replace), on the target as received.
 */
public final class RequestLine {

  private RequestLine() {}

  /** The part of the line an action reads or rewrites. */
  public enum Part { METHOD, PATH, PATHQ, QUERY, URI }

  /** Where the path starts: after an absolute URI's authority; else the target's start. */
  private static int pathStart(String uri) {
    if (uri.startsWith("/")) {
      return 0;
    }
    int scheme = uri.indexOf("://");
    if (scheme < 0) {
      return 0; // "*" or an authority: haproxy puts the new path in place of the whole target
    }
    int slash = uri.indexOf('/', scheme + 3);
    return slash < 0 ? uri.length() : slash;
  }

  /**
   * The target with {@code part} (PATH, PATHQ, QUERY or URI) set to {@code value}: a path keeps
   * the query after it; a query keeps its '?' (an empty one stays "?"), or one is added when the
   * value is not empty.
   */
  public static String with(String uri, Part part, String value) {
    int start = pathStart(uri);
    return switch (part) {
      case PATH -> {
        int q = uri.indexOf('?', start);
        yield uri.substring(0, start) + value + (q < 0 ? "" : uri.substring(q));
      }
      case PATHQ -> uri.substring(0, start) + value;
      case QUERY -> {
        int q = uri.indexOf('?');
        yield q >= 0 ? uri.substring(0, q + 1) + value
            : value.isEmpty() ? uri : uri + "?" + value;
      }
      case URI -> value;
      case METHOD -> throw new IllegalArgumentException("the method is not in the target");
    };
  }

  /**
   * What replace-path (PATH), replace-pathq (PATHQ) and replace-uri (URI) match against: empty
   * when the target has no path ("*", "http://a").
   */
  public static Optional<String> subject(Request r, Part part) {
    return switch (part) {
      case PATH -> r.path().filter(p -> !p.isEmpty());
      case PATHQ -> r.pathAndQuery().filter(p -> !p.isEmpty());
      case URI -> Optional.of(r.uri()).filter(u -> !u.isEmpty());
      default -> throw new IllegalArgumentException(part + " is not replaced by a regex");
    };
  }

  /**
   * A replacement as haproxy's exp_replace writes it: "\0" to "\9" the match's groups (nothing
   * for one that did not take part), "\xHH" a byte, a backslash before another character that
   * character. The template must not end with a backslash (the parser refuses it).
   */
  public static String expand(String template, Matcher m) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '\\' || i + 1 >= template.length()) {
        out.append(c);
        continue;
      }
      char n = template.charAt(++i);
      if (n >= '0' && n <= '9') {
        int g = n - '0';
        if (g <= m.groupCount() && m.group(g) != null) {
          out.append(m.group(g));
        }
      } else if (n == 'x' && i + 2 < template.length()) {
        out.append((char) (hexDigit(template.charAt(i + 1)) << 4
            | hexDigit(template.charAt(i + 2))));
        i += 2;
      } else {
        out.append(n);
      }
    }
    return out.toString();
  }

  /** As exp_replace reads a hex digit: upper-cased, then counted from '0' or from 'A'. */
  private static int hexDigit(char c) {
    int d = Character.toUpperCase(c) - '0';
    return (d > 9 ? d - ('A' - '9' - 1) : d) & 0xf;
  }
}
