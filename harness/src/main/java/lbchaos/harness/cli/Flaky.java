package lbchaos.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * A check that failed and then passed when its scenario ran again: nightly lists it with both
 * histories (the rerun is {@code name.rerun}), so that a person can tell noise from a defect.
 * The failure still counts: the run that failed is in the report as it happened.
 */
record Flaky(String stack, String scenario, String check, String failedHistory,
    String passedHistory) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The nightly's file name of a result's evidence. */
  static String historyFile(String stack, String scenario) {
    return "history-" + stack + "-" + scenario + ".json";
  }

  /**
   * Runs each failed scenario once more (appending the rerun to {@code results}) and returns the
   * checks that failed the first time and passed the second.
   */
  static List<Flaky> rerunFailures(String stack, List<ScenarioRunner.Planned> plan,
      List<ScenarioResult> results, ScenarioRunner runner) {
    List<Flaky> out = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      ScenarioResult first = results.get(i);
      if (first.outcome() != Outcome.FAIL) {
        continue;
      }
      ScenarioResult again = runner.run(plan.get(i), first.name() + ".rerun");
      results.add(again);
      out.addAll(between(stack, first, again));
    }
    return out;
  }

  static List<Flaky> between(String stack, ScenarioResult first, ScenarioResult again) {
    Set<String> passedAgain = again.verdicts().stream().filter(Verdict::passed)
        .map(Verdict::name).collect(Collectors.toSet());
    return first.verdicts().stream()
        .filter(v -> v.outcome() == Outcome.FAIL && passedAgain.contains(v.name()))
        .map(v -> new Flaky(stack, first.name(), v.name(), historyFile(stack, first.name()),
            historyFile(stack, again.name())))
        .toList();
  }

  static void write(List<Flaky> flaky, Path file) throws IOException {
    JSON.writeValue(file.toFile(), flaky);
  }

  static String lines(List<Flaky> flaky) {
    if (flaky.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(String.format(
        "%nflaky: %d check(s) failed, then passed when the scenario ran again%n", flaky.size()));
    flaky.forEach(f -> sb.append(String.format("  %s / %s / %s: %s, then %s%n", f.stack(),
        f.scenario(), f.check(), f.failedHistory(), f.passedHistory())));
    return sb.toString();
  }
}
