package lbchaos.report.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import lbchaos.report.model.FuzzReport;

/**
 * Writes fuzz.json next to summary.json:
 * {@code {"passed": b, "tries_per_property": n, "seconds": s, "cases": n,
 * "targets": [{"name": t, "cases": n, "outcomes": {"parsed": n, ...}}]}}, as a tree for the
 * same reason as {@link SummaryJson}.
 */
public final class FuzzJson {

  public static final String FILE_NAME = "fuzz.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FuzzJson() {}

  public static Path write(FuzzReport fuzz, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    Files.writeString(file, JSON.writeValueAsString(tree(fuzz)));
    return file;
  }

  static ObjectNode tree(FuzzReport fuzz) {
    ObjectNode root = JSON.createObjectNode();
    root.put("passed", fuzz.passed());
    root.put("tries_per_property", fuzz.triesPerProperty());
    root.put("seconds", fuzz.took().toMillis() / 1000.0);
    root.put("cases", fuzz.cases());
    var targets = root.putArray("targets");
    for (FuzzReport.Target t : fuzz.targets()) {
      ObjectNode n = targets.addObject();
      n.put("name", t.name());
      n.put("cases", t.cases());
      ObjectNode outcomes = n.putObject("outcomes");
      for (Map.Entry<String, Long> e : new TreeMap<>(t.outcomes()).entrySet()) {
        outcomes.put(e.getKey(), e.getValue());
      }
    }
    return root;
  }
}
