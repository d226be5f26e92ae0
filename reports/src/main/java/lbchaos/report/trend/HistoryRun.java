package lbchaos.report.trend;

import java.time.Instant;
import java.util.Objects;
import lbchaos.report.summary.Summary;

/** One earlier (or the current) run: when it started and what its summary.json said. */
public record HistoryRun(Instant at, Summary summary) {

  public HistoryRun {
    Objects.requireNonNull(at, "at must not be null");
    Objects.requireNonNull(summary, "summary must not be null");
  }
}
