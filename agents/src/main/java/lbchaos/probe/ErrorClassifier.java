package lbchaos.probe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import lbchaos.event.ProbeSample.ErrorKind;

/**
 * Maps what a socket threw to the kind of failure a client saw. The JDK reports most errno values
 * as a plain SocketException/ConnectException with the strerror text, so the message decides.
 */
public final class ErrorClassifier {

  private ErrorClassifier() {}

  public static ErrorKind classify(Throwable t) {
    return switch (t) {
      case BadAnswerException e -> ErrorKind.BAD_ANSWER;
      // Connect or read: both are the client giving up within its budget.
      case SocketTimeoutException e -> ErrorKind.TIMEOUT;
      case NoRouteToHostException e -> ErrorKind.UNREACHABLE;
      case PortUnreachableException e -> ErrorKind.UNREACHABLE;
      case ConnectException e -> byMessage(e.getMessage(), ErrorKind.OTHER);
      case SocketException e -> byMessage(e.getMessage(), ErrorKind.OTHER);
      default -> ErrorKind.OTHER;
    };
  }

  private static ErrorKind byMessage(String message, ErrorKind otherwise) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("refused")) {
      return ErrorKind.REFUSED; // ECONNREFUSED: RST in answer to our SYN
    }
    if (m.contains("reset") || m.contains("broken pipe")) {
      return ErrorKind.RESET; // ECONNRESET on read, EPIPE when writing after the peer's RST
    }
    if (m.contains("no route") || m.contains("unreachable")) {
      return ErrorKind.UNREACHABLE; // EHOSTUNREACH / ENETUNREACH, e.g. ICMP or no ARP answer
    }
    if (m.contains("timed out")) {
      return ErrorKind.TIMEOUT; // ETIMEDOUT: the kernel gave up retransmitting
    }
    return otherwise;
  }
}
