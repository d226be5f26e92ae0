package lbchaos.proxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One "http-check expect [!] status|rstatus|string|rstring PATTERN" rule, as haproxy 2.6 reads
 * and applies it (src/tcpcheck.c parse_tcpcheck_expect, tcpcheck_eval_expect_http):
 *
 * <ul>
 *   <li>status: a comma-separated list of codes and ranges ("200", "200-399", "200,301-302");
 *       matches when the status lies in one of them;
 *   <li>rstatus: a regular expression searched (not anchored) in the 3-digit status code;
 *   <li>string: the body contains the text; rstring: a regular expression searched in the body;
 *   <li>"!" (alone or stuck to the match word, repeatable) negates the match.
 * </ul>
 *
 * A failed status rule is "L7STS" (Layer7 wrong status), a failed body rule "L7RSP". Java's regex
 * engine stands in for PCRE: the same for the classes, anchors and alternations of a check
 * pattern.
 */
public record HttpExpect(Match match, String pattern, boolean negate) {

  /** What the rule looks at. */
  public enum Match {
    STATUS("status"), RSTATUS("rstatus"), STRING("string"), RSTRING("rstring");

    private final String keyword;

    Match(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }

    static Optional<Match> of(String word) {
      for (Match m : values()) {
        if (m.keyword.equals(word)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }

    public boolean onBody() {
      return this == STRING || this == RSTRING;
    }
  }

  /** haproxy's default when a backend has no expect rule (tcpcheck.c: "status 200-399"). */
  public static final HttpExpect DEFAULT = new HttpExpect(Match.STATUS, "200-399", false);

  public HttpExpect {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(pattern, "pattern");
    switch (match) {
      case STATUS -> ranges(pattern);
      case RSTATUS, RSTRING -> regex(pattern);
      case STRING -> {
        if (pattern.isEmpty()) {
          throw new IllegalArgumentException("'string' expects a <pattern> as argument");
        }
      }
    }
  }

  /**
   * Reads the words after "http-check expect"; empty when they hold an option or match the agent
   * does not implement (min-recv, hdr, fhdr, string-lf, custom, ok-status, on-error, ...), which
   * the caller refuses.
   *
   * @throws IllegalArgumentException where haproxy reports an error (no pattern, a bad range)
   */
  public static Optional<HttpExpect> parse(List<String> args) {
    boolean negate = false;
    Match match = null;
    String pattern = null;
    int i = 0;
    if (args.isEmpty()) {
      throw new IllegalArgumentException("expects at least a matching pattern as arguments");
    }
    while (i < args.size()) {
      String w = args.get(i);
      while (w.startsWith("!")) {
        negate = !negate;
        w = w.substring(1);
      }
      if (w.isEmpty()) {
        i++;
        continue;
      }
      Optional<Match> m = Match.of(w);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      if (match != null) {
        throw new IllegalArgumentException("only on pattern expected");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("'" + w + "' expects a <pattern> as argument");
      }
      match = m.get();
      pattern = args.get(i + 1);
      i += 2;
    }
    if (match == null) {
      throw new IllegalArgumentException("expects at least a matching pattern as arguments");
    }
    return Optional.of(new HttpExpect(match, pattern, negate));
  }

  /** Whether an answer with this status and body passes the rule. */
  public boolean passes(int status, String body) {
    boolean hit = switch (match) {
      case STATUS -> ranges(pattern).stream().anyMatch(r -> status >= r[0] && status <= r[1]);
      case RSTATUS -> regex(pattern).matcher(String.format("%03d", status)).find();
      case STRING -> body.contains(pattern);
      case RSTRING -> regex(pattern).matcher(body).find();
    };
    return hit != negate;
  }

  /** The check status of a failed rule: wrong status, or wrong content. */
  public String failureStatus() {
    return match.onBody() ? "L7RSP" : "L7STS";
  }

  /**
   * tcpcheck.c: codes read as unsigned integers, "-" makes a range, "," separates; a range
   * whose start is above its end, or any other character, is an error.
   */
  static List<int[]> ranges(String pattern) {
    List<int[]> out = new ArrayList<>();
    int p = 0;
    while (true) {
      int[] r = new int[2];
      p = readUint(pattern, p, r, 0);
      r[1] = r[0];
      if (p < pattern.length() && pattern.charAt(p) == '-') {
        p = readUint(pattern, p + 1, r, 1);
      }
      if (r[0] > r[1]) {
        throw new IllegalArgumentException("invalid range of status codes '" + pattern + "'");
      }
      out.add(r);
      if (p == pattern.length()) {
        return out;
      }
      if (pattern.charAt(p) != ',') {
        throw new IllegalArgumentException("invalid character '" + pattern.charAt(p)
            + "' in the list of status codes");
      }
      p++;
    }
  }

  /** haproxy's read_uint: the digits at p (none reads 0), capped like its unsigned int. */
  private static int readUint(String s, int p, int[] into, int slot) {
    long v = 0;
    while (p < s.length() && Character.isDigit(s.charAt(p))) {
      v = Math.min(Integer.MAX_VALUE, v * 10 + (s.charAt(p) - '0'));
      p++;
    }
    into[slot] = (int) v;
    return p;
  }

  private static Pattern regex(String pattern) {
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex '" + pattern + "': " + e.getDescription());
    }
  }
}
