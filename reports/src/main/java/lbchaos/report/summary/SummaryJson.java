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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lbchaos.report.model.Repetition;
import lbchaos.report.model.RunInfo;
import lbchaos.report.model.RunReport;
import lbchaos.verdict.Bound;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Tolerance;
import lbchaos.verdict.Verdict;

/**
 * Writes and reads summary.json. Version 2 (see {@code summary-v2.schema.json} next to this class,
 * the JSON Schema tests validate real output against):
 * {@code {"schemaVersion": 2, "tool": {...}, "started", "finished", "seconds", "host": {...},
 * "stack", "daemons": {...}, "seed", "outcome", "passed", "scenarios": [{"name", "outcome",
 * "passed", "seconds", "figures": {...}, "verdicts": [...]}], "minPassRate", "repetitions":
 * [{"scenario", "check", "runs", "passed", "failed", "passRate", "outcome", "figure", "p50",
 * "p95", "max"}]}}.
 * Built as a tree rather than by data binding so that the form cannot drift with the records.
 * The reader ignores fields it does not know and still reads version 1 (stack, and per scenario
 * name, passed, figures), so a trend over months stays readable.
 */
public final class SummaryJson {

  public static final String FILE_NAME = "summary.json";
  public static final int SCHEMA_VERSION = 2;

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
    RunInfo info = summary.info();
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.putObject("tool").put("version", info.toolVersion()).put("commit", info.commit());
    root.put("started", info.started().toString());
    root.put("finished", info.finished().toString());
    putNumber(root, "seconds", info.duration().toMillis() / 1000.0);
    ObjectNode host = root.putObject("host");
    info.host().forEach(host::put);
    root.put("stack", summary.stack());
    ObjectNode daemons = root.putObject("daemons");
    info.daemons().forEach(daemons::put);
    if (info.seed() == null) {
      root.putNull("seed");
    } else {
      root.put("seed", info.seed());
    }
    root.put("outcome", lower(summary.outcome()));
    root.put("passed", summary.passed());
    ArrayNode scenarios = root.putArray("scenarios");
    for (ScenarioSummary s : summary.scenarios()) {
      ObjectNode node = scenarios.addObject();
      node.put("name", s.name());
      node.put("outcome", lower(s.outcome()));
      node.put("passed", s.passed());
      putNumber(node, "seconds", s.seconds());
      ObjectNode figures = node.putObject("figures");
      s.figures().forEach((k, v) -> putNumber(figures, k, v));
      ArrayNode verdicts = node.putArray("verdicts");
      s.verdicts().forEach(v -> verdict(verdicts.addObject(), v));
    }
    putNumber(root, "minPassRate", summary.minPassRate());
    ArrayNode reps = root.putArray("repetitions");
    for (Repetition r : summary.repetitions()) {
      ObjectNode n = reps.addObject();
      n.put("scenario", r.scenario());
      n.put("check", r.check());
      n.put("runs", r.runs());
      n.put("passed", r.passed());
      n.put("failed", r.failed());
      putNumber(n, "passRate", r.passRate());
      n.put("outcome", lower(r.outcome(summary.minPassRate())));
      if (r.figure() == null) {
        n.putNull("figure");
      } else {
        n.put("figure", r.figure());
      }
      putNumber(n, "p50", r.p50());
      putNumber(n, "p95", r.p95());
      putNumber(n, "max", r.max());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write summary", e);
    }
  }

  private static void verdict(ObjectNode node, Verdict v) {
    node.put("name", v.name());
    node.put("outcome", lower(v.outcome()));
    node.put("sentence", v.sentence());
    if (v.figure() == null) {
      node.putNull("figure");
    } else {
      node.put("figure", v.figure());
    }
    ObjectNode figures = node.putObject("figures");
    v.figures().forEach((k, x) -> putNumber(figures, k, x));
    Bound b = v.bound();
    if (b == null) {
      node.putNull("bound");
    } else {
      ObjectNode bound = node.putObject("bound");
      putNumber(bound, "seconds", b.seconds());
      bound.put("derivation", b.derivation());
      ObjectNode tol = bound.putObject("tolerance");
      putNumber(tol, "seconds", b.tolerance().seconds());
      tol.put("reason", b.tolerance().reason());
    }
    ArrayNode parts = node.putArray("parts");
    v.parts().forEach(p -> verdict(parts.addObject(), p));
  }

  private static String lower(Outcome o) {
    return o.name().toLowerCase(Locale.ROOT);
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
    JsonNode version = root.get("schemaVersion");
    if (version != null && (!version.isInt() || version.intValue() > SCHEMA_VERSION)) {
      throw new SummaryFormatException(origin + ": schemaVersion " + version + " is newer than"
          + " this lbchaos reads (" + SCHEMA_VERSION + ")");
    }
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
      List<Verdict> verdicts = new ArrayList<>();
      JsonNode vs = s.path("verdicts");
      for (int j = 0; j < vs.size(); j++) {
        verdicts.add(verdict(vs.get(j), where + ".verdicts[" + j + "]"));
      }
      scenarios.add(new ScenarioSummary(text(s, "name", where), outcome(s, where),
          s.path("seconds").asDouble(0), figures(s.get("figures"), where), verdicts));
    }
    List<Repetition> reps = new ArrayList<>();
    for (JsonNode r : root.path("repetitions")) {
      reps.add(new Repetition(r.path("scenario").asText(), r.path("check").asText(),
          r.path("runs").asInt(), r.path("passed").asInt(), r.path("failed").asInt(),
          r.hasNonNull("figure") ? r.get("figure").asText() : null, number(r.get("p50")),
          number(r.get("p95")), number(r.get("max"))));
    }
    double minPassRate = root.path("minPassRate").asDouble(1.0);
    Outcome outcome = root.hasNonNull("outcome") ? outcome(root, origin)
        : new Summary(stack, scenarios).outcome();
    return new Summary(stack, info(root, origin), outcome, scenarios, reps, minPassRate);
  }

  private static double number(JsonNode n) {
    return n == null || !n.isNumber() ? Double.NaN : n.doubleValue();
  }

  /** v2 says "outcome"; v1 only "passed". */
  private static Outcome outcome(JsonNode s, String where) throws SummaryFormatException {
    JsonNode o = s.get("outcome");
    if (o != null && o.isTextual()) {
      try {
        return Outcome.valueOf(o.textValue().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SummaryFormatException(where + ".outcome must be pass, fail or unknown");
      }
    }
    JsonNode passed = s.get("passed");
    if (passed == null || !passed.isBoolean()) {
      throw new SummaryFormatException(where + ".passed must be true or false");
    }
    return passed.booleanValue() ? Outcome.PASS : Outcome.FAIL;
  }

  private static RunInfo info(JsonNode root, String origin) throws SummaryFormatException {
    Instant started;
    Instant finished;
    try {
      started = root.hasNonNull("started") ? Instant.parse(root.get("started").asText())
          : Instant.EPOCH;
      finished = root.hasNonNull("finished") ? Instant.parse(root.get("finished").asText())
          : started;
    } catch (java.time.format.DateTimeParseException e) {
      throw new SummaryFormatException(origin + ": started/finished must be ISO-8601 instants");
    }
    return new RunInfo(root.path("tool").path("version").asText(null),
        root.path("tool").path("commit").asText(null), started, finished,
        strings(root.get("host")), strings(root.get("daemons")),
        root.hasNonNull("seed") ? root.get("seed").asLong() : null);
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static Verdict verdict(JsonNode v, String where) throws SummaryFormatException {
    Bound bound = null;
    JsonNode b = v.get("bound");
    if (b != null && b.isObject()) {
      JsonNode t = b.path("tolerance");
      bound = new Bound(seconds(b.path("seconds").asDouble()), text(b, "derivation", where),
          new Tolerance(seconds(t.path("seconds").asDouble(0)), t.path("reason").asText("none")));
    }
    List<Verdict> parts = new ArrayList<>();
    JsonNode ps = v.path("parts");
    for (int i = 0; i < ps.size(); i++) {
      parts.add(verdict(ps.get(i), where + ".parts[" + i + "]"));
    }
    return new Verdict(text(v, "name", where), outcome(v, where),
        v.hasNonNull("figure") ? v.get("figure").asText() : null, figures(v.get("figures"), where),
        bound, text(v, "sentence", where), parts);
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
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
