package lbchaos.harness.adapter;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.NeighbourSeen;

/**
 * The lines of {@code ip -ts monitor neigh} run in a node's namespace: each change of its
 * neighbour table as the kernel announces it (RTM_NEWNEIGH, RTM_DELNEIGH), no polling. iproute2
 * stamps each line with microseconds on the container's clock (UTC, the kernel's realtime clock),
 * which beats the time the harness read the line; that is used only when the stamp is missing.
 *
 * <pre>
 *   [2026-12-04T04:48:44.611759] 10.9.9.2 dev eth0 lladdr 02:42:0a:09:09:02 REACHABLE
 *   [2026-12-04T04:48:44.619592] Deleted 10.9.9.2 dev eth0 FAILED
 * </pre>
 */
public final class NeighbourMonitorAdapter implements LogAdapter {

  /** The command whose output this adapter reads. */
  public static final List<String> COMMAND = List.of("ip", "-ts", "monitor", "neigh");

  private static final Pattern LINE = Pattern.compile("^(?:\\[(?<ts>[0-9T:.-]+)]\\s+)?"
      + "(?<deleted>Deleted\\s+)?(?<ip>[0-9a-fA-F:.]+)\\s+dev\\s+\\S+"
      + "(?:\\s+lladdr\\s+(?<mac>[0-9a-fA-F:]+))?(?:\\s+\\S+)*?\\s+(?<state>[A-Z_]+)\\s*$");

  @Override
  public List<Event> parse(long lineAtMicros, String source, String line) {
    if (line.isBlank()) {
      return List.of();
    }
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches()) {
      return List.of(new LogLine(lineAtMicros, source, line.strip()));
    }
    long at = lineAtMicros;
    if (m.group("ts") != null) {
      try {
        LocalDateTime t = LocalDateTime.parse(m.group("ts"));
        at = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
      } catch (DateTimeParseException e) {
        // keep the time the line was read
      }
    }
    boolean deleted = m.group("deleted") != null;
    String mac = deleted || m.group("mac") == null ? null : m.group("mac").toLowerCase();
    return List.of(new NeighbourSeen(at, source, m.group("ip"), mac,
        deleted ? "DELETED" : m.group("state")));
  }
}
