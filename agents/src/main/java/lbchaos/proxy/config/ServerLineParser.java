package lbchaos.proxy.config;

import java.util.List;
import java.util.Set;
import lbchaos.proxy.config.HaproxyKeywordSupport.Where;

/** Parses the options of "server" and "default-server" lines and address words. */
final class ServerLineParser {

  /** The keywords {@link #apply} reads; the others are {@link HaproxyKeywordSupport}'s. */
  private static final Set<String> IMPLEMENTED = Set.of("check", "no-check", "backup",
      "no-backup", "disabled", "enabled", "inter", "fastinter", "downinter", "fall", "rise",
      "weight", "maxconn", "port", "error-limit", "on-error", "observe", "ssl", "no-ssl",
      "check-ssl", "no-check-ssl", "verify", "ca-file", "check-sni");

  /** "sni str(NAME)": a fixed SNI, the one sample expression the agent evaluates. */
  private static final java.util.regex.Pattern STR =
      java.util.regex.Pattern.compile("str\\(([^()]+)\\)");

  private ServerLineParser() {}

  /**
   * Applies words[from..] to {@code o}. A keyword the agent does not implement is warned or
   * refused and its arguments skipped, an unknown one is an error; either way the rest of the
   * line is read.
   *
   * @param context how an error names the line: "'server a'", "'default-server'"
   * @param http the section is in mode http when the line is read (haproxy looks then)
   */
  static void apply(ServerOptions o, List<String> w, int from, Findings findings,
      String context, boolean http) {
    int i = from;
    while (i < w.size()) {
      String k = w.get(i);
      switch (k) {
        case "check" -> o.check = true;
        case "no-check" -> o.check = false;
        case "backup" -> o.backup = true;
        case "no-backup" -> o.backup = false;
        case "disabled" -> o.disabled = true;
        case "enabled" -> o.disabled = false;
        case "inter" -> o.inter = java.util.Optional.of(HaTime.parse(arg(w, i++, k)));
        case "fastinter" -> o.fastinter = java.util.Optional.of(HaTime.parse(arg(w, i++, k)));
        case "downinter" -> o.downinter = java.util.Optional.of(HaTime.parse(arg(w, i++, k)));
        case "fall" -> o.fall = positive(arg(w, i++, k), k);
        case "rise" -> o.rise = positive(arg(w, i++, k), k);
        case "weight" -> o.weight = number(arg(w, i++, k), k, 0, 256);
        case "maxconn" -> o.maxconn = number(arg(w, i++, k), k, 0, Integer.MAX_VALUE);
        case "port" -> o.checkPort = java.util.Optional.of(number(arg(w, i++, k), k, 1, 65535));
        case "error-limit" -> o.errorLimit = positive(arg(w, i++, k), k);
        case "on-error" -> {
          String v = arg(w, i++, k);
          o.onError = OnError.of(v).orElseThrow(() -> new IllegalArgumentException(
              "'on-error' expects fastinter, fail-check, sudden-death or mark-down, got '" + v + "'"));
        }
        case "ssl" -> o.ssl = true;
        case "no-ssl" -> o.ssl = false;
        case "check-ssl" -> o.checkSsl = true;
        case "no-check-ssl" -> o.checkSsl = false;
        case "verify" -> {
          String v = arg(w, i++, k);
          switch (v) {
            case "none" -> o.verify = false;
            case "required" -> o.verify = true;
            default -> throw new IllegalArgumentException("'verify' : unknown verify method '"
                + v + "', only 'none' and 'required' are supported");
          }
          o.verifyGiven = true;
        }
        case "ca-file" -> o.caFile = java.util.Optional.of(arg(w, i++, k));
        case "check-sni" -> o.checkSni = java.util.Optional.of(arg(w, i++, k));
        case "sni" -> {
          String v = arg(w, i, k);
          java.util.regex.Matcher m = STR.matcher(v);
          if (m.matches()) {
            o.sni = java.util.Optional.of(m.group(1));
            i++;
          } else {
            i = findings.option(Where.SERVER, w, i, context, IMPLEMENTED::contains) - 1;
          }
        }
        case "observe" -> {
          String v = arg(w, i++, k);
          switch (v) {
            case "none" -> o.observe = Observe.Layer.NONE;
            case "layer4" -> o.observe = Observe.Layer.LAYER4;
            // server.c srv_parse_observe: an alert without ERR_FATAL, so haproxy starts and the
            // server keeps what it had (none, or default-server's).
            case "layer7" -> {
              if (http) {
                o.observe = Observe.Layer.LAYER7;
              } else {
                findings.warn(context + ": 'layer7' can only be used in http proxies; haproxy"
                    + " 2.6 warns and ignores it, so does the agent");
              }
            }
            default -> throw new IllegalArgumentException(
                "'observe' expects one of 'none', 'layer4', 'layer7' but got '" + v + "'");
          }
        }
        default -> i = findings.option(Where.SERVER, w, i, context, IMPLEMENTED::contains) - 1;
      }
      i++;
    }
  }

  /** "host:port", "[v6]:port" or "ipv4@host:port"; the port is required. */
  static String[] hostPort(String word, boolean allowWildcard) {
    String s = word.startsWith("ipv4@") || word.startsWith("ipv6@") ? word.substring(5) : word;
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address '" + word + "' has no port (port-less"
          + " servers that reuse the client's destination port are not supported)");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!allowWildcard && (host.isEmpty() || host.equals("*"))) {
      throw new IllegalArgumentException("address '" + word + "' has no host");
    }
    String port = s.substring(colon + 1);
    if (port.contains("-")) {
      throw new IllegalArgumentException("port ranges are not supported: '" + word + "'");
    }
    return new String[] {host, Integer.toString(number(port, "port", 1, 65535))};
  }

  static String arg(List<String> w, int i, String keyword) {
    if (i + 1 >= w.size()) {
      throw new IllegalArgumentException("'" + keyword + "' expects an argument");
    }
    return w.get(i + 1);
  }

  static int positive(String v, String keyword) {
    return number(v, keyword, 1, Integer.MAX_VALUE);
  }

  static int number(String v, String keyword, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + keyword + "' expects an integer, got '" + v + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException("'" + keyword + "' " + n + " out of range " + min + ".."
          + (max == Integer.MAX_VALUE ? "" : max));
    }
    return n;
  }
}
