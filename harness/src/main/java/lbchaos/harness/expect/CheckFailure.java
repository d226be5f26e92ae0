package lbchaos.harness.expect;

/** How a failed haproxy health check fails, which decides how long each failing check takes. */
public enum CheckFailure {
  /** RST or ICMP unreachable: the check fails at once (the log says "check duration: 0ms"). */
  REFUSED,
  /**
   * An HTTP check answered at once with a status or body its expect rules refuse (L7STS,
   * L7RSP): it fails as soon as the answer is read.
   */
  WRONG_ANSWER,
  /** No answer to the SYN (host gone, traffic dropped): the check waits for its connect timeout. */
  CONNECT_TIMEOUT,
  /** Connected but no answer (hung server, paused container): waits for the read timeout. */
  RESPONSE_TIMEOUT
}
