package lbchaos.proxy.acl;

import java.util.Optional;
import java.util.Set;
import lbchaos.proxy.config.Network;

/**
 * One pattern of an ACL test, read as its match method says: a string (with -i or not), a
 * regex, an integer range, or an address with a mask.
 */
public record Pattern(String text, boolean ignoreCase, java.util.regex.Pattern regex,
    Range range, Network network, String folded) {

  /** {@code folded}: the text in lower case with -i (compared per request: folded once here). */
  public Pattern(String text, boolean ignoreCase, java.util.regex.Pattern regex, Range range,
      Network network) {
    this(text, ignoreCase, regex, range, network,
        ignoreCase ? text.toLowerCase(java.util.Locale.ROOT) : text);
  }

  /** The methods haproxy knows by name (http.c); others are compared as strings. */
  static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE",
      "CONNECT", "OPTIONS", "TRACE");

  /** lo..hi inclusive; the operators eq, ge, gt, le, lt are ranges too. */
  public record Range(long lo, long hi) {
    boolean contains(long v) {
      return v >= lo && v <= hi;
    }
  }

  static Pattern string(String s, boolean icase) {
    return new Pattern(s, icase, null, null, null);
  }

  static Pattern regex(String s, boolean icase) {
    try {
      return new Pattern(s, icase, java.util.regex.Pattern.compile(s,
          icase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0), null, null);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("regex '" + s + "' is invalid: " + e.getDescription());
    }
  }

  /** "N", "lo:hi", ":hi", "lo:", after an operator or not (acl.c pat_parse_int). */
  static Pattern integer(String s, String operator) {
    long lo;
    long hi;
    try {
      if (!operator.equals("eq") && !operator.isEmpty()) {
        long v = Long.parseLong(s);
        Range r = switch (operator) {
          case "ge" -> new Range(v, Long.MAX_VALUE);
          case "gt" -> new Range(v + 1, Long.MAX_VALUE);
          case "le" -> new Range(Long.MIN_VALUE, v);
          default -> new Range(Long.MIN_VALUE, v - 1); // lt
        };
        return new Pattern(s, false, null, r, null);
      }
      int colon = s.indexOf(':');
      if (colon < 0) {
        lo = hi = Long.parseLong(s);
      } else {
        String a = s.substring(0, colon);
        String b = s.substring(colon + 1);
        lo = a.isEmpty() ? Long.MIN_VALUE : Long.parseLong(a);
        hi = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is neither a number nor a supported"
          + " operator");
    }
    return new Pattern(s, false, null, new Range(lo, hi), null);
  }

  /**
   * An integer or a range as haproxy 2.6 reads one from a pattern file, with no operator
   * (pattern.c pat_parse_int): "N"; "N:M" or "N-M"; ":M" or "-M", at most M; "N:" or "N-", at
   * least N. So "-5" in a file is at most 5, where on the line it is minus five.
   */
  static Pattern fileInteger(String s) {
    int sep = 0;
    while (sep < s.length() && s.charAt(sep) != ':' && s.charAt(sep) != '-') {
      sep++;
    }
    if (sep == s.length() && !s.isEmpty()) {
      if (!s.matches("\\d+")) {
        throw new IllegalArgumentException("'" + s + "' is not a number");
      }
      long v = Long.parseLong(s);
      return new Pattern(s, false, null, new Range(v, v), null);
    }
    String a = s.substring(0, Math.min(sep, s.length()));
    String b = sep < s.length() ? s.substring(sep + 1) : "";
    String number = "-?\\d+";
    boolean ok = sep == 0 ? b.matches(number) : b.isEmpty() ? a.matches(number)
        : a.matches(number) && b.matches(number);
    long lo = sep == 0 || !ok ? Long.MIN_VALUE : Long.parseLong(a);
    long hi = b.isEmpty() || !ok ? Long.MAX_VALUE : Long.parseLong(b);
    if (!ok || lo > hi) {
      throw new IllegalArgumentException("'" + s + "' is not a valid number range");
    }
    return new Pattern(s, false, null, new Range(lo, hi), null);
  }

  /**
   * An address with an optional mask (a length, or dotted for IPv4). Host names, which haproxy
   * resolves when it reads the file, and abbreviated IPv4 forms are refused by the caller.
   */
  static Optional<Pattern> address(String s) {
    return Network.parse(s).map(n -> new Pattern(s, false, null, null, n));
  }

  /**
   * A sample's address in the pattern's family, as pat_match_ip compares them: an IPv4 sample
   * with an IPv6 pattern as ::ffff:a.b.c.d; an IPv6 sample with an IPv4 pattern when it is
   * ::ffff:a.b.c.d, ::a.b.c.d or 2002:a.b.c.d:: (manual 7.1.6); else null.
   */
  static byte[] inFamily(byte[] sample, int bytes) {
    if (sample.length == bytes) {
      return sample;
    }
    if (sample.length == 4) {
      return Network.v4ToV6(sample);
    }
    boolean zeros = true;
    for (int i = 0; i < 10; i++) {
      zeros &= sample[i] == 0;
    }
    if (zeros && (sample[10] == (byte) 0xff && sample[11] == (byte) 0xff
        || sample[10] == 0 && sample[11] == 0)) {
      return java.util.Arrays.copyOfRange(sample, 12, 16);
    }
    if (sample[0] == 0x20 && sample[1] == 0x02) {
      return java.util.Arrays.copyOfRange(sample, 2, 6);
    }
    return null;
  }
}
