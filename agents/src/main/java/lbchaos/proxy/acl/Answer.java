package lbchaos.proxy.acl;

import java.util.List;
import java.util.Map;

/**
 * A response the proxy makes itself for a deny, return or redirect rule.
 *
 * @param headers in order; content-length among them where the answer puts it, else the
 *     session writes it first
 * @param refusal a deny's answer, whatever its status: haproxy logs it as the proxy's refusal
 *     ("PR--", SF_ERR_PRXCOND) where a return or redirect is its local answer ("LR--")
 * @param page haproxy's page for the status ({@link #page}), which an errorfile replaces
 */
public record Answer(int status, String reason, List<Map.Entry<String, String>> headers,
    String body, boolean refusal, boolean page) {

  public Answer {
    headers = List.copyOf(headers);
  }

  /** A return's or redirect's answer (not a refusal). */
  public Answer(int status, String reason, List<Map.Entry<String, String>> headers,
      String body) {
    this(status, reason, headers, body, false, false);
  }

  /** This answer as a deny gives it. */
  Answer asRefusal() {
    return new Answer(status, reason, headers, body, true, page);
  }

  /**
   * The statuses haproxy 2.6 has a built-in page for (http.c http_err_codes and http_err_msgs),
   * with its text (2.6.12 side by side).
   */
  static final Map<Integer, String[]> PAGES = Map.ofEntries(
      Map.entry(200, new String[] {"OK", "Service ready."}),
      Map.entry(400, new String[] {"Bad request", "Your browser sent an invalid request."}),
      Map.entry(401, new String[] {"Unauthorized", "You need a valid user and password to"
          + " access this content."}),
      Map.entry(403, new String[] {"Forbidden", "Request forbidden by administrative rules."}),
      Map.entry(404, new String[] {"Not Found", "The resource could not be found."}),
      Map.entry(405, new String[] {"Method Not Allowed", "A request was made of a resource using"
          + " a request method not supported by that resource"}),
      Map.entry(407, new String[] {"Unauthorized", "You need a valid user and password to"
          + " access this content."}),
      Map.entry(408, new String[] {"Request Time-out", "Your browser didn't send a complete"
          + " request in time."}),
      Map.entry(410, new String[] {"Gone", "The resource is no longer available and will not be"
          + " available again."}),
      Map.entry(413, new String[] {"Payload Too Large", "The request entity exceeds the maximum"
          + " allowed."}),
      Map.entry(421, new String[] {"Misdirected Request", "Request sent to a non-authoritative"
          + " server."}),
      Map.entry(422, new String[] {"Unprocessable Content", "The server cannot process the"
          + " contained instructions."}),
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

  /** haproxy has a page for the status: a deny may give it, an errorfile replace it. */
  public static boolean hasPage(int status) {
    return PAGES.containsKey(status);
  }

  /** haproxy's built-in page for {@code status} (one of {@link #PAGES}). */
  public static Answer page(int status) {
    String[] p = PAGES.get(status);
    return new Answer(status, p[0], List.of(Map.entry("cache-control", "no-cache"),
        Map.entry("content-type", "text/html")), "<html><body><h1>" + status + " " + p[0]
        + "</h1>\n" + p[1] + "\n</body></html>\n", false, true);
  }

  /**
   * The reason phrase haproxy 2.6 writes for a status of its own replies (http.c
   * http_get_reason), as 2.6.12 wrote each of 200-599 side by side ("return status N"): the
   * known ones, else the class ("Client Error"). Its pages keep their own (400 "Bad request");
   * a redirect's 302 is "Found".
   */
  static String reason(int status) {
    String r = REASONS.get(status);
    return r != null ? r : status < 300 ? "Success" : status < 400 ? "Redirection"
        : status < 500 ? "Client Error" : "Server Error";
  }

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
      Map.entry(203, "Non-Authoritative Information"), Map.entry(204, "No Content"),
      Map.entry(205, "Reset Content"), Map.entry(206, "Partial Content"),
      Map.entry(207, "Multi-Status"), Map.entry(210, "Content Different"),
      Map.entry(226, "IM Used"), Map.entry(300, "Multiple Choices"),
      Map.entry(301, "Moved Permanently"), Map.entry(302, "Moved Temporarily"),
      Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(305, "Use Proxy"),
      Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
      Map.entry(310, "Too many Redirects"), Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Time-out"),
      Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(411, "Length Required"),
      Map.entry(412, "Precondition Failed"), Map.entry(413, "Request Entity Too Large"),
      Map.entry(414, "Request-URI Too Long"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(416, "Requested range unsatisfiable"), Map.entry(417, "Expectation failed"),
      Map.entry(418, "I'm a teapot"), Map.entry(421, "Misdirected Request"),
      Map.entry(422, "Unprocessable Content"), Map.entry(423, "Locked"),
      Map.entry(424, "Method failure"), Map.entry(425, "Too Early"),
      Map.entry(426, "Upgrade Required"), Map.entry(428, "Precondition Required"),
      Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
      Map.entry(449, "Retry With"), Map.entry(450, "Blocked by Windows Parental Controls"),
      Map.entry(451, "Unavailable For Legal Reasons"), Map.entry(456, "Unrecoverable Error"),
      Map.entry(499, "client has closed connection"),
      Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
      Map.entry(502, "Bad Gateway or Proxy Error"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Time-out"), Map.entry(505, "HTTP Version not supported"),
      Map.entry(506, "Variant also negotiate"), Map.entry(507, "Insufficient storage"),
      Map.entry(508, "Loop detected"), Map.entry(509, "Bandwidth Limit Exceeded"),
      Map.entry(510, "Not extended"), Map.entry(511, "Network authentication required"),
      Map.entry(520, "Web server is returning an unknown error"));
}
