package lbchaos.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;

/**
 * A tool's last line (the probe's totals, the observer's counts): JSON with
 * {@code "summary":MARKER} and no {@code "type"}, so readers of the event stream pass over it,
 * while whoever ran the tool reads it back by its marker.
 */
public final class SummaryLine {

  private SummaryLine() {}

  public static String toJson(Object summary) {
    try {
      return Events.mapper().writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + summary, e);
    }
  }

  /** The summary marked {@code marker} on this line, if the line is one. */
  public static <T> Optional<T> parse(String line, String marker, Class<T> type) {
    String s = line.strip();
    if (!s.startsWith("{") || !s.contains("\"summary\":\"" + marker + "\"")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Events.mapper().readValue(s, type));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
