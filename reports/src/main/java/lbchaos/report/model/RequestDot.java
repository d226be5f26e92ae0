package lbchaos.report.model;

/**
 * One client request.
 *
 * @param atMicros when it started
 * @param latencyMicros how long until the answer or the error
 * @param backend who answered, null when it failed
 * @param error what went wrong ("timeout", "refused"...), null when it succeeded
 */
public record RequestDot(long atMicros, long latencyMicros, String backend, String error) {

  public RequestDot {
    if (latencyMicros < 0) {
      throw new IllegalArgumentException("latency must not be negative: " + latencyMicros);
    }
    if ((backend == null) == (error == null)) {
      throw new IllegalArgumentException(
          "a request has either a backend or an error: backend=" + backend + " error=" + error);
    }
  }

  public static RequestDot ok(long atMicros, long latencyMicros, String backend) {
    return new RequestDot(atMicros, latencyMicros, backend, null);
  }

  public static RequestDot failed(long atMicros, long latencyMicros, String error) {
    return new RequestDot(atMicros, latencyMicros, null, error);
  }

  public boolean ok() {
    return error == null;
  }
}
