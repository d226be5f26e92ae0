package lbchaos.proxy.net;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The answers the proxy writes itself in mode http, as haproxy writes its own: the h1 mux's raw
 * 400 and 408 (written below the codec, header names as the mux spells them), the 502, 503 and
 * 504 pages, and any other answer of its own (rules, the stats page) with its body's length,
 * header names in lower case as the mux writes them (also those a rule's "hdr" names).
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

  /** haproxy 2.6's own 408 answer (src/http.c http_err_msgs). */
  static final String REQUEST_TIMEOUT = "HTTP/1.1 408 Request Time-out\r\n"
      + "content-length: 110\r\n"
      + "cache-control: no-cache\r\n"
      + "content-type: text/html\r\n"
      + "connection: close\r\n"
      + "\r\n"
      + "<html><body><h1>408 Request Time-out</h1>\n"
      + "Your browser didn't send a complete request in time.\n"
      + "</body></html>\n";

  /**
   * haproxy's own answer when no server answers: 502 (the server's answer was not HTTP, or
   * there was none), 503 (no server to send the request to), 504 ("timeout server"), as haproxy
   * 2.6 and 3.0 write them (header names in lower case, as its h1 mux writes them).
   */
  static FullHttpResponse error(int status) {
    FullHttpResponse r = switch (status) {
      case 502 -> of(new HttpResponseStatus(502, "Bad Gateway"), "<html><body><h1>502 Bad"
          + " Gateway</h1>\nThe server returned an invalid or incomplete response.\n"
          + "</body></html>\n");
      case 503 -> of(new HttpResponseStatus(503, "Service Unavailable"), "<html><body><h1>503"
          + " Service Unavailable</h1>\nNo server is available to handle this request.\n"
          + "</body></html>\n");
      case 504 -> of(new HttpResponseStatus(504, "Gateway Time-out"), "<html><body><h1>504"
          + " Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n");
      default -> throw new IllegalArgumentException("no haproxy answer " + status);
    };
    r.headers().set("cache-control", "no-cache").set("content-type", "text/html");
    return r;
  }

  /**
   * An answer of the proxy's own, with its body's length (also to a HEAD, whose body the codec
   * leaves out; for a 204 the codec leaves the length out too), as haproxy writes its own.
   */
  static FullHttpResponse of(HttpResponseStatus status, String body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), LowerCaseHeaders.HEADERS,
        LowerCaseHeaders.TRAILERS);
    HttpUtil.setContentLength(r, r.content().readableBytes());
    return r;
  }
}
