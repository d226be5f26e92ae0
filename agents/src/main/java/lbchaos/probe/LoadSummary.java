package lbchaos.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Optional;
import lbchaos.event.SummaryLine;
import lbchaos.event.ProbeSample.ErrorKind;

/**
 * The probe's last line: totals of a run. It is JSON with {@code "summary":"probe"} and no
 * {@code "type"}, so readers of the event stream skip it; {@link #parse} reads it back.
 *
 * @param concurrency 0 for a fixed-rate run
 * @param p50Millis latency percentiles of successful requests (HdrHistogram, 3 digits)
 */
public record LoadSummary(String source, int concurrency, long count, long errors,
    Map<ErrorKind, Long> errorsByKind, double seconds, double requestsPerSecond, double p50Millis,
    double p99Millis, double maxMillis) {

  public static final String MARKER = "probe";

  public LoadSummary {
    errorsByKind = Map.copyOf(errorsByKind);
  }

  /** Marks the line as the probe's summary (written, not read back: it is a constant). */
  @JsonProperty(value = "summary", index = 0, access = JsonProperty.Access.READ_ONLY)
  public String summary() {
    return MARKER;
  }

  public String toJson() {
    return SummaryLine.toJson(this);
  }

  public static Optional<LoadSummary> parse(String line) {
    return SummaryLine.parse(line, MARKER, LoadSummary.class);
  }
}
