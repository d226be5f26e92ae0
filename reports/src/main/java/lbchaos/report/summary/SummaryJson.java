package lbchaos.report.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.report.model.RunReport;

/**
 * Writes and reads summary.json, exactly:
 * {@code {"stack": s, "scenarios": [{"name": n, "passed": b, "figures": {"outage_s": x, ...}}]}}.
 * Built as a tree rather than by data binding so that the form cannot drift with the records.
 * The reader ignores fields it does not know, so a history of months stays readable when a later
 * version adds one.
 */
public final class SummaryJson {

  public static final String FILE_NAME = "summary.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  /** Writes {@code dir/summary.json} (creating dir) and returns its path. */
  public static Path write(RunReport run, Path dir) throws IOException {
    return write(Summary.of(run), dir);
  }

  /** Writes {@code dir/summary.json} (creating dir) and returns its path. */
  public static Path write(Summary summary, Path dir) throws IOException {
    return write(summary, dir, FILE_NAME);
  }

  /** Writes {@code dir/name} (creating dir) and returns its path. */
  public static Path write(Summary summary, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, toJson(summary) + "\n");
    return file;
  }

  public static String toJson(Summary summary) {
    ObjectNode root = JSON.createObjectNode();
    root.put("stack", summary.stack());
    ArrayNode scenarios = root.putArray("scenarios");
    for (ScenarioSummary s : summary.scenarios()) {
      ObjectNode node = scenarios.addObject();
      node.put("name", s.name());
      node.put("passed", s.passed());
      ObjectNode figures = node.putObject("figures");
      s.figures().forEach((k, v) -> putNumber(figures, k, v));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write summary", e);
    }
  }

  /** Counts read better as 3 than as 3.0; non-finite values have no JSON form and become null. */
  private static void putNumber(ObjectNode figures, String key, double v) {
    if (!Double.isFinite(v)) {
      figures.putNull(key);
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      figures.put(key, (long) v);
    } else {
      figures.put(key, v);
    }
  }

  public static Summary read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /** Parses summary.json text; {@code origin} names the source in error messages. */
  public static Summary parse(String json, String origin) throws SummaryFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SummaryFormatException(origin + ": not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new SummaryFormatException(origin + ": expected an object at the top");
    }
    String stack = text(root, "stack", origin);
    JsonNode list = root.get("scenarios");
    if (list == null || !list.isArray()) {
      throw new SummaryFormatException(origin + ": \"scenarios\" must be an array");
    }
    List<ScenarioSummary> scenarios = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = origin + ": scenarios[" + i + "]";
      JsonNode s = list.get(i);
      if (!s.isObject()) {
        throw new SummaryFormatException(where + " must be an object");
      }
      JsonNode passed = s.get("passed");
      if (passed == null || !passed.isBoolean()) {
        throw new SummaryFormatException(where + ".passed must be true or false");
      }
      scenarios.add(new ScenarioSummary(text(s, "name", where), passed.booleanValue(),
          figures(s.get("figures"), where)));
    }
    return new Summary(stack, scenarios);
  }

  private static Map<String, Double> figures(JsonNode node, String where)
      throws SummaryFormatException {
    if (node == null || !node.isObject()) {
      throw new SummaryFormatException(where + ".figures must be an object");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) {
        out.put(e.getKey(), Double.NaN);
      } else if (v.isNumber()) {
        out.put(e.getKey(), v.doubleValue());
      } else {
        throw new SummaryFormatException(where + ".figures." + e.getKey() + " must be a number");
      }
    }
    return out;
  }

  private static String text(JsonNode node, String key, String where)
      throws SummaryFormatException {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual()) {
      throw new SummaryFormatException(where + ": \"" + key + "\" must be a string");
    }
    return v.textValue();
  }
}
