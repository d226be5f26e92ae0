package lbchaos.harness.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.harness.check.Checker;
import lbchaos.harness.history.History;
import lbchaos.harness.history.HistoryJson.HistoryFormatException;

/**
 * Evidence on disk: one JSON object with {@code schemaVersion}, the scenario, stack, topology,
 * configs, the checks (each with its parameters and bounds) and {@code events}, one event per
 * line in the agents' event format, so the file reads in a text editor and diffs well.
 */
public final class EvidenceJson {

  private static final TypeReference<List<Checker>> CHECKS = new TypeReference<>() {};

  /** The event mapper plus java.time for the checks' bounds (durations as exact seconds). */
  private static final ObjectMapper MAPPER = Events.mapper().copy()
      .registerModule(new JavaTimeModule())
      .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private EvidenceJson() {}

  public static String toJson(Evidence e) {
    try {
      ObjectNode head = MAPPER.createObjectNode();
      head.put("schemaVersion", Evidence.SCHEMA_VERSION);
      head.put("scenario", e.scenario());
      head.put("description", e.description());
      head.put("stack", e.stack());
      head.set("topology", MAPPER.valueToTree(new TreeMap<>(e.topology())));
      head.set("configs", MAPPER.valueToTree(new TreeMap<>(e.configs())));
      head.set("daemons", MAPPER.valueToTree(new TreeMap<>(e.daemons())));
      head.set("checks", MAPPER.readTree(MAPPER.writerFor(CHECKS).writeValueAsString(e.checks())));
      String h = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(head);
      StringBuilder sb = new StringBuilder(h.substring(0, h.lastIndexOf('}')).stripTrailing());
      sb.append(",\n  \"events\" : [\n");
      List<Event> events = e.history().events();
      for (int i = 0; i < events.size(); i++) {
        sb.append("    ").append(Events.toJson(events.get(i)))
            .append(i + 1 < events.size() ? ",\n" : "\n");
      }
      return sb.append("  ]\n}\n").toString();
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write the evidence of " + e.scenario(), ex);
    }
  }

  public static void write(Evidence e, Path file) throws IOException {
    Files.writeString(file, toJson(e), StandardCharsets.UTF_8);
  }

  /** Reads a file {@link #write} made; a file without checks is refused, naming the file. */
  public static Evidence read(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (HistoryFormatException ex) {
      throw new HistoryFormatException(file + ": " + ex.getMessage(), ex.line());
    }
  }

  public static Evidence parse(String text) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException ex) {
      int line = ex.getLocation() == null ? 0 : ex.getLocation().getLineNr();
      throw new HistoryFormatException("not JSON: " + ex.getOriginalMessage(), line);
    }
    if (root == null || !root.isObject() || !root.has("schemaVersion")) {
      throw new HistoryFormatException("not an lbchaos history with checks (no schemaVersion):"
          + " written by an lbchaos before 2, or not a history file", 1);
    }
    int version = root.get("schemaVersion").asInt();
    if (version != Evidence.SCHEMA_VERSION) {
      throw new HistoryFormatException("schemaVersion " + version + " is not "
          + Evidence.SCHEMA_VERSION + ", the one this lbchaos reads", 1);
    }
    try {
      List<Checker> checks = MAPPER.readerFor(CHECKS).readValue(root.path("checks"));
      List<Event> events = new ArrayList<>();
      int index = 0;
      for (JsonNode n : root.path("events")) {
        index++;
        try {
          events.add(MAPPER.treeToValue(n, Event.class));
        } catch (JsonProcessingException ex) {
          throw new HistoryFormatException("event " + index + " is not an event: "
              + ex.getOriginalMessage(), 0);
        }
      }
      return new Evidence(root.path("scenario").asText(), root.path("description").asText(),
          root.path("stack").asText(), strings(root.path("topology")),
          strings(root.path("configs")), strings(root.path("daemons")), checks,
          History.of(events));
    } catch (IOException | IllegalArgumentException ex) {
      throw new HistoryFormatException("the checks cannot be read: " + ex.getMessage(), 0);
    }
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.properties().forEach(en -> out.put(en.getKey(), en.getValue().asText()));
    return out;
  }
}
