package lbchaos.harness.adapter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.LogLine;

/** Factories for the adapters, one per kind of output the harness follows. */
public final class LogAdapters {

  private LogAdapters() {}

  /** keepalived 2.2.7 (syslog or console format); VIPs per instance name from the config. */
  public static LogAdapter keepalived(Map<String, List<String>> vipsByInstance) {
    return new KeepalivedLogAdapter(vipsByInstance);
  }

  /** keepalived without the config: VIPs are reported as "instance:NAME" placeholders. */
  public static LogAdapter keepalived() {
    return new KeepalivedLogAdapter(Map.of());
  }

  /**
   * The rendered notify script's "lbchaos-notify STATE" line, as a NotifyRun of {@code instance};
   * the fifo script's "lbchaos-fifo LINE", as a NotifyRun of the instance the line names.
   */
  public static LogAdapter notifyLine(String instance) {
    return new NotifyLineAdapter(instance);
  }

  /** True for a line {@link #notifyLine} understands. */
  public static boolean isNotifyLine(String line) {
    return NotifyLineAdapter.matches(line);
  }

  /** The {@code script} of NotifyRun events made from the notify script's own output. */
  public static final String NOTIFY_FROM_SCRIPT = NotifyLineAdapter.FROM_SCRIPT;

  /** The {@code script} of NotifyRun events made from the notify FIFO's lines. */
  public static final String NOTIFY_FROM_FIFO = NotifyLineAdapter.FROM_FIFO;

  /** haproxy 2.6 server state messages. */
  public static LogAdapter haproxy() {
    return new HaproxyLogAdapter();
  }

  /**
   * Our agents' stdout: JSON events keep their own timestamp and source; any other line is
   * kept as a LogLine at the time it was read.
   */
  public static LogAdapter agentJson() {
    return (at, source, line) -> {
      if (line.isBlank()) {
        return List.of();
      }
      Optional<Event> e = Events.parse(line);
      return List.of(e.orElseGet(() -> new LogLine(at, source, line.strip())));
    };
  }
}
