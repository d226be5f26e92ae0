package lbchaos.proxy.acl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import lbchaos.proxy.config.HaNumbers;
import lbchaos.proxy.config.StickTable;

/**
 * Reads the "acl", "http-request", "redirect" and "use_backend" lines of one proxy section into
 * {@link HttpRules}, as haproxy 2.6 reads them (acl.c parse_acl_expr, parse_acl_cond; http_act.c;
 * cfgparse-listen.c). What haproxy refuses to start on is an {@link IllegalArgumentException}
 * with its words; what haproxy runs and the agent does not is {@link Refused}.
 *
 * <p>ACL names are resolved when a condition is read: an ACL must be declared above the rule
 * that uses it, or be one of haproxy's predefined ACLs ("no such ACL" otherwise).
 */
public final class RulesBuilder {

  /** haproxy 2.6's fetch and ACL keyword names (a resource made from the manual). */
  static final Set<String> HAPROXY_FETCHES = load();

  /** Predefined ACLs (manual 7.4) the agent implements, as the criteria they stand for. */
  static final Map<String, List<String>> PREDEFINED = Map.ofEntries(
      Map.entry("TRUE", List.of("always_true")), Map.entry("FALSE", List.of("always_false")),
      Map.entry("HTTP", List.of("req.proto_http")),
      Map.entry("HTTP_1.0", List.of("req.ver", "1.0")),
      Map.entry("HTTP_1.1", List.of("req.ver", "1.1")),
      Map.entry("HTTP_2.0", List.of("req.ver", "2.0")),
      Map.entry("HTTP_CONTENT", List.of("req.hdr_val(content-length)", "gt", "0")),
      Map.entry("HTTP_URL_ABS", List.of("url_reg", "^[^/:]*://")),
      Map.entry("HTTP_URL_SLASH", List.of("url_beg", "/")),
      Map.entry("HTTP_URL_STAR", List.of("url", "*")),
      Map.entry("LOCALHOST", List.of("src", "127.0.0.1/8", "::1")),
      Map.entry("METH_CONNECT", List.of("method", "CONNECT")),
      Map.entry("METH_DELETE", List.of("method", "DELETE")),
      Map.entry("METH_GET", List.of("method", "GET", "HEAD")),
      Map.entry("METH_HEAD", List.of("method", "HEAD")),
      Map.entry("METH_OPTIONS", List.of("method", "OPTIONS")),
      Map.entry("METH_POST", List.of("method", "POST")),
      Map.entry("METH_PUT", List.of("method", "PUT")),
      Map.entry("METH_TRACE", List.of("method", "TRACE")));

  /** Predefined ACLs the agent does not implement (they read the raw buffer). */
  static final Set<String> PREDEFINED_REFUSED = Set.of("RDP_COOKIE", "REQ_CONTENT", "WAIT_END");

  /** ACL keywords that are a fetch and a match ("path_beg"), besides the fetch names. */
  private static final Map<String, Match> SUFFIXES = Map.of("_beg", Match.BEG, "_dir",
      Match.DIR, "_dom", Match.DOM, "_end", Match.END, "_len", Match.LEN, "_reg", Match.REG,
      "_sub", Match.SUB);

  /** The fetches whose keyword takes those suffixes (http_acl.c: "urlp_beg", "cook_sub"...). */
  private static final Set<String> DERIVED = Set.of("path", "url", "hdr", "base", "urlp",
      "cook", "req.cook", "shdr");

  /** haproxy 2.6's http-request actions (manual 4.2), for telling refused from unknown. */
  private static final Set<String> HAPROXY_ACTIONS = Set.of("add-acl", "add-header", "allow",
      "auth", "cache-use", "capture", "del-acl", "del-header", "del-map", "deny",
      "disable-l7-retry", "do-resolve", "early-hint", "normalize-uri", "redirect", "reject",
      "replace-header", "replace-path", "replace-pathq", "replace-uri", "replace-value",
      "return", "sc-inc-gpc", "sc-inc-gpc0", "sc-inc-gpc1", "sc-set-gpt", "sc-set-gpt0",
      "send-spoe-group", "set-dst", "set-dst-port", "set-header", "set-log-level", "set-map",
      "set-mark", "set-method", "set-nice", "set-path", "set-pathq", "set-priority-class",
      "set-priority-offset", "set-query", "set-src", "set-src-port", "set-timeout", "set-tos",
      "set-uri", "set-var", "set-var-fmt", "silent-drop", "strict-mode", "tarpit", "track-sc0",
      "track-sc1", "track-sc2", "unset-var", "use-service", "wait-for-body",
      "wait-for-handshake", "lua");

  /** Statuses a deny (or return with default-errorfiles) may give: those with a page. */
  private static final String LOG_FORMAT = "haproxy evaluates it as a log-format string;"
      + " the agent takes sample expressions (%[fetch]) in a header's value, and no log"
      + " variable (%ci...) or option (%{+Q})";

  private final Map<String, List<Test>> acls = new LinkedHashMap<>();
  private final List<HttpRules.Rule> httpRequest = new ArrayList<>();
  private final List<HttpRules.Rule> redirects = new ArrayList<>();
  private final List<HttpRules.Rule> httpResponse = new ArrayList<>();
  private final List<HttpRules.Rule> httpAfterResponse = new ArrayList<>();
  private final List<HttpRules.Switch> useBackends = new ArrayList<>();
  private int anonymous;
  /** The section's name: its own stick table's, where a rule or fetch names none. */
  private final String section;
  /** The stick tables the rules read since {@link #takeTableRefs}, each with how it is named. */
  private final List<TableRef> tableRefs = new ArrayList<>();

  /**
   * A stick table a rule names, checked once every section is read (haproxy 2.6's
   * check_trk_action and smp_resolve_args).
   *
   * @param error haproxy's words when no section has that table
   */
  public record TableRef(String table, String error) {}

  /** Where the ACLs' pattern files are read. */
  private final PatternFiles files;
  /**
   * The pattern files the rules named since {@link #takePatternFiles}: an ACL's -f, and the
   * map files of -M and of the map converters, which the agent refuses and haproxy reads.
   */
  private final List<String> patternFiles = new ArrayList<>();

  public RulesBuilder(String section) {
    this(section, PatternFiles.SYSTEM);
  }

  public RulesBuilder(String section, PatternFiles files) {
    this.section = section;
    this.files = files;
  }

  /** The pattern and map files named since the last call: the caller knows the line. */
  public List<String> takePatternFiles() {
    List<String> out = List.copyOf(patternFiles);
    patternFiles.clear();
    return out;
  }

  /** The stick tables named since the last call: the caller knows the line. */
  public List<TableRef> takeTableRefs() {
    List<TableRef> out = List.copyOf(tableRefs);
    tableRefs.clear();
    return out;
  }

  private static Set<String> load() {
    try (InputStream in = RulesBuilder.class.getResourceAsStream("haproxy-2.6-fetches.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toSet());
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("haproxy-2.6-fetches.txt missing from the agent", e);
    }
  }

  public HttpRules build() {
    Map<String, Acl> out = new LinkedHashMap<>();
    acls.forEach((name, tests) -> out.put(name, new Acl(name, tests)));
    return new HttpRules(out, httpRequest, redirects, useBackends, httpResponse,
        httpAfterResponse);
  }

  /** Whether any rule or ACL was read. */
  public boolean isEmpty() {
    return acls.isEmpty() && httpRequest.isEmpty() && redirects.isEmpty() && useBackends.isEmpty()
        && httpResponse.isEmpty() && httpAfterResponse.isEmpty();
  }

  /** "acl NAME CRITERION [flags] [operator] [values]": {@code w} from "acl". */
  public void acl(List<String> w) {
    if (w.size() < 3) {
      throw new IllegalArgumentException("'acl' expects an ACL name and a criterion");
    }
    String name = w.get(1);
    for (char c : name.toCharArray()) {
      if (!Character.isLetterOrDigit(c) && "-_.:".indexOf(c) < 0) {
        throw new IllegalArgumentException("error detected while parsing ACL '" + name
            + "' : invalid character in ACL name : '" + c + "'.");
      }
    }
    Test t;
    try {
      t = test(w.subList(2, w.size()));
    } catch (Refused r) {
      // the java stack refuses the file at this line; the rules naming the ACL are no error
      acls.computeIfAbsent(name, k -> new ArrayList<>());
      throw r;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("error detected while parsing ACL '" + name + "' : "
          + e.getMessage() + ".");
    }
    acls.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
  }

  /** A criterion with its flags and patterns (an "acl" line after the name, or "{ ... }"). */
  Test test(List<String> w) {
    Criterion c = criterion(w.getFirst(), true);
    SampleExpr expr = c.expr();
    String keyword = c.keyword();
    Match match = c.derived();
    if (match == null && expr.type() != Fetch.Type.ANY) {
      match = Match.byDefault(expr.type());
    }
    boolean icase = false;
    // patterns from files, read as the flags come: a file's take the -i and -m before it
    List<Pattern> patterns = new ArrayList<>();
    boolean loaded = false;
    int i = 1;
    for (; i < w.size() && w.get(i).startsWith("-"); i++) {
      String flag = w.get(i);
      switch (flag) {
        case "-i" -> icase = true;
        case "-n" -> { }
        case "--" -> { }
        case "-m" -> {
          if (loaded) {
            throw new IllegalArgumentException("'-m' must only be specified before patterns and"
                + " files in parsing ACL expression");
          }
          if (i + 1 >= w.size()) {
            throw new IllegalArgumentException("missing matching method");
          }
          String m = w.get(++i);
          Optional<Match> mm = Match.named(m);
          if (mm.isEmpty()) {
            if (m.equals("bin")) {
              throw new Refused("acl -m bin", "haproxy then matches hex bytes; the agent"
                  + " matches strings");
            }
            throw new IllegalArgumentException("unknown matching method '" + m + "' when"
                + " parsing ACL expression");
          }
          if (!mm.get().accepts(expr.type())) {
            throw new IllegalArgumentException("matching method '" + m + "' cannot be used with"
                + " fetch keyword '" + keyword + "'");
          }
          match = mm.get();
        }
        case "-f" -> {
          if (match == null) {
            throw new IllegalArgumentException("matching method must be specified first (using"
                + " '-m') when using a sample fetch of this type ('" + keyword + "')");
          }
          String file = i + 1 < w.size() ? w.get(++i) : "";
          patternFiles.add(file);
          String text;
          try {
            text = files.read(file);
          } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("failed to open pattern file <" + file + ">");
          }
          loaded = true;
          for (var line : PatternFiles.patterns(text)) {
            try {
              Pattern p = match.integers() ? Pattern.fileInteger(line.getValue())
                  : pattern(line.getValue(), match, icase, "");
              if (p != null) {
                patterns.add(p);
              }
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(e.getMessage() + " at line " + line.getKey()
                  + " of file '" + file + "'", e);
            } catch (Refused r) {
              throw new Refused(r.what() + " (line " + line.getKey() + " of file '" + file
                  + "')", r.why());
            }
          }
        }
        case "-M" -> {
          if (i + 2 < w.size() && w.get(i + 1).equals("-f")) {
            patternFiles.add(w.get(i + 2)); // refused, but named: haproxy reads it where it runs
          }
          throw new Refused("acl -M", "haproxy then loads a pattern file as a map; the agent"
              + " does not");
        }
        case "-u" -> throw new Refused("acl -u", "haproxy then names the patterns for the"
            + " runtime API; the agent does not");
        default -> {
          if (flag.matches("-\\d.*") && match != null && match.integers()) {
            // a negative number is a value, not a flag
            break;
          }
          throw new IllegalArgumentException("'" + flag + "' is not a valid ACL option. Please"
              + " use '--' before any pattern beginning with a '-'");
        }
      }
      if (flag.equals("--") || flag.matches("-\\d.*") && match != null && match.integers()) {
        break;
      }
    }
    if (i < w.size() && w.get(i).equals("--")) {
      i++;
    }
    if (match == null) {
      throw new IllegalArgumentException("matching method must be specified first (using '-m')"
          + " when using a sample fetch of this type ('" + keyword + "')");
    }
    String operator = "";
    for (; i < w.size(); i++) {
      String v = w.get(i);
      if (match.integers() && Set.of("eq", "ge", "gt", "le", "lt").contains(v)) {
        operator = v; // on the line only: a file's "gt" is no number
      } else {
        Pattern p = pattern(v, match, icase, operator);
        if (p != null) {
          patterns.add(p);
        }
      }
    }
    if (expr.type() == Fetch.Type.METH && match == Match.METH) {
      // haproxy reads a method pattern by name: a known one matches whatever -i says
      patterns = patterns.stream().map(p -> Pattern.string(p.text(), p.ignoreCase())).toList();
    }
    return new Test(w.getFirst(), expr, match, patterns);
  }

  /**
   * One pattern as {@code match} reads it, integers after {@code operator} (empty: a value or a
   * range); null where haproxy ignores patterns (found, bool).
   */
  private static Pattern pattern(String v, Match match, boolean icase, String operator) {
    return switch (match) {
      case STR, BEG, END, SUB, DIR, DOM, METH -> Pattern.string(v, icase);
      case REG -> Pattern.regex(v, icase);
      case INT, LEN -> Pattern.integer(v, operator);
      case IP -> Pattern.address(v).orElseThrow(() -> new Refused("acl address " + v,
          "haproxy then reads it as a host name to resolve or an abbreviated IPv4 address; the"
          + " agent takes dotted quads and IPv6 literals with a mask"));
      case FOUND, BOOL -> null; // haproxy ignores patterns there
    };
  }

  /**
   * A sample expression as written in an ACL ({@code acl}: its _beg/_end/... forms too) or in a
   * log-format value ("%[...]"): its fetch's keyword, the expression and, for a derived ACL
   * keyword, its match.
   */
  private record Criterion(String keyword, SampleExpr expr, Match derived) {}

  private Criterion criterion(String criterion, boolean acl) {
    String kind = acl ? "ACL keyword" : "fetch method";
    // the fetch's arguments are in parentheses before any ',' (which starts its converters)
    int paren = criterion.indexOf('(');
    int comma = criterion.indexOf(',');
    boolean hasArgs = paren >= 0 && (comma < 0 || paren < comma);
    String keyword = hasArgs ? criterion.substring(0, paren)
        : comma < 0 ? criterion : criterion.substring(0, comma);
    int close = hasArgs ? criterion.indexOf(')', paren) : -1;
    if (hasArgs && close < 0) {
      throw new IllegalArgumentException(kind + " '" + keyword + "' : missing closing ')'"
          + " after arguments");
    }
    String rest = criterion.substring(hasArgs ? close + 1 : keyword.length());
    List<String> args = !hasArgs ? List.of()
        : List.of(criterion.substring(paren + 1, close).split(",", -1));
    if (args.size() == 1 && args.getFirst().isEmpty()) {
      args = List.of();
    }
    Optional<Criterion> stick = stickCounter(keyword, args, rest, acl ? "acl" : "sample", kind);
    if (stick.isPresent()) {
      return stick.get();
    }
    Optional<Fetch> fetch = Fetch.named(keyword);
    Match match = null;
    if (fetch.isEmpty() && acl) {
      for (var s : SUFFIXES.entrySet()) {
        String base = keyword.endsWith(s.getKey())
            ? keyword.substring(0, keyword.length() - s.getKey().length()) : null;
        if (base != null && DERIVED.contains(base)) {
          fetch = Fetch.named(base);
          match = s.getValue();
        }
      }
    }
    String where = acl ? "acl" : "sample";
    if (fetch.isEmpty()) {
      if (HAPROXY_FETCHES.contains(keyword)) {
        throw new Refused(where + " criterion " + keyword, "haproxy then takes that sample;"
            + " the agent implements path, url, query, base, url_param/urlp, urlp_val, hdr,"
            + " req.fhdr, hdr_cnt, hdr_val, hdr_ip, req.cook/cook, cook_cnt, cook_val, method,"
            + " src, src_port, dst, dst_port, ssl_fc, req.ver, var, always_true/false, status,"
            + " res.hdr, res.fhdr, res.hdr_cnt, res.hdr_val, res.ver"
            + (acl ? " and their _beg/_end/... forms" : ""));
      }
      throw new IllegalArgumentException("unknown fetch method '" + keyword + "' in "
          + (acl ? "ACL" : "sample") + " expression '" + criterion + "'");
    }
    Fetch f = fetch.get();
    if (f.maxArgs() == 0 && !args.isEmpty()) {
      throw new IllegalArgumentException(kind + " '" + keyword + "' takes no argument");
    }
    if (args.size() > f.maxArgs()) {
      throw new IllegalArgumentException(kind + " '" + keyword + "' : too many arguments");
    }
    if (args.size() == 2 && (f == Fetch.HDR_CNT || f == Fetch.RES_HDR_CNT
        || f.takesOccurrence() && !args.get(1).matches("-?\\d+"))) {
      throw new IllegalArgumentException(kind + " '" + keyword + "' : invalid occurrence '"
          + args.get(1) + "'");
    }
    return new Criterion(keyword, new SampleExpr(f, args, converters(rest, where)), match);
  }

  private static final java.util.regex.Pattern STICK_FETCH =
      java.util.regex.Pattern.compile("(sc_|sc([0-2])_|src_)(\\w+)");

  /**
   * A stick counter fetch the agent implements: sc_DATA(N[,TABLE]), scN_DATA([TABLE]) and
   * src_DATA([TABLE]) for the data {@link StickTable.Data} names, sc_tracked(N[,TABLE]) and
   * scN_tracked([TABLE]); as a {@link Fetch#STICK} or {@link Fetch#STICK_TRACKED} expression
   * whose arguments are the counter ("0".."2", or "src"), the table ("" for the counter's own)
   * and the data. src_*'s table is the section's own when none is given.
   */
  private Optional<Criterion> stickCounter(String keyword, List<String> args, String rest,
      String where, String kind) {
    java.util.regex.Matcher m = STICK_FETCH.matcher(keyword);
    if (!m.matches()) {
      return Optional.empty();
    }
    String form = m.group(2) != null ? "scN_" : m.group(1);
    String data = m.group(3);
    boolean tracked = data.equals("tracked");
    if (tracked ? form.equals("src_") : StickTable.Data.named(data).isEmpty()) {
      return Optional.empty(); // another sc/src fetch: refused or unknown below
    }
    int max = form.equals("sc_") ? 2 : 1;
    if (form.equals("sc_") && args.isEmpty()) {
      throw new IllegalArgumentException(kind + " '" + keyword + "' : expects at least 1"
          + " argument(s)");
    }
    if (args.size() > max) {
      throw new IllegalArgumentException(kind + " '" + keyword + "' : too many arguments");
    }
    String who = switch (form) {
      case "sc_" -> {
        if (!args.getFirst().matches("\\d{1,9}")) {
          throw new IllegalArgumentException(kind + " '" + keyword + "' : failed to parse '"
              + args.getFirst() + "' as type 'signed integer' at position 1");
        }
        yield args.getFirst();
      }
      case "scN_" -> m.group(2);
      default -> "src";
    };
    int tableAt = form.equals("sc_") ? 1 : 0;
    String table = args.size() > tableAt ? args.get(tableAt) : "";
    if (table.isEmpty() && who.equals("src")) {
      table = section;
    }
    if (!table.isEmpty()) {
      tableRefs.add(new TableRef(table, "unable to find table '" + table + "' referenced in arg "
          + (tableAt + 1) + " of sample fetch keyword '" + keyword + "'"));
    }
    return Optional.of(new Criterion(keyword, new SampleExpr(tracked ? Fetch.STICK_TRACKED
        : Fetch.STICK, List.of(who, table, data), converters(rest, where)), null));
  }

  /** haproxy 2.6's converters (sample.c and others), for telling refused from unknown. */
  private static final Set<String> HAPROXY_CONVERTERS = Set.of("add", "aes_gcm_dec", "and",
      "b64dec", "base64", "be2dec", "be2hex", "bool", "bytes", "concat", "cpl", "crc32",
      "crc32c", "cut_crlf", "da-csv-conv", "debug", "digest", "div", "djb2", "even", "field",
      "hex", "hex2i", "hmac", "htonl", "http_date", "in_table", "ipmask", "json", "json_query",
      "language", "length", "lower", "ltime", "ltrim", "map", "map_beg", "map_dir", "map_dom",
      "map_end", "map_int", "map_ip", "map_reg", "map_regm", "map_str", "map_sub", "mod",
      "mqtt_field_value", "mqtt_is_valid", "ms_ltime", "ms_utime", "mul", "nbsrv", "neg",
      "not", "odd", "or", "protobuf", "regsub", "rtrim", "sdbm", "secure_memcmp", "set-var",
      "sha1", "sha2", "strcmp", "sub", "table_bytes_in_rate", "table_conn_cnt", "table_gpc0",
      "table_http_req_cnt", "table_server_id", "table_trackers", "ub64dec", "ub64enc", "ungrpc",
      "unset-var", "upper", "url_dec", "us_ltime", "us_utime", "utime", "word", "wt6",
      "x509_v_err_str", "xor", "xxh3", "xxh32", "xxh64");

  private static final Map<String, Converter.Kind> CONVERTERS = Map.ofEntries(
      Map.entry("lower", Converter.Kind.LOWER), Map.entry("upper", Converter.Kind.UPPER),
      Map.entry("length", Converter.Kind.LENGTH), Map.entry("field", Converter.Kind.FIELD),
      Map.entry("word", Converter.Kind.WORD), Map.entry("regsub", Converter.Kind.REGSUB),
      Map.entry("ltrim", Converter.Kind.LTRIM), Map.entry("rtrim", Converter.Kind.RTRIM),
      Map.entry("ipmask", Converter.Kind.IPMASK), Map.entry("add", Converter.Kind.ADD),
      Map.entry("sub", Converter.Kind.SUB), Map.entry("mul", Converter.Kind.MUL),
      Map.entry("div", Converter.Kind.DIV), Map.entry("mod", Converter.Kind.MOD),
      Map.entry("neg", Converter.Kind.NEG), Map.entry("bool", Converter.Kind.BOOL),
      Map.entry("not", Converter.Kind.NOT));

  /** The converters after a fetch: ",name" or ",name(args)" each. */
  private List<Converter> converters(String rest, String where) {
    List<Converter> out = new ArrayList<>();
    int i = 0;
    while (i < rest.length()) {
      if (rest.charAt(i) != ',') {
        throw new IllegalArgumentException("missing comma after the sample expression's '"
            + rest.substring(0, i) + "'");
      }
      int paren = rest.indexOf('(', i);
      int comma = rest.indexOf(',', i + 1);
      boolean hasArgs = paren >= 0 && (comma < 0 || paren < comma);
      int nameEnd = hasArgs ? paren : comma < 0 ? rest.length() : comma;
      String name = rest.substring(i + 1, nameEnd);
      int close = hasArgs ? rest.indexOf(')', paren) : -1;
      if (hasArgs && close < 0) {
        throw new IllegalArgumentException("syntax error: missing ')' after converter '" + name
            + "'");
      }
      List<String> args = hasArgs ? List.of(rest.substring(paren + 1, close).split(",", -1))
          : List.of();
      i = hasArgs ? close + 1 : nameEnd;
      out.add(converter(name, args, where));
    }
    return out;
  }

  private Converter converter(String name, List<String> args, String where) {
    Converter.Kind k = CONVERTERS.get(name);
    if (k == null) {
      if (name.startsWith("map") && !args.isEmpty() && HAPROXY_CONVERTERS.contains(name)) {
        // refused below, but named: haproxy reads the file where it runs
        patternFiles.add(args.getFirst());
      }
      if (HAPROXY_CONVERTERS.contains(name)) {
        throw new Refused(where + " converter " + name, "haproxy then converts the sample;"
            + " the agent implements lower, upper, length, field, word, regsub, ltrim, rtrim,"
            + " ipmask, add, sub, mul, div, mod, neg, bool and not");
      }
      throw new IllegalArgumentException("unknown converter '" + name + "'");
    }
    int[] arity = k.arity();
    if (args.size() < arity[0] || args.size() > arity[1]) {
      throw new IllegalArgumentException("converter '" + name + "' expects "
          + (arity[0] == arity[1] ? arity[0] : arity[0] + " to " + arity[1]) + " argument(s)");
    }
    java.util.regex.Pattern regex = null;
    boolean global = false;
    try {
      switch (k) {
        case FIELD, WORD -> {
          if (Integer.parseInt(args.get(0)) == 0) {
            throw new IllegalArgumentException("Unexpected value 0 for index");
          }
          if (args.get(1).isEmpty()) {
            throw new IllegalArgumentException("Empty separators list");
          }
          if (args.size() > 2) {
            Integer.parseInt(args.get(2));
          }
        }
        case REGSUB -> {
          String flags = args.size() > 2 ? args.get(2) : "";
          if (!flags.matches("[ig]*")) {
            throw new IllegalArgumentException("invalid regex flag, only 'i' and 'g' are"
                + " supported");
          }
          global = flags.contains("g");
          regex = java.util.regex.Pattern.compile(args.get(0),
              flags.contains("i") ? java.util.regex.Pattern.CASE_INSENSITIVE : 0);
        }
        case IPMASK -> {
          Converter.mask(args.get(0), false);
          if (args.size() > 1) {
            Converter.mask(args.get(1), true);
          }
        }
        case ADD, SUB, MUL, DIV, MOD -> {
          if (!args.getFirst().matches("-?\\d+")) {
            throw new Refused(where + " converter " + name + "(" + args.getFirst() + ")",
                "haproxy then reads a variable's value; the agent takes integers");
          }
          Long.parseLong(args.getFirst());
        }
        default -> { }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("converter '" + name + "' : invalid integer argument");
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("converter 'regsub' : failed to parse the regex : "
          + e.getDescription());
    }
    return new Converter(k, args, regex, global);
  }

  /**
   * A condition: {@code w} from "if" or "unless". Named ACLs must be declared above, or be
   * predefined; "{ ... }" is an anonymous ACL.
   */
  public Condition condition(List<String> w) {
    if (w.isEmpty() || !w.getFirst().equals("if") && !w.getFirst().equals("unless")) {
      throw new IllegalArgumentException("conditions must start with either 'if' or 'unless'");
    }
    boolean unless = w.getFirst().equals("unless");
    List<List<Condition.Term>> suites = new ArrayList<>();
    List<Condition.Term> suite = new ArrayList<>();
    boolean neg = false;
    for (int i = 1; i < w.size(); i++) {
      String word = w.get(i);
      while (word.startsWith("!")) {
        neg = !neg;
        word = word.substring(1);
      }
      if (word.isEmpty()) {
        continue;
      }
      if (word.equalsIgnoreCase("or") || word.equals("||")) {
        if (!suite.isEmpty()) {
          suites.add(suite);
        }
        suite = new ArrayList<>();
        neg = false;
        continue;
      }
      String name;
      if (word.equals("{")) {
        int end = w.subList(i + 1, w.size()).indexOf("}");
        if (end < 0) {
          throw new IllegalArgumentException("missing closing '}' in condition");
        }
        end += i + 1;
        if (end == i + 1) {
          throw new IllegalArgumentException("missing ACL expression between braces");
        }
        name = "{anonymous#" + ++anonymous + "}";
        acls.put(name, new ArrayList<>(List.of(test(w.subList(i + 1, end)))));
        i = end;
      } else {
        name = word;
        if (!acls.containsKey(name)) {
          if (PREDEFINED_REFUSED.contains(name)) {
            throw new Refused("predefined ACL " + name, "it reads the request buffer or waits;"
                + " the agent has neither");
          }
          List<String> def = PREDEFINED.get(name);
          if (def == null) {
            throw new IllegalArgumentException("no such ACL : '" + name + "'");
          }
          acls.put(name, new ArrayList<>(List.of(test(def))));
        }
      }
      suite.add(new Condition.Term(name, neg));
      neg = false;
    }
    if (!suite.isEmpty()) {
      suites.add(suite);
    }
    return new Condition(unless, suites);
  }

  /** The condition at {@code w[i]} and after, if any. */
  private Optional<Condition> conditionFrom(List<String> w, int i) {
    return i >= w.size() ? Optional.empty() : Optional.of(condition(w.subList(i, w.size())));
  }

  private static int condStart(List<String> w, int from) {
    for (int i = from; i < w.size(); i++) {
      if (w.get(i).equals("if") || w.get(i).equals("unless")) {
        return i;
      }
    }
    return w.size();
  }

  /** "use_backend NAME [if|unless COND]": {@code w} from "use_backend". */
  public void useBackend(List<String> w, int line) {
    String b = w.get(1);
    if (w.size() > 2 && !w.get(2).equals("if") && !w.get(2).equals("unless")) {
      throw new IllegalArgumentException("'use_backend' requires either 'if' or 'unless'"
          + " followed by a condition");
    }
    // haproxy reads a name with a '%' as a log-format (cfgparse-listen.c)
    Optional<HeaderValue> dynamic = b.contains("%")
        ? Optional.of(headerValue(b, "use_backend", Fetch.Side.REQUEST)) : Optional.empty();
    useBackends.add(new HttpRules.Switch(b, conditionFrom(w, 2), line, dynamic));
  }

  /**
   * A rule's action as written ("set-var(txn.a)"), its name alone ("set-var"), its arguments
   * and where its condition starts in {@code w}.
   */
  private record ActionLine(String action, String bare, List<String> args, int cond) {
    static ActionLine of(String rule, List<String> w) {
      if (w.size() < 2) {
        throw new IllegalArgumentException("'" + rule + "' expects an action");
      }
      int cond = condStart(w, 2);
      return new ActionLine(w.get(1), w.get(1).replaceFirst("\\(.*", ""), w.subList(2, cond),
          cond);
    }
  }

  /** "http-request ACTION ... [if|unless COND]": {@code w} from "http-request". */
  public void httpRequest(List<String> w, int line) {
    ActionLine l = ActionLine.of("http-request", w);
    String action = l.action();
    List<String> args = l.args();
    HttpAction a = switch (action) {
      case "deny" -> deny("http-request", args, 403);
      case "allow" -> {
        noArgs("http-request", action, args);
        yield new HttpAction.Allow();
      }
      case "return" -> new HttpAction.Return(reply("http-request", "return", args, 200));
      case "track-sc0", "track-sc1", "track-sc2" -> track(action, args);
      case "redirect" -> redirect(args, "http-request redirect");
      case "set-header", "add-header", "del-header", "replace-header", "replace-value" ->
          headerAction("http-request", action, args, Fetch.Side.REQUEST);
      case "set-method", "set-path", "set-pathq", "set-query", "set-uri" -> {
        if (args.size() != 1 || args.getFirst().isEmpty()) {
          throw new IllegalArgumentException("'http-request " + action + "' expects exactly 1"
              + " argument <format>");
        }
        yield new HttpAction.SetLine(LINE_PARTS.get(action),
            headerValue(args.getFirst(), "http-request " + action, Fetch.Side.REQUEST));
      }
      case "replace-path", "replace-pathq", "replace-uri" -> {
        if (args.size() != 2) {
          throw new IllegalArgumentException("'http-request " + action + "' expects exactly 2"
              + " arguments <match-regex> and <replace-format>");
        }
        yield new HttpAction.ReplaceLine(LINE_PARTS.get(action), regex(args.get(0)),
            replacement(args.get(1), "http-request " + action, Fetch.Side.REQUEST));
      }
      case "wait-for-body" -> waitForBody(args);
      default -> otherAction("http-request", l, Fetch.Side.REQUEST, HAPROXY_ACTIONS,
          "haproxy then runs that action; the agent implements deny, allow, return, redirect,"
              + " set-header, add-header, del-header, replace-header, replace-value,"
              + " set-method, set-path, set-pathq, set-query, set-uri, replace-path,"
              + " replace-pathq, replace-uri and wait-for-body",
          "'add-acl', 'add-header', 'allow', 'auth', 'deny', 'redirect', 'return',"
              + " 'set-header', 'del-header', ...");
    };
    httpRequest.add(new HttpRules.Rule(a, conditionFrom(w, l.cond()), line));
  }

  /** haproxy 2.6's http-response actions (manual 4.2), for telling refused from unknown. */
  private static final Set<String> HAPROXY_RESPONSE_ACTIONS = Set.of("add-acl", "add-header",
      "allow", "cache-store", "capture", "del-acl", "del-header", "del-map", "deny",
      "redirect", "replace-header", "replace-value", "return", "sc-inc-gpc", "sc-inc-gpc0",
      "sc-inc-gpc1", "sc-set-gpt", "sc-set-gpt0", "send-spoe-group", "set-header",
      "set-log-level", "set-map", "set-mark", "set-nice", "set-status", "set-tos", "set-var",
      "set-var-fmt", "silent-drop", "strict-mode", "track-sc0", "track-sc1", "track-sc2",
      "unset-var", "wait-for-body", "lua");

  /**
   * "http-response ACTION [args] [if|unless COND]": the header actions, as on a request, on the
   * server's answer; {@code w} from "http-response".
   */
  public void httpResponse(List<String> w, int line) {
    ActionLine l = ActionLine.of("http-response", w);
    String action = l.action();
    List<String> args = l.args();
    HttpAction a = switch (action) {
      case "deny" -> deny("http-response", args, 502);
      case "return" -> new HttpAction.Return(reply("http-response", "return", args, 200));
      case "redirect" -> redirect(args, "http-response redirect");
      default -> answerEdit("http-response", action, args).orElseGet(() -> otherAction(
          "http-response", l, Fetch.Side.RESPONSE, HAPROXY_RESPONSE_ACTIONS, "haproxy then runs"
              + " that action on the answer; the agent implements set-header, add-header,"
              + " del-header, replace-header, replace-value, set-status, deny, return, redirect"
              + " and allow there",
          "'add-acl', 'add-header', 'allow', 'deny', 'del-header', 'set-header', ..."));
    };
    httpResponse.add(new HttpRules.Rule(a, conditionFrom(w, l.cond()), line));
  }

  /** haproxy 2.6's http-after-response actions (http_act.c), for telling refused from unknown. */
  private static final Set<String> HAPROXY_AFTER_RESPONSE_ACTIONS = Set.of("add-header", "allow",
      "capture", "del-header", "replace-header", "replace-value", "set-header", "set-status",
      "strict-mode");

  /**
   * "http-after-response ACTION [args] [if|unless COND]": the header actions and set-status on
   * every answer the client gets, the server's and the proxy's own; {@code w} from
   * "http-after-response".
   */
  public void httpAfterResponse(List<String> w, int line) {
    ActionLine l = ActionLine.of("http-after-response", w);
    String action = l.action();
    List<String> args = l.args();
    HttpAction a = answerEdit("http-after-response", action, args).orElseGet(() -> otherAction(
        "http-after-response", l, Fetch.Side.RESPONSE, HAPROXY_AFTER_RESPONSE_ACTIONS,
        "haproxy then runs that action on the answer; the agent implements set-header,"
            + " add-header, del-header, replace-header, replace-value, set-status and allow"
            + " there",
        "'ot-group', 'add-header', 'allow', 'capture', 'del-header', 'replace-header',"
            + " 'replace-value', 'set-header', 'set-status', 'strict-mode', 'set-var-fmt(*)',"
            + " 'set-var(*)', 'unset-var(*)',"));
    httpAfterResponse.add(new HttpRules.Rule(a, conditionFrom(w, l.cond()), line));
  }

  /**
   * The actions {@code rule} (http-response or http-after-response) takes to edit an answer:
   * the header actions, set-status and allow; empty for any other.
   */
  private Optional<HttpAction> answerEdit(String rule, String action, List<String> args) {
    return Optional.ofNullable(switch (action) {
      case "set-header", "add-header", "del-header", "replace-header", "replace-value" ->
          headerAction(rule, action, args, Fetch.Side.RESPONSE);
      case "set-status" -> setStatus(rule, args);
      case "allow" -> {
        noArgs(rule, action, args);
        yield new HttpAction.Allow();
      }
      default -> null;
    });
  }

  /** "set-status N [reason R]" (http_act.c parse_http_set_status); errors in its words. */
  private static HttpAction setStatus(String rule, List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("'" + rule + " set-status' expects 1 argument:"
          + " <status>; or 3 arguments: <status> reason <fmt>");
    }
    int status = args.getFirst().matches("[+-]?\\d{1,9}") ? Integer.parseInt(args.getFirst())
        : -1;
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("'" + rule + " set-status' expects an integer status"
          + " code between 100 and 999");
    }
    String reason = null;
    int next = 1;
    if (args.size() > 2 && args.get(1).equals("reason")) {
      reason = args.get(2);
      next = 3;
    }
    if (args.size() > next) {
      throw new IllegalArgumentException("'" + rule + " set-status' expects either 'if' or"
          + " 'unless' followed by a condition but found '" + args.get(next) + "'");
    }
    return new HttpAction.SetStatus(status, reason != null ? reason : Answer.reason(status));
  }

  private static final Set<String> VAR_ACTIONS = Set.of("set-var", "set-var-fmt", "unset-var");

  /**
   * An action of {@code rule} the switch above it does not name: a variable's, else refused when
   * haproxy has it ({@code haproxyActions}, lua.*), else unknown.
   */
  private HttpAction otherAction(String rule, ActionLine l, Fetch.Side phase,
      Set<String> haproxyActions, String refusal, String expected) {
    if (VAR_ACTIONS.contains(l.bare())) {
      return varAction(rule, l.action(), l.args(), phase);
    }
    if (haproxyActions.contains(l.bare()) || l.bare().startsWith("lua.")) {
      throw new Refused(rule + " " + l.bare(), refusal);
    }
    throw new IllegalArgumentException("'" + rule + "' expects " + expected + " but got '"
        + l.action() + "'");
  }

  /**
   * set-var(NAME) EXPR, set-var-fmt(NAME) FMT or unset-var(NAME) of {@code rule}: NAME a scope
   * (sess: the client's connection; txn: the request and its answer; req, res: the one) and a
   * name of letters, digits, '.' and '_'; the process scope is refused.
   */
  private HttpAction varAction(String rule, String action, List<String> args,
      Fetch.Side phase) {
    String where = rule + " " + action;
    int paren = action.indexOf('(');
    if (paren < 0 || !action.endsWith(")")) {
      throw new IllegalArgumentException("'" + rule + " " + action.replaceFirst("\\(.*", "")
          + "' expects a variable name between parentheses");
    }
    String bare = action.substring(0, paren);
    String name = variable(action.substring(paren + 1, action.length() - 1), where);
    return switch (bare) {
      case "unset-var" -> {
        noArgs(rule, bare, args);
        yield new HttpAction.SetVar(name, null, null);
      }
      case "set-var-fmt" -> {
        if (args.size() != 1) {
          throw new IllegalArgumentException("'" + where + "' expects exactly 1 argument");
        }
        yield new HttpAction.SetVar(name, null, headerValue(args.getFirst(), where, phase));
      }
      default -> {
        if (args.size() != 1) {
          throw new IllegalArgumentException("'" + where + "' expects a sample expression");
        }
        SampleExpr expr = criterion(args.getFirst(), false).expr();
        sideOf(expr, args.getFirst(), phase);
        yield new HttpAction.SetVar(name, expr, null);
      }
    };
  }

  /** A variable's name as vars.c reads it: "scope.name". */
  private static String variable(String name, String where) {
    int dot = name.indexOf('.');
    String scope = dot < 0 ? "" : name.substring(0, dot);
    if (scope.equals("proc")) {
      throw new Refused(where, "haproxy then keeps the variable for the whole process, across"
          + " connections; the agent keeps sess, txn, req and res variables");
    }
    if (!Set.of("sess", "txn", "req", "res").contains(scope)
        || !name.substring(dot + 1).matches("[A-Za-z0-9._]+")) {
      throw new IllegalArgumentException("invalid variable name '" + name + "': a scope among"
          + " 'proc', 'sess', 'txn', 'req' and 'res', a dot, and letters, digits, '.' or '_'");
    }
    return name;
  }

  /** set-header, add-header, del-header, replace-header or replace-value of {@code rule}. */
  private HttpAction headerAction(String rule, String action, List<String> args,
      Fetch.Side phase) {
    String where = rule + " " + action;
    return switch (action) {
      case "set-header", "add-header" -> {
        if (args.size() != 2) {
          throw new IllegalArgumentException("'" + where + "' expects exactly 2 arguments.");
        }
        HeaderValue v = headerValue(args.get(1), where, phase);
        yield action.equals("set-header") ? new HttpAction.SetHeader(args.get(0), v)
            : new HttpAction.AddHeader(args.get(0), v);
      }
      case "del-header" -> delHeader(args);
      default -> {
        if (args.size() != 3) {
          throw new IllegalArgumentException("'" + where + "' expects exactly 3 arguments");
        }
        yield new HttpAction.ReplaceHeader(args.get(0), regex(args.get(1)),
            replacement(args.get(2), where, phase), action.equals("replace-value"));
      }
    };
  }

  /** "wait-for-body time T [at-least N]", as http_act.c parse_http_wait_for_body reads it. */
  private static HttpAction waitForBody(List<String> args) {
    String usage = "'http-request wait-for-body' expects time <time> [ at-least <bytes> ]";
    java.time.Duration time = null;
    long bytes = 0;
    for (int i = 0; i < args.size(); i += 2) {
      String k = args.get(i);
      if (!k.equals("time") && !k.equals("at-least")) {
        throw new IllegalArgumentException(usage + ", got '" + k + "'");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("'http-request wait-for-body': missing argument for '"
            + k + "'");
      }
      if (k.equals("time")) {
        time = lbchaos.proxy.config.HaTime.parse(args.get(i + 1));
      } else {
        bytes = size(args.get(i + 1));
      }
    }
    if (time == null) {
      throw new IllegalArgumentException(usage);
    }
    return new HttpAction.WaitForBody(time, bytes);
  }

  /** haproxy's size format: a number with an optional k, m or g (times 1024 each). */
  private static long size(String v) {
    return HaNumbers.size(v).orElseThrow(() -> new IllegalArgumentException("'http-request"
        + " wait-for-body': invalid size '" + v + "' (a number with an optional k, m or g)"));
  }

  /** The section-level "redirect" rule: {@code w} from "redirect". */
  public void redirect(List<String> w, int line) {
    int cond = condStart(w, 1);
    HttpAction a = redirect(w.subList(1, cond), "redirect");
    redirects.add(new HttpRules.Rule(a, conditionFrom(w, cond), line));
  }

  private static void noArgs(String rule, String action, List<String> args) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("'" + rule + " " + action + "' expects no argument");
    }
  }

  /** The part of the line each set-* and replace-* action rewrites. */
  private static final Map<String, RequestLine.Part> LINE_PARTS = Map.of(
      "set-method", RequestLine.Part.METHOD, "set-path", RequestLine.Part.PATH,
      "set-pathq", RequestLine.Part.PATHQ, "set-query", RequestLine.Part.QUERY,
      "set-uri", RequestLine.Part.URI, "replace-path", RequestLine.Part.PATH,
      "replace-pathq", RequestLine.Part.PATHQ, "replace-uri", RequestLine.Part.URI);

  /** A replace-* action's regex, case-sensitive as haproxy compiles it. */
  private static java.util.regex.Pattern regex(String re) {
    try {
      return java.util.regex.Pattern.compile(re);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("failed to parse the regex : " + e.getDescription());
    }
  }

  /** A replacement: a log-format value, then "\N" for a group ({@link RequestLine#expand}). */
  private HeaderValue replacement(String fmt, String where, Fetch.Side phase) {
    if (fmt.endsWith("\\") && !fmt.endsWith("\\\\")) {
      throw new Refused(where + " " + fmt, "haproxy fails such a rewrite at each request (a"
          + " replacement may not end with a backslash); the agent does not run it");
    }
    return headerValue(fmt, where, phase);
  }

  /** haproxy's error for a sample of the other message than the rule's. */
  private static void sideOf(SampleExpr expr, String written, Fetch.Side phase) {
    Fetch.Side side = expr.fetch().side();
    if (side != Fetch.Side.ANY && side != phase) {
      throw new IllegalArgumentException("sample fetch <" + written + "> may not be reliably"
          + " used here because it needs 'HTTP " + (side == Fetch.Side.REQUEST
          ? "request headers" : "response") + "' which is not available here");
    }
  }

  /**
   * A log-format value as haproxy's parse_logformat_string reads it: text, "%%", and sample
   * expressions "%[...]" (a fetch without converters); a log variable ("%ci") or options
   * ("%{+Q}") are refused.
   */
  private HeaderValue headerValue(String value, String where, Fetch.Side phase) {
    List<HeaderValue.Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
      if (c != '%') {
        text.append(c);
      } else if (next == '%') {
        text.append('%');
        i++;
      } else if (next == '[') {
        int close = value.indexOf(']', i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("failed to parse log-format '" + value + "' :"
              + " missing ']' after a sample expression");
        }
        if (!text.isEmpty()) {
          parts.add(new HeaderValue.Text(text.toString()));
          text.setLength(0);
        }
        SampleExpr expr = criterion(value.substring(i + 2, close), false).expr();
        sideOf(expr, value.substring(i + 2, close), phase);
        parts.add(new HeaderValue.Sampled(expr));
        i = close;
      } else {
        throw new Refused(where + " " + value, LOG_FORMAT);
      }
    }
    if (!text.isEmpty() || parts.isEmpty()) {
      parts.add(new HeaderValue.Text(text.toString()));
    }
    return new HeaderValue(parts);
  }

  private static void literal(String value, String where) {
    if (value.contains("%")) {
      throw new Refused(where + " " + value, LOG_FORMAT);
    }
  }

  /**
   * "track-scN EXPR [table NAME]" (http_act.c parse_http_track_sc): the request counted in the
   * entry of EXPR's sample in the table (the section's own by default), held by counter N.
   */
  private HttpAction track(String action, List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("'http-request " + action + "' : missing fetch method");
    }
    SampleExpr key = criterion(args.getFirst(), false).expr();
    sideOf(key, args.getFirst(), Fetch.Side.REQUEST);
    String table = section;
    if (args.size() > 1) {
      if (!args.get(1).equals("table")) {
        throw new IllegalArgumentException("'http-request " + action + "' expects either 'if'"
            + " or 'unless' followed by a condition but found '" + args.get(1) + "'");
      }
      if (args.size() < 3 || args.get(2).isEmpty()) {
        throw new IllegalArgumentException("'http-request " + action + "' : missing table name");
      }
      if (args.size() > 3) {
        throw new IllegalArgumentException("'http-request " + action + "' expects either 'if'"
            + " or 'unless' followed by a condition but found '" + args.get(3) + "'");
      }
      table = args.get(2);
    }
    int slot = action.charAt(action.length() - 1) - '0';
    tableRefs.add(new TableRef(table, "unable to find table '" + table + "' referenced by "
        + action));
    return new HttpAction.Track(slot, key, table);
  }

  /**
   * deny's words (http_act.c parse_http_deny): none, or "deny_status N" alone, give haproxy's
   * page for the status (403 by default); any other words are a reply's, deny_status read as
   * status ("deny status 403" answers an empty 403, not the page: 2.6.12 side by side).
   */
  private HttpAction deny(String rule, List<String> args, int status) {
    if (args.isEmpty()) {
      return new HttpAction.Deny(new Reply(status, new Reply.Page(), null, List.of()));
    }
    List<String> words = new ArrayList<>(args);
    if (words.getFirst().equals("deny_status")) {
      if (words.size() == 2) {
        words.add("default-errorfiles");
      }
      words.set(0, "status");
    }
    return new HttpAction.Deny(reply(rule, "deny", words, status));
  }

  /**
   * A reply's words (http_htx.c http_parse_http_reply), errors in haproxy's words: status,
   * content-type, one payload (string, lf-string, default-errorfiles; a file or an errorfile is
   * refused: the harness does not ship the user's files), and hdr NAME FMT headers.
   */
  private Reply reply(String rule, String action, List<String> args, int status) {
    String where = rule + " " + action;
    Fetch.Side side = rule.equals("http-request") ? Fetch.Side.REQUEST : Fetch.Side.RESPONSE;
    String type = null;
    String payloadWord = null;
    Reply.Payload payload = new Reply.Empty();
    List<Reply.Header> headers = new ArrayList<>();
    int i = 0;
    for (; i < args.size(); i++) {
      String k = args.get(i);
      switch (k) {
        case "status" -> {
          status = (int) HaNumbers.atol(value(args, i++, k, "<status_code>"));
          if (status < 200 || status > 599) {
            throw new IllegalArgumentException("Unexpected status code '" + status + "'");
          }
        }
        case "content-type" -> type = value(args, i++, k, "<ctype>");
        case "string", "lf-string", "default-errorfiles" -> {
          if (payloadWord != null) {
            throw new IllegalArgumentException("unexpected '" + k + "' argument, '"
                + payloadWord + "' already defined");
          }
          payloadWord = k;
          payload = k.equals("default-errorfiles") ? new Reply.Page()
              : new Reply.Body(k.equals("string") ? HeaderValue.literal(value(args, i++, k,
              "<str>")) : headerValue(value(args, i++, k, "<fmt>"), where + " lf-string",
              side));
        }
        case "hdr" -> {
          if (i + 2 >= args.size() || args.get(i + 1).isEmpty() || args.get(i + 2).isEmpty()) {
            throw new IllegalArgumentException("'hdr' expects <name> and <value> as arguments");
          }
          String name = args.get(++i);
          String v = args.get(++i);
          if (!name.equalsIgnoreCase("content-length")
              && !name.equalsIgnoreCase("transfer-encoding")
              && !name.equalsIgnoreCase("content-type")) { // haproxy warns and ignores these
            headers.add(new Reply.Header(name.toLowerCase(java.util.Locale.ROOT),
                headerValue(v, where + " hdr", side)));
          }
        }
        case "errorfile", "errorfiles", "file", "lf-file" -> throw new Refused(where + " " + k,
            "haproxy then answers with that file's content; the agent implements status,"
            + " content-type, string, lf-string, default-errorfiles and hdr");
        default -> throw new IllegalArgumentException("'" + where + "' expects either 'if' or"
            + " 'unless' followed by a condition but found '" + k + "'");
      }
    }
    switch (payload) {
      case Reply.Page p -> {
        if (!Answer.PAGES.containsKey(status)) {
          throw new IllegalArgumentException("status code '" + status + "' not handled by"
              + " default with 'default-errorfiles' argument.");
        }
        return new Reply(status, p, null, List.of()); // haproxy: content-type, hdr ignored
      }
      case Reply.Body b -> {
        if (status == 204 || status == 304) {
          throw new IllegalArgumentException("No body expected for " + status + " responses");
        }
        if (type == null) {
          throw new IllegalArgumentException(payloadWord.equals("string")
              ? "a content type must be defined when non-empty payload is configured"
              : "a content type must be defined with a log-format payload");
        }
      }
      case Reply.Empty e -> type = null; // haproxy: ignored without a payload
    }
    return new Reply(status, payload, type, headers);
  }

  private static String value(List<String> args, int i, String k) {
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException("'" + k + "' expects an argument");
    }
    return args.get(i + 1);
  }

  private static String value(List<String> args, int i, String k, String what) {
    if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
      throw new IllegalArgumentException("'" + k + "' expects " + what + " as argument");
    }
    return args.get(i + 1);
  }


  private HttpAction redirect(List<String> args, String where) {
    HttpAction.Redirect.Kind kind = null;
    String value = null;
    int code = 302;
    boolean drop = false;
    boolean slash = false;
    for (int i = 0; i < args.size(); i++) {
      String k = args.get(i);
      switch (k) {
        case "location", "prefix", "scheme" -> {
          kind = HttpAction.Redirect.Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT));
          value = value(args, i++, k);
        }
        case "code" -> {
          String c = value(args, i++, k);
          code = switch (c) {
            case "301", "302", "303", "307", "308" -> Integer.parseInt(c);
            default -> throw new IllegalArgumentException("'" + where + "': unsupported HTTP"
                + " code '" + c + "' (must be one of 301, 302, 303, 307 or 308)");
          };
        }
        case "drop-query" -> drop = true;
        case "append-slash" -> slash = true;
        case "set-cookie", "clear-cookie", "ignore-empty" -> throw new Refused(where + " " + k,
            "haproxy then sets a cookie or skips an empty location; the agent implements"
                + " location, prefix, scheme, code, drop-query and append-slash");
        default -> throw new IllegalArgumentException("'" + where + "' expects 'code',"
            + " 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query',"
            + " 'ignore-empty' or 'append-slash' (was '" + k + "')");
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException("'" + where + "' expects either 'prefix', 'location'"
          + " or 'scheme' followed by the redirection");
    }
    boolean response = where.startsWith("http-response");
    if (response && kind != HttpAction.Redirect.Kind.LOCATION) {
      throw new IllegalArgumentException("'" + where + "': response only supports redirect"
          + " type 'location'.");
    }
    HeaderValue v = where.startsWith("http-") && !(kind == HttpAction.Redirect.Kind.PREFIX
        && value.equals("/")) ? headerValue(value, where + " " + kind.name().toLowerCase(
            java.util.Locale.ROOT), response ? Fetch.Side.RESPONSE : Fetch.Side.REQUEST)
        : HeaderValue.literal(value);
    return new HttpAction.Redirect(kind, v, code, drop, slash);
  }

  private static HttpAction delHeader(List<String> args) {
    if (args.size() == 1) {
      return new HttpAction.DelHeader(args.getFirst(), Match.STR);
    }
    if (args.size() == 3 && args.get(1).equals("-m")) {
      Match m = switch (args.get(2)) {
        case "str" -> Match.STR;
        case "beg" -> Match.BEG;
        case "end" -> Match.END;
        case "sub" -> Match.SUB;
        case "reg" -> Match.REG;
        default -> throw new IllegalArgumentException("'http-request del-header': unsupported"
            + " matching method '" + args.get(2) + "'");
      };
      return new HttpAction.DelHeader(args.getFirst(), m);
    }
    throw new IllegalArgumentException("'http-request del-header' expects exactly 1 argument or"
        + " 3 with '-m'");
  }
}
