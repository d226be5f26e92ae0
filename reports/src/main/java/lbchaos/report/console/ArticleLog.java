package lbchaos.report.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import lbchaos.report.model.RequestDot;
import lbchaos.report.model.Timeline;

/**
 * The article's way of showing a client loop: one line per request, its time and who answered,
 * or the error ({@code 01:59:03.120  webserver-2}, {@code 01:59:03.170  error: timeout}).
 */
public final class ArticleLog {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private ArticleLog() {}

  public static String line(RequestDot r, ZoneId zone) {
    String time = CLOCK.format(instant(r.atMicros()).atZone(zone));
    return time + "  " + (r.ok() ? r.backend() : "error: " + r.error());
  }

  /** One line per request of the timeline, in time order. */
  public static List<String> lines(Timeline timeline, ZoneId zone) {
    return timeline.requests().stream()
        .sorted(Comparator.comparingLong(RequestDot::atMicros))
        .map(r -> line(r, zone))
        .toList();
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
