package lbchaos.proxy.net;

import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The HTTP/1 codecs of both legs, reading what haproxy 2.6's h1 parser reads (checked side by
 * side in the node image): a message's head may be as long as fits in haproxy's buffer
 * (tune.bufsize 16384 less tune.maxrewrite 1024; Netty's defaults refused a request line over
 * 4096 bytes that haproxy passes on); a line may end with a bare LF; a message with both
 * Transfer-Encoding chunked and Content-Length is read by its chunks and its length dropped
 * (RFC 9112 6.1; Netty's default refuses it). Netty applies the limit to the start line and to
 * the header lines each, haproxy to both together: a head between 15360 bytes and twice that
 * passes here and not there. Header names go on in lower case ({@link LowerCaseHeaders}).
 */
final class Codecs {

  /** haproxy's room for a message's head: tune.bufsize less tune.maxrewrite, their defaults. */
  static final int HEAD_MAX = 16384 - 1024;

  /**
   * The largest piece of a body the decoders pass on at once: a read's worth or more. Netty's
   * 8 KiB split every read of a body into pieces, each a slice through the decoder, the session
   * and the encoder of the other leg (and, until answers were streamed, an aggregator): 64 KiB
   * answers in mode http, 26.9 against 24.9 us of user CPU per request (loopback, 8 alternating
   * rounds, lower in 6; BENCHMARKS.md session 32).
   */
  static final int BODY_PIECE_MAX = 64 * 1024;

  private Codecs() {}

  /** The bytes of a head's header lines on the wire ("name: value" and CRLF each), and its end. */
  static int headerBytes(HttpHeaders headers) {
    int n = 2;
    for (var h : headers) {
      n += h.getKey().length() + 2 + h.getValue().length() + 2;
    }
    return n;
  }

  private static HttpDecoderConfig config() {
    return new HttpDecoderConfig().setMaxInitialLineLength(HEAD_MAX).setMaxHeaderSize(HEAD_MAX)
        .setStrictLineParsing(false).setUseRfc9112TransferEncoding(false)
        .setMaxChunkSize(BODY_PIECE_MAX).setHeadersFactory(LowerCaseHeaders.HEADERS)
        .setTrailersFactory(LowerCaseHeaders.TRAILERS);
  }

  /** The client leg's: requests in, answers out. */
  static HttpServerCodec server() {
    return new HttpServerCodec(config());
  }

  /** A server leg's: requests out, answers in (no CONNECT tunnels, no error on a missing one). */
  static HttpClientCodec client() {
    return new HttpClientCodec(config(), false, false);
  }
}
