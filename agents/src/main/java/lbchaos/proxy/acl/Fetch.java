package lbchaos.proxy.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample fetches the agent implements (haproxy 2.6 manual 7.3.3 to 7.3.6), each with its
 * output type, which picks the default match ({@link Match#byDefault}). A sample is a String,
 * Long, Boolean or {@link java.net.InetAddress}; a fetch gives none when the request has no
 * such thing (no query string, no such header), and an ACL on it then fails.
 */
public enum Fetch {
  PATH(Type.STR), URL(Type.STR), QUERY(Type.STR), HDR(Type.STR), FHDR(Type.STR),
  HDR_CNT(Type.INT), HDR_VAL(Type.INT), METHOD(Type.METH), SRC(Type.IP), SSL_FC(Type.BOOL),
  REQ_VER(Type.STR), ALWAYS_TRUE(Type.BOOL), ALWAYS_FALSE(Type.BOOL), PROTO_HTTP(Type.BOOL);

  /** What a fetch returns (manual 7.1's table of default matches). */
  public enum Type { STR, INT, IP, BOOL, METH }

  private final Type type;

  Fetch(Type type) {
    this.type = type;
  }

  public Type type() {
    return type;
  }

  /** The fetch keywords as written in haproxy.cfg, with their deprecated aliases. */
  static final Map<String, Fetch> NAMES = Map.ofEntries(Map.entry("path", PATH),
      Map.entry("url", URL), Map.entry("query", QUERY), Map.entry("hdr", HDR),
      Map.entry("req.hdr", HDR), Map.entry("req.fhdr", FHDR), Map.entry("req.hdr_cnt", HDR_CNT),
      Map.entry("hdr_cnt", HDR_CNT), Map.entry("req.hdr_val", HDR_VAL),
      Map.entry("hdr_val", HDR_VAL), Map.entry("method", METHOD), Map.entry("src", SRC),
      Map.entry("ssl_fc", SSL_FC), Map.entry("req.ver", REQ_VER), Map.entry("req_ver", REQ_VER),
      Map.entry("always_true", ALWAYS_TRUE), Map.entry("always_false", ALWAYS_FALSE),
      Map.entry("req.proto_http", PROTO_HTTP));

  /** Whether the fetch needs an argument (haproxy: "missing args"), takes one, or none. */
  boolean takesArgs() {
    return this == HDR || this == FHDR || this == HDR_CNT || this == HDR_VAL;
  }

  /**
   * The samples of {@code r}: several for a header that occurs more than once (an ACL tries
   * each), none when absent.
   *
   * @param args the fetch's arguments: a header name, and for hdr, req.fhdr and hdr_val an
   *     occurrence (1 the first, -1 the last)
   */
  List<Object> samples(Request r, List<String> args) {
    return switch (this) {
      case PATH -> r.path().<List<Object>>map(List::of).orElse(List.of());
      case URL -> List.of(r.uri());
      case QUERY -> r.query().<List<Object>>map(List::of).orElse(List.of());
      case HDR -> occurrence(args.isEmpty() ? allValues(r, true) : r.values(args.getFirst()), args);
      case FHDR -> occurrence(args.isEmpty() ? allValues(r, false)
          : r.fullValues(args.getFirst()), args);
      case HDR_CNT -> List.of((long) (args.isEmpty() ? allValues(r, true)
          : r.values(args.getFirst())).size());
      case HDR_VAL -> occurrence(args.isEmpty() ? allValues(r, true)
          : r.values(args.getFirst()), args).stream().map(v -> (Object) leadingLong((String) v))
          .toList();
      case METHOD -> List.of(r.method());
      case SRC -> List.of(r.src());
      case SSL_FC -> List.of(r.ssl());
      case REQ_VER -> List.of(r.version());
      case ALWAYS_TRUE, PROTO_HTTP -> List.of(true);
      case ALWAYS_FALSE -> List.of(false);
    };
  }

  private static List<String> allValues(Request r, boolean split) {
    List<String> out = new ArrayList<>();
    for (var h : r.headers()) {
      if (split) {
        for (String part : h.getValue().split(",", -1)) {
          out.add(part.strip());
        }
      } else {
        out.add(h.getValue());
      }
    }
    return out;
  }

  private static List<Object> occurrence(List<String> values, List<String> args) {
    if (args.size() < 2) {
      return List.copyOf(values);
    }
    int occ = Integer.parseInt(args.get(1));
    int i = occ > 0 ? occ - 1 : values.size() + occ;
    return i >= 0 && i < values.size() && occ != 0 ? List.of(values.get(i)) : List.of();
  }

  /** As strtoll in haproxy's str-to-int cast: leading sign and digits, 0 when none. */
  static long leadingLong(String s) {
    int i = 0;
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      neg = s.charAt(i++) == '-';
    }
    long v = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Long.MAX_VALUE / 10) {
      v = v * 10 + (s.charAt(i++) - '0');
    }
    return neg ? -v : v;
  }

  /** The fetch for a keyword, without its arguments. */
  static Optional<Fetch> named(String keyword) {
    return Optional.ofNullable(NAMES.get(keyword));
  }
}
