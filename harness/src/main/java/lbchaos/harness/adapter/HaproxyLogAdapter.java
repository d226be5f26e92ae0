package lbchaos.harness.adapter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.ServerState;

/**
 * haproxy 2.6 server state messages (src/server.c, srv_append_status), in stderr form
 * ({@code [WARNING]  (8) : Server be/srv is DOWN, ...}) or syslog form ({@code haproxy[8]:
 * Server be/srv is DOWN, ...}): the message is found anywhere in the line.
 *
 * <p>Down: "is DOWN", "is going DOWN for maintenance". Up: "is UP", "is UP/READY (leaving
 * maintenance)". Reason is "reason: ..." plus the quoted "info", or the text haproxy gives
 * instead; checkMillis is "check duration", -1 when the line has none.
 */
final class HaproxyLogAdapter implements LogAdapter {

  private static final Pattern SERVER = Pattern.compile(
      "(?:Backup )?Server (?<be>[^/\\s]+)/(?<srv>\\S+) is (?<state>DOWN|UP|going DOWN for"
          + " maintenance|UP/\\S+|DOWN/\\S+|MAINT/\\S+)(?<rest>.*)$");
  private static final Pattern REASON = Pattern.compile("reason: (?<r>[^,.]+)");
  private static final Pattern INFO = Pattern.compile("info: \"(?<i>(?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern DURATION = Pattern.compile("check duration: (?<ms>\\d+)ms");
  private static final Pattern COUNTS = Pattern.compile("\\. \\d+ active and \\d+ backup.*$");

  @Override
  public List<Event> parse(long at, String source, String line) {
    if (line.isBlank()) {
      return List.of();
    }
    // haproxy's access log ("log stdout format raw" in the rendered config): the same event the
    // Java proxy emits, read by the parser it is tested with
    // its date is haproxy's local time: UTC in the node image, which has no /etc/localtime
    var access = lbchaos.proxy.log.AccessLogLine.parse(source, line, java.time.ZoneOffset.UTC);
    if (access.isPresent()) {
      return List.of(access.get());
    }
    Matcher m = SERVER.matcher(line);
    if (!m.find()) {
      return List.of(new LogLine(at, source, line.strip()));
    }
    String state = m.group("state");
    boolean up = state.startsWith("UP");
    String rest = m.group("rest");
    Matcher d = DURATION.matcher(rest);
    long ms = d.find() ? Long.parseLong(d.group("ms")) : -1;
    return List.of(new ServerState(at, source, m.group("be"), m.group("srv"), up,
        reason(state, rest), ms));
  }

  private static String reason(String state, String rest) {
    Matcher r = REASON.matcher(rest);
    if (r.find()) {
      Matcher i = INFO.matcher(rest);
      return r.group("r").strip() + (i.find() ? ": " + i.group("i") : "");
    }
    String text = COUNTS.matcher(rest).replaceFirst("").replaceFirst("^[,\\s]+", "").strip();
    if (state.startsWith("going")) {
      return "maintenance" + (text.isEmpty() ? "" : " " + text);
    }
    return text.isEmpty() ? state : text;
  }
}
