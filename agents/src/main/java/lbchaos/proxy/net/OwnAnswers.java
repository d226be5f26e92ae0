package lbchaos.proxy.net;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lbchaos.proxy.acl.Answer;
import lbchaos.proxy.config.ErrorMessage;

/**
 * The answers the proxy writes itself in mode http, as haproxy writes its own: the h1 mux's raw
 * 400 and 408 (written below the codec, header names as the mux spells them), the 502, 503 and
 * 504 pages, and any other answer of its own (rules, the stats page) with its body's length,
 * header names in lower case as the mux writes them (also those a rule's "hdr" names). An
 * errorfile replaces a page but for the mux's raw 400 and 408, which only an empty one silences
 * (mux_h1.c h1_send_error).
 */
final class OwnAnswers {

  private OwnAnswers() {}

  /** haproxy's own 400 answer, as haproxy 2.6 and 3.0 write it. */
  static final String BAD_REQUEST = "HTTP/1.1 400 Bad request\r\n"
      + "Content-length: 90\r\n"
      + "Cache-Control: no-cache\r\n"
      + "Connection: close\r\n"
      + "Content-Type: text/html\r\n"
      + "\r\n"
      + "<html><body><h1>400 Bad request</h1>\n"
      + "Your browser sent an invalid request.\n"
      + "</body></html>\n";

  /**
   * The h1 mux's 408 to a request whose head did not come in time, as haproxy 2.6.12 and 3.0.11
   * write it (side by side; the 408 to a body that did not come is the page, {@link #raw}).
   */
  static final String REQUEST_TIMEOUT = "HTTP/1.1 408 Request Time-out\r\n"
      + "Content-length: 110\r\n"
      + "Cache-Control: no-cache\r\n"
      + "Connection: close\r\n"
      + "Content-Type: text/html\r\n"
      + "\r\n"
      + "<html><body><h1>408 Request Time-out</h1>\n"
      + "Your browser didn't send a complete request in time.\n"
      + "</body></html>\n";

  /**
   * haproxy's answer for {@code status} where {@code pages} apply: their errorfile's, else its
   * page (502: the server's answer was not HTTP, or there was none; 503: no server to send the
   * request to; 504: "timeout server"; a rule's deny...); {@link ErrorMessage#silent} for an
   * empty errorfile (nothing is written, the connection closes).
   */
  static ErrorMessage message(int status, ErrorPages pages) {
    return pages.file(status).orElseGet(() -> page(status));
  }

  /**
   * An answer as bytes to write under the codec, with "connection: close" (HTTP/1.1): the 408
   * to a body that did not come, a 500 for a request the agent's own code failed on (haproxy's
   * internal error, "PI"), in whatever state the session was. Empty for an empty errorfile.
   */
  static String raw(ErrorMessage m) {
    if (m.silent()) {
      return "";
    }
    StringBuilder out = new StringBuilder(m.version() + " " + m.status() + " " + m.reason()
        + "\r\n");
    m.headers().forEach(h -> out.append(h.getKey()).append(": ").append(h.getValue())
        .append("\r\n"));
    if (m.version().equals("HTTP/1.1")) {
      out.append("connection: close\r\n");
    }
    return out.append("\r\n").append(new String(m.body(), StandardCharsets.ISO_8859_1))
        .toString();
  }

  /** haproxy's page for {@code status} ({@link Answer#page}) as its errorfile would give it. */
  private static ErrorMessage page(int status) {
    return message(Answer.page(status));
  }

  /**
   * An answer of the proxy's own as an errorfile would give it: its body's length first (also
   * to a HEAD, whose body the codec leaves out; for a 204 the codec leaves the length out too),
   * unless the answer puts it elsewhere itself, then its headers, as haproxy writes its own.
   */
  static ErrorMessage message(Answer a) {
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> head = new ArrayList<>();
    if (a.headers().stream().noneMatch(e -> e.getKey().equals("content-length"))) {
      head.add(Map.entry("content-length", Integer.toString(body.length)));
    }
    head.addAll(a.headers());
    return new ErrorMessage("HTTP/1.1", a.status(), a.reason(), head, body, true, false);
  }

  /** An errorfile's answer, or one of the proxy's own, as the mux writes it. */
  static FullHttpResponse of(ErrorMessage m) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.valueOf(m.version()),
        new HttpResponseStatus(m.status(), m.reason()), Unpooled.wrappedBuffer(m.body()),
        LowerCaseHeaders.HEADERS, LowerCaseHeaders.TRAILERS);
    m.headers().forEach(h -> r.headers().add(h.getKey(), h.getValue()));
    if (m.close()) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return r;
  }

}
