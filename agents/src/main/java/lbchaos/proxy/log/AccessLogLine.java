package lbchaos.proxy.log;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.AccessLog;

/**
 * Reads a line in haproxy 2.6's "option httplog" or "option tcplog" format
 * ({@link LogFormat#HTTPLOG}, {@link LogFormat#TCPLOG}) back into an {@link AccessLog}: the
 * harness turns haproxy's own access log into the events the Java proxy emits, and tests read
 * the agent's lines with it. The message is found anywhere in the line, so a syslog header
 * (rfc3164, rfc5424) before it does not matter. A custom log-format is not read.
 *
 * <p>haproxy prefixes %Tt/%Ta with "+" under "option logasap", %B likewise, and %rc when the
 * stream was redispatched; the "+" is dropped.
 */
public final class AccessLogLine {

  private static final String HEAD = "(?<ci>\\S+):(?<cp>\\d+) \\[(?<date>\\d{2}/[A-Z][a-z]{2}"
      + "/\\d{4}:\\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\] (?<ft>\\S+) (?<b>[^/\\s]+)/(?<s>\\S+) ";
  private static final String CONNS = "(?<ac>\\d+)/(?<fc>\\d+)/(?<bc>\\d+)/(?<sc>\\d+)"
      + "/\\+?(?<rc>\\d+) (?<sq>\\d+)/(?<bq>\\d+)";
  private static final Pattern HTTP = Pattern.compile(HEAD
      + "(?<TR>-?\\d+)/(?<Tw>-?\\d+)/(?<Tc>-?\\d+)/(?<Tr>-?\\d+)/\\+?(?<Ta>-?\\d+)"
      + " (?<ST>-?\\d+) \\+?(?<B>\\d+) \\S+ \\S+ (?<tsc>\\S{4}) " + CONNS
      + "(?: \\{[^}]*\\})* \"(?<r>.*)\"$");
  private static final Pattern TCP = Pattern.compile(HEAD
      + "(?<Tw>-?\\d+)/(?<Tc>-?\\d+)/\\+?(?<Tt>-?\\d+) \\+?(?<B>\\d+) (?<ts>\\S{2}) " + CONNS
      + "$");

  private AccessLogLine() {}

  /**
   * @param source the container or program whose log it is
   * @return empty when the line is not an httplog or tcplog line
   */
  public static Optional<AccessLog> parse(String source, String line) {
    return parse(source, line, java.time.ZoneId.systemDefault());
  }

  /**
   * As above, the date read in {@code zone}: haproxy writes its local time, which is the
   * writer's zone, not necessarily the reader's.
   */
  public static Optional<AccessLog> parse(String source, String line, java.time.ZoneId zone) {
    String s = line.strip();
    Matcher h = HTTP.matcher(s);
    if (h.find()) {
      return Optional.of(new AccessLog(at(h, zone), source, "http", h.group("ci") + ":" + h.group("cp"),
          h.group("ft"), h.group("b"), h.group("s"), i(h, "TR"), i(h, "Tw"), i(h, "Tc"),
          i(h, "Tr"), i(h, "Ta"), i(h, "ST"), Long.parseLong(h.group("B")), h.group("tsc"),
          i(h, "ac"), i(h, "fc"), i(h, "bc"), i(h, "sc"), i(h, "rc"), i(h, "sq"), i(h, "bq"),
          h.group("r")));
    }
    Matcher t = TCP.matcher(s);
    if (t.find()) {
      return Optional.of(new AccessLog(at(t, zone), source, "tcp", t.group("ci") + ":" + t.group("cp"),
          t.group("ft"), t.group("b"), t.group("s"), -1, i(t, "Tw"), i(t, "Tc"), -1, i(t, "Tt"),
          -1, Long.parseLong(t.group("B")), t.group("ts"), i(t, "ac"), i(t, "fc"), i(t, "bc"),
          i(t, "sc"), i(t, "rc"), i(t, "sq"), i(t, "bq"), ""));
    }
    return Optional.empty();
  }

  /** Whether the line looks like an access log line at all (cheap, before {@link #parse}). */
  public static boolean looksLike(String line) {
    return line.contains("] ") && line.contains(" [") && line.contains("/");
  }

  private static long at(Matcher m, java.time.ZoneId zone) {
    return LogFormat.DateTimeFormat.parse(m.group("date"), zone);
  }

  private static int i(Matcher m, String g) {
    return Integer.parseInt(m.group(g));
  }
}
