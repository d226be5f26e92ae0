package lbchaos.proxy.config;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Parses the options of "server" and "default-server" lines and address words. */
final class ServerLineParser {

  /** Server keywords we accept but do not implement, with how many arguments they take. */
  private static final Map<String, Integer> IGNORED = Map.ofEntries(
      Map.entry("addr", 1), Map.entry("id", 1), Map.entry("minconn", 1),
      Map.entry("maxqueue", 1), Map.entry("slowstart", 1), Map.entry("cookie", 1),
      Map.entry("source", 1), Map.entry("sni", 1), Map.entry("ca-file", 1), Map.entry("crt", 1),
      Map.entry("resolvers", 1), Map.entry("resolve-prefer", 1), Map.entry("init-addr", 1),
      Map.entry("agent-port", 1), Map.entry("agent-inter", 1), Map.entry("on-marked-down", 1),
      Map.entry("on-marked-up", 1), Map.entry("track", 1), Map.entry("check-sni", 1),
      Map.entry("proto", 1), Map.entry("alpn", 1), Map.entry("verify", 1),
      Map.entry("pool-max-conn", 1), Map.entry("pool-purge-delay", 1), Map.entry("ws", 1),
      Map.entry("max-reuse", 1), Map.entry("ssl", 0), Map.entry("check-ssl", 0),
      Map.entry("send-proxy", 0), Map.entry("send-proxy-v2", 0), Map.entry("agent-check", 0),
      Map.entry("no-ssl", 0), Map.entry("non-stick", 0), Map.entry("tfo", 0),
      Map.entry("check-send-proxy", 0));

  private ServerLineParser() {}

  /** Applies words[from..] to {@code o}; warns about ignored and unknown keywords. */
  static void apply(ServerOptions o, List<String> w, int from, Consumer<String> warn) {
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
        case "observe" -> {
          String v = arg(w, i++, k);
          switch (v) {
            case "layer4" -> o.observeLayer4 = true;
            case "layer7" -> {
              o.observeLayer4 = true;
              warn.accept("'observe layer7' is treated as 'observe layer4' (connection errors only)");
            }
            default -> throw new IllegalArgumentException(
                "'observe' expects layer4 or layer7, got '" + v + "'");
          }
        }
        default -> {
          Integer skip = IGNORED.get(k);
          if (skip == null) {
            warn.accept("unknown server keyword '" + k + "', rest of the line ignored");
            return;
          }
          warn.accept("server keyword '" + k + "' is not supported and is ignored");
          i += skip;
        }
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
