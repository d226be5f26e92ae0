package lbchaos.event;

/**
 * A client that sent its request slowly through the VIP (the request line, then one header line
 * every interval, never the blank line that ends the headers; or a whole head, then a body byte
 * every interval, never the last), and how that ended. {@code at} is the end: when the proxy
 * answered or closed, or when the client gave up.
 *
 * @param startAt when the connection was established
 * @param lines header lines (or body bytes) sent before the end
 * @param answer the status line the proxy answered ("HTTP/1.1 408 Request Time-out"), "closed"
 *     or "reset" when it closed without one, "" when it was not cut
 * @param cut the proxy ended it; false: still open when the client gave up
 */
public record SlowRequest(long at, String source, long startAt, int lines, String answer,
    boolean cut) implements Event {

  public double seconds() {
    return (at - startAt) / 1e6;
  }
}
