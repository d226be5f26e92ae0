package lbchaos.proxy.acl;

import java.util.List;
import java.util.Map;

/**
 * A response the proxy makes itself for a deny, return or redirect rule.
 *
 * @param headers besides content-length, which the session sets
 * @param refusal a deny's answer, whatever its status: haproxy logs it as the proxy's refusal
 *     ("PR--", SF_ERR_PRXCOND) where a return or redirect is its local answer ("LR--")
 */
public record Answer(int status, String reason, List<Map.Entry<String, String>> headers,
    String body, boolean refusal) {

  public Answer {
    headers = List.copyOf(headers);
  }

  /** A return's or redirect's answer (not a refusal). */
  public Answer(int status, String reason, List<Map.Entry<String, String>> headers,
      String body) {
    this(status, reason, headers, body, false);
  }

  /** This answer as a deny gives it. */
  Answer asRefusal() {
    return new Answer(status, reason, headers, body, true);
  }

  /** The statuses haproxy 2.6 has a built-in page for (http.c http_err_msgs), with its text. */
  static final Map<Integer, String[]> PAGES = Map.ofEntries(
      Map.entry(200, new String[] {"OK", "Service ready."}),
      Map.entry(400, new String[] {"Bad request", "Your browser sent an invalid request."}),
      Map.entry(403, new String[] {"Forbidden", "Request forbidden by administrative rules."}),
      Map.entry(404, new String[] {"Not Found", "The resource could not be found."}),
      Map.entry(405, new String[] {"Method Not Allowed", "A request was made of a resource using"
          + " a request method not supported by that resource"}),
      Map.entry(408, new String[] {"Request Time-out", "Your browser didn't send a complete"
          + " request in time."}),
      Map.entry(410, new String[] {"Gone", "The resource is no longer available and will not be"
          + " available again."}),
      Map.entry(413, new String[] {"Payload Too Large", "The request entity exceeds the maximum"
          + " allowed."}),
      Map.entry(425, new String[] {"Too Early", "Your browser sent early data."}),
      Map.entry(429, new String[] {"Too Many Requests", "You have sent too many requests in a"
          + " given amount of time."}),
      Map.entry(500, new String[] {"Internal Server Error", "An internal server error"
          + " occurred."}),
      Map.entry(501, new String[] {"Not Implemented", ".The server does not support the"
          + " functionality required to fulfill the request."}),
      Map.entry(502, new String[] {"Bad Gateway", "The server returned an invalid or incomplete"
          + " response."}),
      Map.entry(503, new String[] {"Service Unavailable", "No server is available to handle this"
          + " request."}),
      Map.entry(504, new String[] {"Gateway Time-out", "The server didn't respond in time."}));

  /** haproxy's built-in page for {@code status} (one of {@link #PAGES}). */
  static Answer page(int status) {
    String[] p = PAGES.get(status);
    return new Answer(status, p[0], List.of(Map.entry("cache-control", "no-cache"),
        Map.entry("content-type", "text/html")), "<html><body><h1>" + status + " " + p[0]
        + "</h1>\n" + p[1] + "\n</body></html>\n");
  }

  /** The reason phrase haproxy writes for a status (http.c http_get_reason). */
  static String reason(int status) {
    String[] p = PAGES.get(status);
    if (p != null) {
      return p[0];
    }
    return switch (status) {
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 401 -> "Unauthorized";
      case 409 -> "Conflict";
      default -> "Other";
    };
  }
}
