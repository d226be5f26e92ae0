package lbchaos.harness.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.Events;

/**
 * A History on disk, in the same format the agents write: JSON lines (one event per line, the
 * default) or one JSON array. {@link #read} accepts either, so a report or {@code --replay} can
 * read what any run wrote.
 */
public final class HistoryJson {

  private HistoryJson() {}

  /** Writes one event per line. */
  public static void writeLines(History h, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Event e : h.events()) {
        w.write(Events.toJson(e));
        w.newLine();
      }
    }
  }

  /** Writes one JSON array. */
  public static void writeArray(History h, Path file) throws IOException {
    Files.writeString(file, toJsonArray(h), StandardCharsets.UTF_8);
  }

  public static String toJsonArray(History h) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < h.size(); i++) {
      sb.append("  ").append(Events.toJson(h.events().get(i)))
          .append(i + 1 < h.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  /** Reads either format; a malformed event names the file and line. */
  public static History read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(text);
    } catch (HistoryFormatException ex) {
      throw new HistoryFormatException(file + ":" + ex.line() + ": " + ex.getMessage(), ex.line());
    }
  }

  /** Parses either format from a string. */
  public static History parse(String text) {
    String body = text.strip();
    if (body.startsWith("[")) {
      return parseArray(body);
    }
    List<Event> events = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      events.add(parseOne(line, i + 1));
    }
    return History.of(events);
  }

  private static History parseArray(String body) {
    JsonNode root;
    try {
      root = Events.mapper().readTree(body);
    } catch (JsonProcessingException ex) {
      int line = ex.getLocation() == null ? 0 : ex.getLocation().getLineNr();
      throw new HistoryFormatException("not a JSON array of events: " + ex.getOriginalMessage(),
          line);
    }
    List<Event> events = new ArrayList<>();
    int index = 0;
    for (JsonNode n : root) {
      index++;
      try {
        events.add(Events.mapper().treeToValue(n, Event.class));
      } catch (JsonProcessingException ex) {
        throw new HistoryFormatException("element " + index + " is not an event: "
            + ex.getOriginalMessage(), 0);
      }
    }
    return History.of(events);
  }

  private static Event parseOne(String line, int lineNo) {
    try {
      return Events.mapper().readValue(line, Event.class);
    } catch (JsonProcessingException ex) {
      throw new HistoryFormatException("not an event: " + ex.getOriginalMessage(), lineNo);
    }
  }

  /** The input is not a History; {@code line} is 1-based, 0 when unknown. */
  public static final class HistoryFormatException extends UncheckedIOException {
    private final int line;

    public HistoryFormatException(String message, int line) {
      super(message, new IOException(message));
      this.line = line;
    }

    public int line() {
      return line;
    }
  }
}
