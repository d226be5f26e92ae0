package lbchaos.observer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lbchaos.event.Events;

/**
 * The observer's last line: what it read and what it skipped, and why. JSON with
 * {@code "summary":"observer"} and no {@code "type"}, so event readers pass over it.
 */
public record ObserverStats(String source, long frames, long adverts, long garps,
    Map<String, Long> skipped, long resyncs, long bytesSkipped, boolean truncated) {

  public static final String MARKER = "observer";

  public ObserverStats {
    skipped = Map.copyOf(skipped);
  }

  @JsonProperty(value = "summary", index = 0, access = JsonProperty.Access.READ_ONLY)
  public String summary() {
    return MARKER;
  }

  public String toJson() {
    try {
      return Events.mapper().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + this, e);
    }
  }

  public static Optional<ObserverStats> parse(String line) {
    String s = line.strip();
    if (!s.startsWith("{") || !s.contains("\"summary\":\"" + MARKER + "\"")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Events.mapper().readValue(s, ObserverStats.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Mutable tally while reading; single-threaded. */
  static final class Tally {
    long frames;
    long adverts;
    long garps;
    final Map<String, Long> skipped = new TreeMap<>();

    ObserverStats freeze(String source, PcapReader r) {
      return new ObserverStats(source, frames, adverts, garps, skipped, r.resyncs(),
          r.bytesSkipped(), r.truncated());
    }
  }
}
