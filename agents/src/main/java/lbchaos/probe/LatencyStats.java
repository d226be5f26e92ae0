package lbchaos.probe;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import lbchaos.event.ProbeSample;
import lbchaos.event.ProbeSample.ErrorKind;
import org.HdrHistogram.Histogram;

/** Counts outcomes and records the latency of successful requests; safe for many clients. */
public final class LatencyStats {

  /** Up to an hour in microseconds at 3 significant digits: covers any timeout we would set. */
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final Histogram ok = new Histogram(HIGHEST_MICROS, 3);
  private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
  private long count;

  public synchronized void record(ProbeSample s) {
    count++;
    if (s.ok()) {
      ok.recordValue(Math.clamp(s.endAt() - s.at(), 0, HIGHEST_MICROS));
    } else {
      errors.merge(s.error(), 1L, Long::sum);
    }
  }

  public synchronized LoadSummary summary(String source, Duration elapsed, int concurrency) {
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
    double seconds = elapsed.toNanos() / 1e9;
    boolean any = ok.getTotalCount() > 0;
    return new LoadSummary(source, concurrency, count, errorCount, Map.copyOf(errors), seconds,
        seconds > 0 ? count / seconds : 0,
        any ? ok.getValueAtPercentile(50) / 1e3 : 0,
        any ? ok.getValueAtPercentile(99) / 1e3 : 0,
        any ? ok.getMaxValue() / 1e3 : 0);
  }
}
