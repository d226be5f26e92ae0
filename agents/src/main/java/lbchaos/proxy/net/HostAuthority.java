package lbchaos.proxy.net;

import java.util.List;
import java.util.Locale;

/**
 * What haproxy 2.6's h1 parser demands of a request's Host (h1.c, since 2.6.0: "Reject requests
 * with different occurrences of the header host", "... if the authority does not match the header
 * host"), as 2.6.12 answers side by side in the node image: every Host line must carry the same
 * value (case aside; a repeated one is dropped), and a target with an authority (an absolute URI
 * with a scheme, or a CONNECT's host:port) must name the first Host, case aside, each compared
 * without userinfo and without the scheme's default port (80 for http, 443 for https, either for
 * CONNECT) or an empty one ("a:"). Else the request is haproxy's 400. A target without an
 * authority ("/x", "//b/x", "*") or a request without Host is not compared. haproxy 3.0 also
 * refuses a Host with characters an authority may not hold (a comma among them): 2.6 does not.
 *
 * <p>What goes on: an http or https target loses a default or empty port, and then Host says
 * the target's host (its case too: "GET http://A:80/" with "Host: a" goes on as "GET http://A/"
 * with "host: A"); otherwise Host goes on as it came, a default port and all.
 */
final class HostAuthority {

  private HostAuthority() {}

  /** Whether haproxy 2.6 reads the request at all: its Host lines and its target agree. */
  static boolean agree(String method, String uri, List<String> hosts) {
    for (String h : hosts) {
      if (!h.equalsIgnoreCase(hosts.getFirst())) {
        return false;
      }
    }
    boolean connect = method.equals("CONNECT");
    String scheme = connect ? "" : scheme(uri);
    if (hosts.isEmpty() || !connect && scheme.isEmpty()) {
      return true;
    }
    String authority = connect ? uri : authority(uri, scheme.length() + 3);
    return authority.isEmpty()
        || normal(authority, scheme).equalsIgnoreCase(normal(hosts.getFirst(), scheme));
  }

  /**
   * The target as haproxy 2.6 passes it on: an http or https URI without its scheme's default
   * port or an empty one ("http://a:80/x" goes on as "http://a/x"); any other, itself.
   */
  static String target(String uri) {
    String scheme = scheme(uri);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return uri;
    }
    int from = scheme.length() + 3;
    int slash = uri.indexOf('/', from);
    int end = slash < 0 ? uri.length() : slash;
    String authority = uri.substring(from, end);
    String normal = normal(authority, scheme);
    return normal.length() == authority.length() ? uri
        : uri.substring(0, from) + normal + uri.substring(end);
  }

  /** The host (and port) an absolute target names, without userinfo: what Host becomes. */
  static String host(String uri) {
    String scheme = scheme(uri);
    return scheme.isEmpty() ? "" : authority(uri, scheme.length() + 3);
  }

  /** The scheme of an absolute URI ("http" of "http://a/"), lower-cased; "" when none. */
  private static String scheme(String uri) {
    int sep = uri.startsWith("/") ? -1 : uri.indexOf("://");
    if (sep <= 0) {
      return "";
    }
    for (int i = 0; i < sep; i++) {
      char c = uri.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
        return "";
      }
    }
    return uri.substring(0, sep).toLowerCase(Locale.ROOT);
  }

  /** From {@code from} to the path's '/' (a '?' or '#' is still the authority's), no userinfo. */
  private static String authority(String uri, int from) {
    int slash = uri.indexOf('/', from);
    String a = uri.substring(from, slash < 0 ? uri.length() : slash);
    return a.substring(a.lastIndexOf('@') + 1);
  }

  /** Without an empty port or the scheme's default one ("" stands for CONNECT's 80 or 443). */
  private static String normal(String hostPort, String scheme) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0 || hostPort.indexOf(']', colon) >= 0) {
      return hostPort;
    }
    String port = hostPort.substring(colon + 1);
    boolean defaultPort = port.isEmpty() || switch (scheme) {
      case "http" -> port.equals("80");
      case "https" -> port.equals("443");
      case "" -> port.equals("80") || port.equals("443");
      default -> false;
    };
    return defaultPort ? hostPort.substring(0, colon) : hostPort;
  }
}
