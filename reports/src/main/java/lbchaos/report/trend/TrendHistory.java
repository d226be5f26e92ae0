package lbchaos.report.trend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lbchaos.report.summary.Summary;
import lbchaos.report.summary.SummaryJson;

/**
 * The nightly history directory: one folder per run, named for its UTC start with dashes for
 * colons so that every file system takes it ({@code 2026-11-28T01-59-00Z/summary.json}). When
 * one run covers several stacks, each further stack's summary sits beside the first as
 * {@code summary-STACK.json}.
 */
public final class TrendHistory {

  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

  private TrendHistory() {}

  public static String stamp(Instant at) {
    return STAMP.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  static Optional<Instant> parseStamp(String name) {
    try {
      return Optional.of(Instant.from(STAMP.parse(name)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Adds the current run's summaries to the history, then reads the whole history back. */
  public static Trend record(Path historyDir, Instant at, List<Summary> current)
      throws IOException {
    for (Summary s : current) {
      append(historyDir, at, s);
    }
    return load(historyDir);
  }

  /** Writes one summary under the run's folder and returns the file. */
  public static Path append(Path historyDir, Instant at, Summary summary) throws IOException {
    Path dir = historyDir.resolve(stamp(at));
    Files.createDirectories(dir);
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    if (Files.exists(file) && !SummaryJson.read(file).stack().equals(summary.stack())) {
      file = dir.resolve("summary-" + safe(summary.stack()) + ".json");
    }
    Files.writeString(file, SummaryJson.toJson(summary) + "\n");
    return file;
  }

  /**
   * Reads every run folder. Folders whose name is not a stamp are ignored (a README, say);
   * unreadable summaries become warnings, as one bad night must not hide the trend.
   */
  public static Trend load(Path historyDir) throws IOException {
    List<HistoryRun> runs = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!Files.isDirectory(historyDir)) {
      return new Trend(runs, warnings);
    }
    try (Stream<Path> dirs = Files.list(historyDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Optional<Instant> at = parseStamp(dir.getFileName().toString());
        if (at.isEmpty()) {
          continue;
        }
        for (Path file : summaries(dir)) {
          try {
            runs.add(new HistoryRun(at.get(), SummaryJson.read(file)));
          } catch (IOException e) {
            warnings.add(e.getMessage().contains(file.toString())
                ? e.getMessage() : file + ": " + e.getMessage());
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Trend(runs, warnings);
  }

  private static List<Path> summaries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> {
        String n = f.getFileName().toString();
        return n.equals(SummaryJson.FILE_NAME) || n.startsWith("summary-") && n.endsWith(".json");
      }).sorted().toList();
    }
  }

  private static String safe(String stack) {
    return stack.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
