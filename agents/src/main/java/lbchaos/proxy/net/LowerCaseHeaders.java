package lbchaos.proxy.net;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;
import java.util.Map;

/**
 * A message's headers with their names in lower case, as haproxy's h1 mux writes every header
 * name whatever case the client, the server or the configuration gave it (2.6.12 side by side:
 * apache's "Content-Type" reaches the client as "content-type", a client's "X-Trace" reaches the
 * server as "x-trace"; haproxy keeps a case only with the h1-case-adjust options, which the agent
 * refuses). Names are folded as they are added, by the decoders of both legs and by the proxy's
 * own code (forwardfor, set-header, its own answers), so the encoders write them as they are.
 * Lookups were case-insensitive before and stay so. The names most messages carry map to Netty's
 * lower-case constants, so folding them copies nothing.
 */
final class LowerCaseHeaders extends DefaultHttpHeaders {

  /** For a message's headers: the decoders' (HttpDecoderConfig) and the proxy's own answers. */
  static final HttpHeadersFactory HEADERS = factory(DefaultHttpHeadersFactory.headersFactory());
  /** For a chunked message's trailers. */
  static final HttpHeadersFactory TRAILERS = factory(DefaultHttpHeadersFactory.trailersFactory());

  private static HttpHeadersFactory factory(DefaultHttpHeadersFactory validation) {
    return new HttpHeadersFactory() {
      @Override
      public HttpHeaders newHeaders() {
        return new LowerCaseHeaders(validation, 16);
      }

      @Override
      public HttpHeaders newEmptyHeaders() {
        return new LowerCaseHeaders(validation, 2);
      }
    };
  }

  private LowerCaseHeaders(DefaultHttpHeadersFactory validation, int sizeHint) {
    super(validation.getNameValidator(), validation.getValueValidator(), sizeHint);
  }

  private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");

  /** Netty's constants for the names most requests and answers carry (length compared first). */
  private static final AsciiString[] KNOWN = {HttpHeaderNames.HOST, HttpHeaderNames.DATE,
      HttpHeaderNames.SERVER, HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.CONTENT_LENGTH,
      HttpHeaderNames.CONNECTION, HttpHeaderNames.ACCEPT, HttpHeaderNames.USER_AGENT,
      HttpHeaderNames.LAST_MODIFIED, HttpHeaderNames.ETAG, HttpHeaderNames.ACCEPT_RANGES,
      HttpHeaderNames.CACHE_CONTROL, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.VARY,
      HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderNames.ACCEPT_LANGUAGE, HttpHeaderNames.KEEP_ALIVE,
      HttpHeaderNames.EXPIRES, HttpHeaderNames.LOCATION, HttpHeaderNames.SET_COOKIE,
      HttpHeaderNames.COOKIE, X_FORWARDED_FOR, HttpHeaderNames.UPGRADE,
      HttpHeaderNames.EXPECT, HttpHeaderNames.CONTENT_ENCODING, HttpHeaderNames.REFERER,
      HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.IF_MODIFIED_SINCE,
      HttpHeaderNames.IF_NONE_MATCH};

  /** {@code name} in lower case: itself when it has no capital, else a known constant or a copy. */
  static CharSequence lower(CharSequence name) {
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return folded(name);
      }
    }
    return name;
  }

  private static CharSequence folded(CharSequence name) {
    for (AsciiString k : KNOWN) {
      if (k.length() == name.length() && k.contentEqualsIgnoreCase(name)) {
        return k;
      }
    }
    byte[] b = new byte[name.length()];
    for (int i = 0; i < b.length; i++) {
      char c = name.charAt(i);
      b[i] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return new AsciiString(b, false);
  }

  @Override
  public HttpHeaders add(String name, Object value) {
    return super.add(lower(name), value);
  }

  @Override
  public HttpHeaders add(CharSequence name, Object value) {
    return super.add(lower(name), value);
  }

  @Override
  public HttpHeaders add(String name, Iterable<?> values) {
    return super.add(lower(name), values);
  }

  @Override
  public HttpHeaders add(CharSequence name, Iterable<?> values) {
    return super.add(lower(name), values);
  }

  @Override
  public HttpHeaders add(HttpHeaders headers) {
    for (Map.Entry<CharSequence, CharSequence> e : (Iterable<Map.Entry<CharSequence, CharSequence>>)
        headers::iteratorCharSequence) {
      add(e.getKey(), e.getValue());
    }
    return this;
  }

  @Override
  public HttpHeaders addInt(CharSequence name, int value) {
    return super.addInt(lower(name), value);
  }

  @Override
  public HttpHeaders addShort(CharSequence name, short value) {
    return super.addShort(lower(name), value);
  }

  @Override
  public HttpHeaders set(String name, Object value) {
    return super.set(lower(name), value);
  }

  @Override
  public HttpHeaders set(CharSequence name, Object value) {
    return super.set(lower(name), value);
  }

  @Override
  public HttpHeaders set(String name, Iterable<?> values) {
    return super.set(lower(name), values);
  }

  @Override
  public HttpHeaders set(CharSequence name, Iterable<?> values) {
    return super.set(lower(name), values);
  }

  @Override
  public HttpHeaders set(HttpHeaders headers) {
    if (headers != this) {
      clear();
      add(headers);
    }
    return this;
  }

  @Override
  public HttpHeaders setInt(CharSequence name, int value) {
    return super.setInt(lower(name), value);
  }

  @Override
  public HttpHeaders setShort(CharSequence name, short value) {
    return super.setShort(lower(name), value);
  }
}
