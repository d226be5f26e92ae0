package lbchaos.harness.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.event.ProbeSample;

/**
 * Shows the probe stream as it happens: a bar of one character per request (the webserver's
 * number, or x for a failure), fifty to a line after the time, and an article-like line for
 * every failure, as the article's curl loop printed them.
 */
final class ProgressPrinter implements ProbeWatcher {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private final PrintStream out;
  private final StringBuilder bar = new StringBuilder();
  private long barStart;
  private int failing;

  private final java.util.PriorityQueue<ProbeSample> pending =
      new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(ProbeSample::at));
  private final long timeoutMicros;

  ProgressPrinter(PrintStream out, java.time.Duration probeTimeout) {
    this.out = out;
    this.timeoutMicros = probeTimeout.toNanos() / 1000 + 100_000;
  }

  /**
   * Samples arrive as requests end, and a timeout ends long after the fast answers that started
   * later. Hold them until every request started before them must have ended, then print in
   * start order, so the bar reads like the article's log.
   */
  @Override
  public synchronized void accept(ProbeSample p) {
    pending.add(p);
    long settled = p.endAt() - timeoutMicros;
    while (!pending.isEmpty() && pending.peek().at() < settled) {
      show(pending.poll());
    }
  }

  private void show(ProbeSample p) {
    if (p.ok()) {
      if (failing > 0) {
        flushBar();
        out.printf("  %s  %s  (first answer after %d failed requests)%n", time(p.at()),
            p.backend(), failing);
        failing = 0;
      }
      append(p.backend() == null ? "?" : p.backend().replaceAll("\\D+", ""), p.at());
    } else {
      if (failing++ == 0) {
        flushBar();
        out.printf("  %s  error: %s%n", time(p.at()), p.error().name().toLowerCase());
      }
      append("x", p.at());
    }
    if (bar.length() >= 50) {
      flushBar();
    }
  }

  private void append(String c, long at) {
    if (bar.isEmpty()) {
      barStart = at;
    }
    bar.append(c);
  }

  @Override
  public synchronized void flush() {
    while (!pending.isEmpty()) {
      show(pending.poll());
    }
    flushBar();
  }

  private void flushBar() {
    if (!bar.isEmpty()) {
      out.printf("  %s  %s%n", time(barStart), bar);
      bar.setLength(0);
    }
  }

  static String time(long micros) {
    return LocalTime.ofInstant(Instant.ofEpochSecond(0, micros * 1000), ZoneId.systemDefault())
        .format(TIME);
  }
}
