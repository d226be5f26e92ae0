package lbchaos.event;

/**
 * One client request through the VIP: a new TCP connection, a GET (or a plain TCP exchange), and
 * either the backend that answered or the kind of error. {@code at} is the start.
 *
 * @param backend name parsed from the answer ("webserver-1"), null on error
 * @param error null on success
 */
public record ProbeSample(long at, String source, long endAt, String backend, ErrorKind error)
    implements Event {

  public enum ErrorKind { TIMEOUT, REFUSED, RESET, UNREACHABLE, BAD_ANSWER, OTHER }

  public boolean ok() {
    return error == null;
  }

  public double latencySeconds() {
    return (endAt - at) / 1e6;
  }
}
