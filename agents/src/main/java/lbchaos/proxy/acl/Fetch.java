package lbchaos.proxy.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.config.Network;
import lbchaos.proxy.config.StickTable;
import lbchaos.proxy.stick.Table;
import lbchaos.proxy.stick.Tracking;

/**
 * The sample fetches the agent implements (haproxy 2.6 manual 7.3.3 to 7.3.6), each with its
 * output type, which picks the default match ({@link Match#byDefault}). A sample is a String,
 * Long, Boolean or {@link java.net.InetAddress}; a fetch gives none when the request has no
 * such thing (no query string, no such header), and an ACL on it then fails.
 */
public enum Fetch {
  PATH(Type.STR), URL(Type.STR), QUERY(Type.STR), BASE(Type.STR), URL_PARAM(Type.STR),
  URLP_VAL(Type.INT), HDR(Type.STR), FHDR(Type.STR), HDR_CNT(Type.INT), HDR_VAL(Type.INT),
  COOK(Type.STR), COOK_CNT(Type.INT), COOK_VAL(Type.INT), METHOD(Type.METH), SRC(Type.IP),
  SRC_PORT(Type.INT), DST(Type.IP), DST_PORT(Type.INT), SSL_FC(Type.BOOL), REQ_VER(Type.STR),
  ALWAYS_TRUE(Type.BOOL), ALWAYS_FALSE(Type.BOOL), PROTO_HTTP(Type.BOOL), HDR_IP(Type.IP),
  VAR(Type.ANY), STATUS(Type.INT), RES_HDR(Type.STR), RES_FHDR(Type.STR),
  RES_HDR_CNT(Type.INT), RES_HDR_VAL(Type.INT), RES_VER(Type.STR), STICK(Type.INT),
  STICK_TRACKED(Type.BOOL);

  /** Which message a fetch reads: the request, the answer (http-response rules), or neither. */
  public enum Side { REQUEST, RESPONSE, ANY }

  /** haproxy: a fetch of the other message is an error in a value, never matches in an ACL. */
  public Side side() {
    return switch (this) {
      case STATUS, RES_HDR, RES_FHDR, RES_HDR_CNT, RES_HDR_VAL, RES_VER -> Side.RESPONSE;
      case METHOD, SRC, SRC_PORT, DST, DST_PORT, SSL_FC, ALWAYS_TRUE, ALWAYS_FALSE, VAR, STICK,
          STICK_TRACKED -> Side.ANY;
      default -> Side.REQUEST;
    };
  }

  /** What a fetch returns (manual 7.1's table of default matches). */
  public enum Type { STR, INT, IP, BOOL, METH, ANY }

  private final Type type;

  Fetch(Type type) {
    this.type = type;
  }

  public Type type() {
    return type;
  }

  /** The fetch keywords as written in haproxy.cfg, with their deprecated aliases. */
  static final Map<String, Fetch> NAMES = Map.ofEntries(Map.entry("path", PATH),
      Map.entry("url", URL), Map.entry("query", QUERY), Map.entry("base", BASE),
      Map.entry("url_param", URL_PARAM), Map.entry("urlp", URL_PARAM),
      Map.entry("urlp_val", URLP_VAL), Map.entry("req.cook", COOK), Map.entry("cook", COOK),
      Map.entry("req.cook_cnt", COOK_CNT), Map.entry("cook_cnt", COOK_CNT),
      Map.entry("req.cook_val", COOK_VAL), Map.entry("cook_val", COOK_VAL),
      Map.entry("src_port", SRC_PORT), Map.entry("dst", DST), Map.entry("dst_port", DST_PORT),
      Map.entry("hdr", HDR), Map.entry("req.hdr", HDR), Map.entry("req.fhdr", FHDR),
      Map.entry("req.hdr_cnt", HDR_CNT),
      Map.entry("hdr_cnt", HDR_CNT), Map.entry("req.hdr_val", HDR_VAL),
      Map.entry("hdr_val", HDR_VAL), Map.entry("method", METHOD), Map.entry("src", SRC),
      Map.entry("ssl_fc", SSL_FC), Map.entry("req.ver", REQ_VER), Map.entry("req_ver", REQ_VER),
      Map.entry("always_true", ALWAYS_TRUE), Map.entry("always_false", ALWAYS_FALSE),
      Map.entry("req.proto_http", PROTO_HTTP), Map.entry("hdr_ip", HDR_IP),
      Map.entry("req.hdr_ip", HDR_IP), Map.entry("var", VAR), Map.entry("status", STATUS),
      Map.entry("res.hdr", RES_HDR), Map.entry("shdr", RES_HDR), Map.entry("res.fhdr", RES_FHDR),
      Map.entry("res.hdr_cnt", RES_HDR_CNT), Map.entry("shdr_cnt", RES_HDR_CNT),
      Map.entry("res.hdr_val", RES_HDR_VAL), Map.entry("shdr_val", RES_HDR_VAL),
      Map.entry("res.ver", RES_VER), Map.entry("resp_ver", RES_VER));

  /**
   * How many arguments the fetch takes, none required (haproxy 2.6's ARG1/ARG2 with no mandatory
   * one): a header's name and its occurrence; a URL parameter's name and the character its list
   * starts after; a cookie's name.
   */
  int maxArgs() {
    return switch (this) {
      case HDR, FHDR, HDR_CNT, HDR_VAL, HDR_IP, URL_PARAM, URLP_VAL, RES_HDR, RES_FHDR,
          RES_HDR_CNT, RES_HDR_VAL, VAR -> 2;
      case COOK, COOK_CNT, COOK_VAL -> 1;
      default -> 0;
    };
  }

  /** Whether a second argument is a header's occurrence (an integer). */
  boolean takesOccurrence() {
    return this == HDR || this == FHDR || this == HDR_VAL || this == HDR_IP || this == RES_HDR
        || this == RES_FHDR || this == RES_HDR_VAL;
  }

  /**
   * The samples of {@code r}: several for a header that occurs more than once (an ACL tries
   * each), none when absent.
   *
   * @param args the fetch's arguments: a header name, and for hdr, req.fhdr and hdr_val an
   *     occurrence (1 the first, -1 the last)
   */
  List<Object> samples(Request r, List<String> args) {
    if (side() != Side.ANY && (side() == Side.RESPONSE) != r.response().isPresent()) {
      return List.of(); // the other message's: not there
    }
    return switch (this) {
      case STATUS -> List.of((long) r.response().get().status());
      case RES_VER -> List.of(r.response().get().version());
      case RES_HDR, RES_FHDR, RES_HDR_CNT, RES_HDR_VAL -> onRequestSide().samples(
          new Request(r.method(), r.uri(), r.version(), r.response().get().headers(), r.src(),
              r.dst(), r.ssl()).withTracking(r.tracking()), args);
      case VAR -> Optional.ofNullable(r.vars().get(args.getFirst()))
          .or(() -> args.size() > 1 ? Optional.of(args.get(1)) : Optional.empty())
          .<List<Object>>map(List::of).orElse(List.of());
      case PATH -> r.path().<List<Object>>map(List::of).orElse(List.of());
      case URL -> List.of(r.uri());
      case QUERY -> r.query().<List<Object>>map(List::of).orElse(List.of());
      case BASE -> base(r).<List<Object>>map(List::of).orElse(List.of());
      case URL_PARAM -> List.copyOf(urlParams(r, args));
      case URLP_VAL -> urlParams(r, args).stream().map(v -> (Object) strl2ic(v)).toList();
      case COOK -> List.copyOf(cookies(r, args));
      case COOK_CNT -> List.of((long) cookies(r, args).size());
      case COOK_VAL -> cookies(r, args).stream().map(v -> (Object) strl2ic(v)).toList();
      case HDR -> occurrence(args.isEmpty() ? allValues(r, true) : r.values(args.getFirst()), args);
      case FHDR -> occurrence(args.isEmpty() ? allValues(r, false)
          : r.fullValues(args.getFirst()), args);
      case HDR_CNT -> List.of((long) (args.isEmpty() ? allValues(r, true)
          : r.values(args.getFirst())).size());
      case HDR_VAL -> occurrence(args.isEmpty() ? allValues(r, true)
          : r.values(args.getFirst()), args).stream().map(v -> (Object) strl2ic((String) v))
          .toList();
      case HDR_IP -> HDR.samples(r, args).stream().flatMap(v -> address((String) v).stream())
          .map(a -> (Object) a).toList();
      case METHOD -> List.of(r.method());
      case SRC -> List.of(r.src().getAddress());
      case SRC_PORT -> List.of((long) r.src().getPort());
      case DST -> List.of(r.dst().getAddress());
      case DST_PORT -> List.of((long) r.dst().getPort());
      case SSL_FC -> List.of(r.ssl());
      case REQ_VER -> List.of(r.version());
      case STICK -> stick(r, args).<List<Object>>map(List::of).orElse(List.of());
      case STICK_TRACKED -> List.of(!args.getFirst().equals("src")
          && r.tracking().tracks(Integer.parseInt(args.getFirst())));
      case ALWAYS_TRUE, PROTO_HTTP -> List.of(true);
      case ALWAYS_FALSE -> List.of(false);
    };
  }

  /**
   * A stick counter's value (args: the counter "0".."2" or "src", the table or "" for the
   * counter's own, the data): see {@link Tracking#counter}; src_*'s key is the client's address.
   */
  private static Optional<Long> stick(Request r, List<String> args) {
    Optional<Table> table = args.get(1).isEmpty() ? Optional.empty()
        : r.tracking().table(args.get(1));
    StickTable.Data d = StickTable.Data.named(args.get(2)).orElseThrow();
    if (args.getFirst().equals("src")) {
      return table.flatMap(t -> StickKey.of(r.src().getAddress(), t.config())
          .flatMap(k -> Tracking.counter(t, k, d)));
    }
    return r.tracking().counter(Integer.parseInt(args.getFirst()), table, d);
  }

  /**
   * The one sample of {@code r} outside an ACL (a sample expression, "%[...]"), as 2.6.12 gave
   * it side by side: a header's last value (hdr, req.fhdr, hdr_val, when no occurrence is
   * given), a named cookie's last, a URL parameter's first, the first cookie when none is named.
   */
  Optional<Object> sample(Request r, List<String> args) {
    if (this == HDR_IP) {
      // the last value, when it is an address: an earlier one does not stand in for it
      return HDR.sample(r, args).flatMap(v -> address((String) v)).map(a -> a);
    }
    List<Object> all = samples(r, args);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    boolean last = switch (this) {
      case HDR, FHDR, HDR_VAL, HDR_IP, RES_HDR, RES_FHDR, RES_HDR_VAL -> true;
      case COOK, COOK_VAL -> !args.isEmpty();
      default -> false;
    };
    return Optional.of(last ? all.getLast() : all.getFirst());
  }

  /**
   * A header value as hdr_ip reads it (http_fetch.c smp_fetch_hdr_ip): an IPv4 address, with a
   * ":port" after it or not, or an IPv6 one; anything else is no address.
   */
  static Optional<java.net.InetAddress> address(String v) {
    int colon = v.indexOf(':');
    if (colon > 0 && v.indexOf(':', colon + 1) < 0 && v.substring(colon + 1).matches("\\d{1,5}")
        && Integer.parseInt(v.substring(colon + 1)) <= 65535) {
      return Network.literal(v.substring(0, colon))
          .filter(a -> a instanceof java.net.Inet4Address);
    }
    return Network.literal(v);
  }

  /** A response header fetch's request twin, read on the answer's headers. */
  private Fetch onRequestSide() {
    return switch (this) {
      case RES_HDR -> HDR;
      case RES_FHDR -> FHDR;
      case RES_HDR_CNT -> HDR_CNT;
      case RES_HDR_VAL -> HDR_VAL;
      default -> throw new IllegalStateException(name());
    };
  }

  private static List<String> allValues(Request r, boolean split) {
    List<String> out = new ArrayList<>();
    for (var h : r.headers()) {
      if (split) {
        out.addAll(Commas.values(h.getValue()));
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

  /**
   * haproxy's base: the first value of Host then the path, or the path alone without a Host (or
   * with an empty one).
   */
  private static Optional<String> base(Request r) {
    List<String> host = r.values("host");
    if (host.isEmpty() || host.getFirst().isEmpty()) {
      return r.path();
    }
    return Optional.of(host.getFirst() + r.path().filter(p -> p.startsWith("/")).orElse(""));
  }

  private static List<String> urlParams(Request r, List<String> args) {
    String name = args.isEmpty() ? "" : args.getFirst();
    char delim = args.size() < 2 || args.get(1).isEmpty() ? '?' : args.get(1).charAt(0);
    return UrlParams.values(r.uri(), name, delim);
  }

  private static List<String> cookies(Request r, List<String> args) {
    return Cookies.values(r.fullValues("cookie"), args.isEmpty() ? "" : args.getFirst());
  }

  /**
   * A string's integer as haproxy's strl2ic reads it (the _val fetches): an optional '-' then
   * digits, up to the first character above '9', in 32 bits. A character below '0' counts as a
   * negative digit there ("+5" is -45), and so it does here.
   */
  static long strl2ic(String s) {
    int i = 0;
    boolean negative = !s.isEmpty() && s.charAt(0) == '-';
    for (int k = negative ? 1 : 0; k < s.length(); k++) {
      int digit = s.charAt(k) - '0';
      if (digit > 9) {
        break;
      }
      i = negative ? i * 10 - digit : i * 10 + digit;
    }
    return i;
  }

  /** The fetch for a keyword, without its arguments. */
  static Optional<Fetch> named(String keyword) {
    return Optional.ofNullable(NAMES.get(keyword));
  }
}
