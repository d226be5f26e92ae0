package lbchaos.report.summary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One scenario's line in summary.json; figures keep their order. */
public record ScenarioSummary(String name, boolean passed, Map<String, Double> figures) {

  public ScenarioSummary {
    Objects.requireNonNull(name, "name must not be null");
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }
}
