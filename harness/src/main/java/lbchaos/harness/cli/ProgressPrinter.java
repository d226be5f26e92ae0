package lbchaos.harness.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.PriorityQueue;
import lbchaos.event.ProbeSample;
import lbchaos.harness.scenario.ProbeWatcher;

/**
 * Shows the probe stream as it happens: a bar of one character per request (the webserver's
 * number, or x for a failure), fifty to a line after the time. Article-like lines mark only the
 * transitions: the first failure of an episode ("error: timeout"), the first answer after a run
 * of failures, and, when failures were interleaved with answers (a dead backend still in
 * rotation gives {@code 2x2x2x...}), one summary line when the episode ends, so the stream stays
 * a few lines whatever the pattern. An episode ends after {@link #CALM} answers in a row.
 */
final class ProgressPrinter implements ProbeWatcher {

  /** Answers in a row that end a failure episode: a second of the article's 20 requests/s. */
  static final int CALM = 20;
  static final int WIDTH = 50;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final String RED = "\u001b[31m";
  private static final String RESET = "\u001b[0m";

  private final PrintStream out;
  private final boolean colour;
  private final long timeoutMicros;
  private final StringBuilder bar = new StringBuilder();
  private int barLength;
  private long barStart;

  private int failed;
  private int answers;
  private int inARow;
  private long firstFailAt;
  private long lastFailAt;

  private final PriorityQueue<ProbeSample> pending =
      new PriorityQueue<>(Comparator.comparingLong(ProbeSample::at));

  ProgressPrinter(PrintStream out, Duration probeTimeout, boolean colour) {
    this.out = out;
    this.colour = colour;
    this.timeoutMicros = probeTimeout.toNanos() / 1000 + 100_000;
  }

  /** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
  static boolean colourWanted() {
    var console = System.console();
    return console != null && console.isTerminal() && System.getenv("NO_COLOR") == null;
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
      if (failed > 0 && answers == 0) {
        flushBar();
        out.printf("  %s  %s  (first answer after %d failed request%s)%n", time(p.at()),
            p.backend(), failed, failed == 1 ? "" : "s");
      }
      append(p.backend() == null ? "?" : p.backend().replaceAll("\\D+", ""), p.at(), false);
      if (failed > 0) {
        answers++;
        if (++inARow >= CALM) {
          endEpisode();
        }
      }
    } else {
      if (failed == 0) {
        flushBar();
        out.printf("  %s  error: %s%n", time(p.at()), p.error().name().toLowerCase());
        firstFailAt = p.at();
      }
      failed++;
      inARow = 0;
      lastFailAt = p.at();
      append("x", p.at(), true);
    }
    if (barLength >= WIDTH) {
      flushBar();
    }
  }

  /** Interleaved failures get one line when they end; a plain outage said it all already. */
  private void endEpisode() {
    boolean interleaved = answers > inARow;
    if (interleaved) {
      flushBar();
      out.printf("  %s  last of %d failed requests since %s, interleaved with %d answers%n",
          time(lastFailAt), failed, time(firstFailAt), answers - inARow);
    }
    failed = 0;
    answers = 0;
    inARow = 0;
  }

  private void append(String c, long at, boolean failure) {
    if (barLength == 0) {
      barStart = at;
    }
    bar.append(failure && colour ? RED + c + RESET : c);
    barLength += c.length();
  }

  @Override
  public synchronized void flush() {
    while (!pending.isEmpty()) {
      show(pending.poll());
    }
    if (failed > 0 && answers > inARow) {
      endEpisode();
    }
    flushBar();
    failed = 0;
    answers = 0;
    inARow = 0;
  }

  private void flushBar() {
    if (barLength > 0) {
      out.printf("  %s  %s%n", time(barStart), bar);
      bar.setLength(0);
      barLength = 0;
    }
  }

  static String time(long micros) {
    return LocalTime.ofInstant(Instant.ofEpochSecond(0, micros * 1000), ZoneId.systemDefault())
        .format(TIME);
  }
}
