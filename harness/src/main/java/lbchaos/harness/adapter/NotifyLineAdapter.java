package lbchaos.harness.adapter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.NotifyRun;

/**
 * The line the rendered notify script writes to the container log, "lbchaos-notify STATE": proof
 * that the script itself ran, with the state argument it got, whichever daemon started it. The
 * script does not know the instance (notify_master passes none), so the event names the one the
 * adapter was made for.
 */
final class NotifyLineAdapter implements LogAdapter {

  /** Marks events made from the script's own output, as opposed to a daemon saying it ran it. */
  static final String FROM_SCRIPT = "notify script output";

  private static final Pattern LINE = Pattern.compile("^lbchaos-notify (?<state>\\S+)\\s*$");

  private final String instance;

  NotifyLineAdapter(String instance) {
    this.instance = instance;
  }

  static boolean matches(String line) {
    return line.startsWith("lbchaos-notify ");
  }

  @Override
  public List<Event> parse(long at, String source, String line) {
    Matcher m = LINE.matcher(line.strip());
    if (!m.matches()) {
      return List.of(new LogLine(at, source, line.strip()));
    }
    return List.of(new NotifyRun(at, source, instance, m.group("state"), FROM_SCRIPT));
  }
}
