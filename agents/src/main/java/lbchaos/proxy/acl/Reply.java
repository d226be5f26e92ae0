package lbchaos.proxy.acl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an http-request deny or return answers, as haproxy 2.6 builds it (http_htx.c
 * http_parse_http_reply and http_reply_to_htx): its status, a payload, and "hdr NAME FMT" headers.
 * The answer's head, as 2.6.12 wrote it side by side: the hdr headers in order (one whose value
 * comes out empty is left out), content-length, then content-type when the payload is not empty.
 * haproxy's built-in page for the status is the other form ({@link Page}): its own head, no hdr.
 *
 * @param contentType null without one
 */
public record Reply(int status, Payload payload, String contentType, List<Header> headers) {

  public Reply {
    Objects.requireNonNull(payload, "payload");
    headers = List.copyOf(headers);
  }

  /** A reply's body. */
  public sealed interface Payload {}

  /** No body ("return" or "deny status N" alone). */
  public record Empty() implements Payload {}

  /** haproxy's built-in page for the status ("deny" alone, "default-errorfiles"). */
  public record Page() implements Payload {}

  /** "string S" (literal) or "lf-string FMT" (a log-format value). */
  public record Body(HeaderValue text) implements Payload {
    public Body {
      Objects.requireNonNull(text, "text");
    }
  }

  /** "hdr NAME FMT". */
  public record Header(String name, HeaderValue value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** The answer for {@code r}, the request as the rules before this one left it. */
  Answer answer(Request r) {
    if (payload instanceof Page) {
      return Answer.page(status);
    }
    String body = payload instanceof Body b ? b.text().render(r) : "";
    List<Map.Entry<String, String>> h = new ArrayList<>();
    for (Header hdr : headers) {
      String v = hdr.value().render(r);
      if (!v.isEmpty()) {
        h.add(Map.entry(hdr.name(), v));
      }
    }
    h.add(Map.entry("content-length",
        Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)));
    if (!body.isEmpty() && contentType != null) {
      h.add(Map.entry("content-type", contentType));
    }
    return new Answer(status, Answer.reason(status), h, body);
  }
}
