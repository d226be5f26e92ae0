package lbchaos.proxy.net;

import lbchaos.event.Events;
import lbchaos.proxy.balance.Member;

/**
 * The moments of one logged request (mode http) or connection (mode tcp), on its event loop,
 * from which {@link AccessLogger} derives haproxy's timers (configuration.txt 8.4). Times are
 * System.nanoTime(); 0 means the moment never came (haproxy's -1).
 *
 * <p>Requests and answers go on as they come, so Tw starts at the end of a request's headers
 * and Tr ends with the answer's head, as haproxy's. Handshake and idle times (Th, Ti) are not
 * measured apart.
 */
final class AccessStamps {
  /** Epoch microseconds of the accept (tcp) or of the request's first byte (http). */
  long startMicros;
  long start;
  long headers;
  long request;
  long picked;
  long connected;
  long responded;
  Member server;
  int retries;
  long bytesOut;
  /** haproxy's termination state (first two characters): "--" until something ends it. */
  String state = "--";
  boolean logged;

  AccessStamps() {
    begin();
  }

  void begin() {
    startMicros = Events.nowMicros();
    start = System.nanoTime();
  }

  /** The first end that is not normal is the one logged, as haproxy keeps the first error. */
  void fail(String state) {
    if (this.state.equals("--")) {
      this.state = state;
    }
  }

  /** Milliseconds from {@code from} to {@code to}; -1 when either never came. */
  static int millis(long from, long to) {
    return from == 0 || to == 0 ? -1 : (int) Math.max(0, (to - from) / 1_000_000);
  }
}
