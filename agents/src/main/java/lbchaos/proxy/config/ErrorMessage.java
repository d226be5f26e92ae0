package lbchaos.proxy.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An errorfile's answer, read as haproxy 2.6 reads one (http_htx.c http_str_to_htx, with its h1
 * parser): a status line, headers, the rest as the body. What its mux then writes, 2.6.12 side
 * by side: the file's version, status and reason; the headers in order, names in lower case,
 * the file's "close" and "keep-alive" connection tokens left to the connection's own state; the
 * body as it is (Debian's files end in a newline the page does not have). Only a length (or a
 * status without a body) lets the client's connection stay open after it.
 *
 * @param status 0 for an empty file: haproxy then closes without a word
 * @param headers in the file's order, without the connection tokens above; one content-length
 * @param framed its end is known: a content-length, or a 204 or 304
 * @param close its "connection: close": haproxy closes the client's connection after it
 */
public record ErrorMessage(String version, int status, String reason,
    List<Map.Entry<String, String>> headers, byte[] body, boolean framed, boolean close) {

  /** An empty file's. */
  public static final ErrorMessage NOTHING = new ErrorMessage("", 0, "", List.of(),
      new byte[0], true, true);

  public ErrorMessage {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(reason, "reason");
    headers = List.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Nothing is sent (an empty file): the connection is closed. */
  public boolean silent() {
    return status == 0;
  }

  /**
   * The message in {@code raw}; {@link IllegalArgumentException} with the words haproxy 2.6
   * gives for what it refuses (the error offsets are where this reader stopped).
   */
  static ErrorMessage parse(byte[] raw) {
    if (raw.length == 0) {
      return NOTHING;
    }
    Reader r = new Reader(raw);
    String version = r.token(' ');
    int sp = r.pos;
    while (r.at(' ')) {
      r.pos++;
    }
    if (r.pos == sp) {
      throw r.bad();
    }
    int code = 0;
    for (int i = 0; i < 3; i++) {
      if (!r.digit()) {
        throw r.bad();
      }
      code = code * 10 + (raw[r.pos++] - '0');
    }
    String reason = "";
    if (r.at(' ')) {
      r.pos++;
      reason = r.restOfLine().strip();
    } else if (!r.endOfLine()) {
      throw r.bad();
    }
    r.lineEnd();
    List<String[]> lines = r.headerLines();
    int headEnd = r.pos;
    if (!version.matches("HTTP/[0-9]\\.[0-9]")) {
      throw new IllegalArgumentException("invalid http version (" + version + ")");
    }
    if (code < 200 && (code == 100 || code >= 102)) {
      throw new IllegalArgumentException("invalid http status code for an error message ("
          + code + ")");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    long length = -1;
    boolean close = false;
    boolean chunked = false;
    boolean coded = false;
    for (String[] h : lines) {
      String name = h[0].toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> {
          for (String v : h[1].split(",", -1)) {
            long n = contentLength(v.strip(), r);
            if (length >= 0 && n != length) {
              throw r.bad(); // two lengths: the h1 parser's error
            }
            if (length < 0) {
              headers.add(Map.entry(name, Long.toString(n)));
            }
            length = n;
          }
        }
        case "connection" -> {
          List<String> kept = new ArrayList<>();
          for (String t : h[1].split(",")) {
            String token = t.strip();
            if (token.equalsIgnoreCase("close")) {
              close = true;
            } else if (!token.equalsIgnoreCase("keep-alive") && !token.isEmpty()) {
              kept.add(token);
            }
          }
          if (!kept.isEmpty()) {
            headers.add(Map.entry(name, String.join(", ", kept)));
          }
        }
        case "transfer-encoding" -> {
          coded = true;
          chunked |= Arrays.stream(h[1].split(",")).anyMatch(
              t -> t.strip().equalsIgnoreCase("chunked"));
          headers.add(Map.entry(name, h[1]));
        }
        default -> headers.add(Map.entry(name, h[1]));
      }
    }
    if (chunked) {
      throw new IllegalArgumentException("chunk-encoded payload not supported");
    }
    if (coded) {
      // a length beside a transfer coding is dropped (RFC 9112 6.3); the body runs to the close
      headers.removeIf(e -> e.getKey().equals("content-length"));
      length = -1;
    }
    byte[] body = Arrays.copyOfRange(raw, headEnd, raw.length);
    boolean bodyless = code == 204 || code == 304;
    boolean framed = bodyless || length >= 0;
    if ((bodyless || length == 0) && body.length > 0) {
      throw new IllegalArgumentException("message payload not expected");
    }
    if (!bodyless && length >= 0 && length != body.length) {
      throw new IllegalArgumentException("payload size does not match the announced"
          + " content-length (" + body.length + " != " + length + ")");
    }
    return new ErrorMessage(version, code, reason, headers, body, framed, close);
  }

  private static long contentLength(String v, Reader r) {
    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw r.bad();
    }
    return Long.parseLong(v);
  }

  /** The h1 parser's walk over a head: lines ending in CRLF or a bare LF. */
  private static final class Reader {
    private final byte[] raw;
    int pos;

    Reader(byte[] raw) {
      this.raw = raw;
    }

    IllegalArgumentException bad() {
      return new IllegalArgumentException("unable to parse headers (error offset: "
          + (pos >= raw.length ? -2 : pos) + ")");
    }

    boolean at(char c) {
      return pos < raw.length && raw[pos] == c;
    }

    boolean digit() {
      return pos < raw.length && raw[pos] >= '0' && raw[pos] <= '9';
    }

    boolean endOfLine() {
      return at('\r') || at('\n');
    }

    /** Version characters up to {@code stop}. */
    String token(char stop) {
      int from = pos;
      if (!new String(raw, 0, Math.min(5, raw.length), StandardCharsets.ISO_8859_1)
          .equals("HTTP/")) {
        throw bad(); // not a status line at all
      }
      while (pos < raw.length && raw[pos] != stop) {
        byte c = raw[pos];
        if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '/'
            || c == '.')) {
          throw bad();
        }
        pos++;
      }
      if (pos == from || pos >= raw.length) {
        throw bad();
      }
      return new String(raw, from, pos - from, StandardCharsets.ISO_8859_1);
    }

    /** Up to the line's end, which must come; no control characters but tabs. */
    String restOfLine() {
      int from = pos;
      while (pos < raw.length && !endOfLine()) {
        byte c = raw[pos];
        if ((c >= 0 && c < 32 && c != '\t') || c == 127) {
          throw bad();
        }
        pos++;
      }
      return new String(raw, from, pos - from, StandardCharsets.ISO_8859_1);
    }

    /** CRLF or LF. */
    void lineEnd() {
      if (at('\r')) {
        pos++;
        if (!at('\n')) {
          throw bad();
        }
      }
      if (!at('\n')) {
        throw bad();
      }
      pos++;
    }

    /** The header lines up to the empty one, name and value each; folded lines joined. */
    List<String[]> headerLines() {
      List<String[]> out = new ArrayList<>();
      while (true) {
        if (pos >= raw.length) {
          throw bad();
        }
        if (endOfLine()) {
          lineEnd();
          return out;
        }
        if ((at(' ') || at('\t')) && !out.isEmpty()) {
          String more = restOfLine().strip();
          lineEnd();
          String[] last = out.getLast();
          last[1] = last[1].isEmpty() ? more : last[1] + " " + more;
          continue;
        }
        int from = pos;
        while (pos < raw.length && raw[pos] != ':') {
          if (!tchar(raw[pos])) {
            throw bad();
          }
          pos++;
        }
        if (pos == from || pos >= raw.length) {
          throw bad();
        }
        String name = new String(raw, from, pos - from, StandardCharsets.ISO_8859_1);
        pos++;
        String value = restOfLine().strip();
        lineEnd();
        out.add(new String[] {name, value});
      }
    }

    /** RFC 9110's token characters, which a header name is made of. */
    private static boolean tchar(byte c) {
      return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
