package lbchaos.harness.adapter;

import java.util.List;
import lbchaos.event.Event;

/**
 * Turns one line a program wrote into events. The harness stamps each line with the time it read
 * it ({@code lineAtMicros}, kernel realtime clock) because the daemons' own timestamps have
 * second resolution at best; {@code source} is the container the line came from.
 *
 * <p>An adapter returns an empty list for a blank line and never throws on unexpected input:
 * a line it does not understand becomes a {@link lbchaos.event.LogLine}.
 */
@FunctionalInterface
public interface LogAdapter {

  List<Event> parse(long lineAtMicros, String source, String line);
}
