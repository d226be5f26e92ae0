package lbchaos.observer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lbchaos.event.SummaryLine;

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
    return SummaryLine.toJson(this);
  }

  public static Optional<ObserverStats> parse(String line) {
    return SummaryLine.parse(line, MARKER, ObserverStats.class);
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
