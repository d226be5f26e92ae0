package lbchaos.proxy.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

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

  /** An IPv4 or IPv6 network; an IPv4 sample is compared to an IPv6 pattern as ::ffff:a.b.c.d. */
  public record Network(byte[] address, int bits) {
    boolean contains(InetAddress a) {
      byte[] s = a.getAddress();
      byte[] p = address;
      if (s.length != p.length) {
        s = s.length == 4 ? mapped(s) : unmapped(s);
        if (s == null || s.length != p.length) {
          return false;
        }
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((s[bit / 8] & mask) != (p[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    private static byte[] mapped(byte[] v4) {
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xff;
      v6[11] = (byte) 0xff;
      System.arraycopy(v4, 0, v6, 12, 4);
      return v6;
    }

    /** ::ffff:a.b.c.d, ::a.b.c.d and 2002:a.b.c.d:: to a.b.c.d (manual 7.1.6); else null. */
    private static byte[] unmapped(byte[] v6) {
      boolean zeros = true;
      for (int i = 0; i < 10; i++) {
        zeros &= v6[i] == 0;
      }
      if (zeros && (v6[10] == (byte) 0xff && v6[11] == (byte) 0xff || v6[10] == 0 && v6[11] == 0)) {
        return java.util.Arrays.copyOfRange(v6, 12, 16);
      }
      if (v6[0] == 0x20 && v6[1] == 0x02) {
        return java.util.Arrays.copyOfRange(v6, 2, 6);
      }
      return null;
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
   * An address with an optional mask (bits, or dotted for IPv4). Host names, which haproxy
   * resolves when it reads the file, and abbreviated IPv4 forms are refused by the caller.
   */
  static Optional<Pattern> address(String s) {
    int slash = s.indexOf('/');
    String a = slash < 0 ? s : s.substring(0, slash);
    Optional<InetAddress> ip = literal(a);
    if (ip.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = ip.get().getAddress();
    int max = bytes.length * 8;
    int bits = max;
    if (slash >= 0) {
      String m = s.substring(slash + 1);
      if (m.contains(".") && bytes.length == 4) {
        Optional<InetAddress> mask = literal(m);
        if (mask.isEmpty()) {
          return Optional.empty();
        }
        bits = Integer.bitCount(java.nio.ByteBuffer.wrap(mask.get().getAddress()).getInt());
      } else {
        try {
          bits = Integer.parseInt(m);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        if (bits < 0 || bits > max) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new Pattern(s, false, null, null, new Network(bytes, bits)));
  }

  /** A dotted-quad IPv4 or an IPv6 literal, never a name (no DNS). */
  static Optional<InetAddress> literal(String s) {
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    if (v4) {
      for (String octet : s.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
