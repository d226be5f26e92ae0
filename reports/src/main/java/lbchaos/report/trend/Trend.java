package lbchaos.report.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lbchaos.report.summary.ScenarioSummary;

/**
 * Runs over time, oldest first, and the series a chart draws from them.
 *
 * @param warnings history entries that could not be read (named, with why); they are skipped
 */
public record Trend(List<HistoryRun> runs, List<String> warnings) {

  /** One figure of one scenario on one stack in one run. */
  public record Point(Instant at, double value, boolean passed) {}

  public Trend {
    runs = runs.stream().sorted(Comparator.comparing(HistoryRun::at)).toList();
    warnings = List.copyOf(warnings);
  }

  /** The distinct run times, oldest first: the x positions every chart shares. */
  public List<Instant> times() {
    return runs.stream().map(HistoryRun::at).distinct().toList();
  }

  /** Scenario names, in the order the newest run lists them, then any older ones. */
  public List<String> scenarios() {
    Set<String> names = new LinkedHashSet<>();
    for (HistoryRun run : runs.reversed()) {
      run.summary().scenarios().forEach(s -> names.add(s.name()));
    }
    return List.copyOf(names);
  }

  /** Figure names a scenario had in any run, in first-seen order. */
  public List<String> figures(String scenario) {
    Set<String> names = new LinkedHashSet<>();
    for (HistoryRun run : runs.reversed()) {
      for (ScenarioSummary s : run.summary().scenarios()) {
        if (s.name().equals(scenario)) {
          names.addAll(s.figures().keySet());
        }
      }
    }
    return List.copyOf(names);
  }

  /** Per stack, the figure's value in each run that measured it, oldest first. */
  public Map<String, List<Point>> series(String scenario, String figure) {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    for (HistoryRun run : runs) {
      for (ScenarioSummary s : run.summary().scenarios()) {
        Double v = s.figures().get(figure);
        if (s.name().equals(scenario) && v != null && !v.isNaN()) {
          out.computeIfAbsent(run.summary().stack(), k -> new ArrayList<>())
              .add(new Point(run.at(), v, s.passed()));
        }
      }
    }
    return out;
  }
}
