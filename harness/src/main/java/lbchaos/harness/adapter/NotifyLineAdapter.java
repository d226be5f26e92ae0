package lbchaos.harness.adapter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.NotifyRun;

/**
 * The lines the rendered scripts write to the container log, whichever daemon ran them:
 * "lbchaos-notify STATE" from the notify script, proof that it ran with that state argument;
 * and "lbchaos-fifo LINE" from the notify_fifo_script, one per line the daemon wrote to its
 * notify FIFO ({@code INSTANCE "VI_1" MASTER 254}), in the FIFO's order. The notify script does
 * not know the instance (notify_master passes none), so its event names the one the adapter
 * was made for; a FIFO line names its own.
 */
final class NotifyLineAdapter implements LogAdapter {

  /** Marks events made from the script's own output, as opposed to a daemon saying it ran it. */
  static final String FROM_SCRIPT = "notify script output";

  /** Marks events made from a notify FIFO line, as the fifo script copied it. */
  static final String FROM_FIFO = "notify fifo line";

  private static final Pattern LINE = Pattern.compile("^lbchaos-notify (?<state>\\S+)\\s*$");

  /**
   * The sync group's generic notify script: keepalived's arguments "GROUP", the group's name
   * and the state (vrrp_notify.c send_group_notifies), so the event names the group.
   */
  private static final Pattern GROUP = Pattern.compile(
      "^lbchaos-notify GROUP (?<name>\\S+) (?<state>\\S+)\\s*$");

  /** keepalived 2.2.7 vrrp_notify.c notify_fifo: TYPE "NAME" STATE PRIORITY. */
  private static final Pattern FIFO = Pattern.compile(
      "^lbchaos-fifo (?:INSTANCE|GROUP) \"(?<name>[^\"]*)\" (?<state>\\S+) -?\\d+\\s*$");

  private final String instance;

  NotifyLineAdapter(String instance) {
    this.instance = instance;
  }

  static boolean matches(String line) {
    return line.startsWith("lbchaos-notify ") || line.startsWith("lbchaos-fifo ");
  }

  @Override
  public List<Event> parse(long at, String source, String line) {
    Matcher g = GROUP.matcher(line.strip());
    if (g.matches()) {
      return List.of(new NotifyRun(at, source, g.group("name"), g.group("state"), FROM_SCRIPT));
    }
    Matcher m = LINE.matcher(line.strip());
    if (m.matches()) {
      return List.of(new NotifyRun(at, source, instance, m.group("state"), FROM_SCRIPT));
    }
    Matcher f = FIFO.matcher(line.strip());
    if (f.matches()) {
      return List.of(new NotifyRun(at, source, f.group("name"), f.group("state"), FROM_FIFO));
    }
    return List.of(new LogLine(at, source, line.strip()));
  }
}
