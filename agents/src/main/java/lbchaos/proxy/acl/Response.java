package lbchaos.proxy.acl;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What http-response rules see of a server's answer: its status, version and headers in order.
 *
 * @param version "1.0" or "1.1"
 */
public record Response(int status, String version, List<Map.Entry<String, String>> headers) {

  public Response {
    Objects.requireNonNull(version, "version");
    headers = List.copyOf(headers);
  }
}
