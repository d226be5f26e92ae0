package lbchaos.proxy.acl;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What http-response rules see of a server's answer: its status and reason, version and
 * headers in order.
 *
 * @param version "1.0" or "1.1"
 */
public record Response(int status, String reason, String version,
    List<Map.Entry<String, String>> headers) {

  public Response {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(version, "version");
    headers = List.copyOf(headers);
  }

  /** An answer with the reason haproxy writes for its status. */
  public Response(int status, String version, List<Map.Entry<String, String>> headers) {
    this(status, Answer.reason(status), version, headers);
  }

  Response withHeaders(List<Map.Entry<String, String>> h) {
    return new Response(status, reason, version, h);
  }
}
