package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Runs after every IT of this module (its own failsafe execution, in post-integration-test): each
 * test the failsafe reports name has an allure-junit5 result, and each scenario of the suites
 * carries the attachments and figures {@link AllureScenario} promises. Not an *IT, so the main
 * execution never picks it up.
 */
class AllureResultsCheck {

  static final Path REPORTS = Path.of("target", "failsafe-reports");
  static final Path RESULTS = Path.of("target", "allure-results");
  /** The suites whose scenarios go through {@link SuiteRun}, hence {@link AllureScenario}. */
  static final Set<String> SCENARIO_SUITES = Set.of(ArticleSuiteIT.class.getName(),
      SemanticsSuiteIT.class.getName());
  static final List<String> ATTACHMENTS = List.of("timeline", "article log", "history.json");

  record Result(String testClass, String method, String name, String status,
      Set<String> attachments, int parameters) {}

  @Test
  void everyTestHasAnAllureResultWithItsAttachments() throws Exception {
    Map<String, Integer> ran = testsRun();
    assertThat(ran).as("tests in %s (did the ITs run?)", REPORTS).isNotEmpty();
    List<Result> results = results();
    Map<String, Long> written = results.stream().collect(Collectors.groupingBy(
        Result::testClass, TreeMap::new, Collectors.counting()));
    List<String> missing = new ArrayList<>();
    ran.forEach((test, n) -> {
      if (written.getOrDefault(test, 0L) < n) {
        missing.add(test + ": " + n + " run, " + written.getOrDefault(test, 0L) + " results");
      }
    });
    assertThat(missing).as("tests without an Allure result in %s", RESULTS).isEmpty();
    for (Result r : results) {
      // "broken": an error before the scenario ended, already a failure of its own.
      if (!SCENARIO_SUITES.contains(r.testClass()) || !Set.of("passed", "failed")
          .contains(r.status())) {
        continue;
      }
      assertThat(r.attachments()).as("attachments of %s", r.name()).containsAll(ATTACHMENTS)
          .anyMatch(a -> a.startsWith("log: "));
      assertThat(r.parameters()).as("figures of %s as parameters", r.name()).isPositive();
    }
  }

  /**
   * Test class to how many test cases of it ran. By class, not method: the reports name a
   * parameterized case by its display name ("round-robin on the java stack"), which does not
   * say its method.
   */
  static Map<String, Integer> testsRun() throws Exception {
    Map<String, Integer> ran = new TreeMap<>();
    var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
    try (Stream<Path> files = Files.list(REPORTS)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")
          && !p.getFileName().toString().contains(AllureResultsCheck.class.getSimpleName()))
          .toList()) {
        var cases = builder.parse(f.toFile()).getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
          Element c = (Element) cases.item(i);
          ran.merge(c.getAttribute("classname"), 1, Integer::sum);
        }
      }
    }
    return ran;
  }

  static List<Result> results() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Result> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(RESULTS)) {
      for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
        JsonNode n = json.readTree(f.toFile());
        Map<String, String> labels = new TreeMap<>();
        n.path("labels").forEach(l -> labels.put(l.path("name").asText(), l.path("value").asText()));
        Set<String> attachments = new java.util.TreeSet<>();
        n.path("attachments").forEach(a -> attachments.add(a.path("name").asText()));
        out.add(new Result(labels.getOrDefault("testClass", ""),
            labels.getOrDefault("testMethod", ""), n.path("name").asText(),
            n.path("status").asText(), attachments,
            n.path("parameters").size()));
      }
    }
    return out;
  }
}
