package lbchaos.proxy.check;

import io.netty.channel.unix.Errors;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed connect as haproxy words it (strerror: "Connection refused"), whichever transport
 * failed: NIO says "Connection refused: /10.0.0.3:80", epoll "connect(..) failed: Connection
 * refused", io_uring only "io_uring connect(..) failed with error(-111)".
 */
public final class SocketErrors {

  /** The errnos a connect or a check can end with on Linux, and glibc's text for them. */
  private static final Map<Integer, String> STRERROR = Map.of(
      32, "Broken pipe",
      99, "Cannot assign requested address",
      101, "Network is unreachable",
      104, "Connection reset by peer",
      110, "Connection timed out",
      111, "Connection refused",
      113, "No route to host");

  private static final Pattern ERRNO = Pattern.compile("error\\((-?\\d+)\\)");

  private SocketErrors() {}

  public static String text(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof Errors.NativeIoException n && STRERROR.containsKey(-n.expectedErr())) {
      return STRERROR.get(-n.expectedErr());
    }
    Matcher e = ERRNO.matcher(m);
    if (e.find()) {
      return STRERROR.getOrDefault(Math.abs(Integer.parseInt(e.group(1))), m);
    }
    int failed = m.indexOf("failed: ");
    String rest = failed >= 0 ? m.substring(failed + "failed: ".length()) : m;
    int colon = rest.indexOf(':');
    return colon > 0 ? rest.substring(0, colon) : rest;
  }
}
