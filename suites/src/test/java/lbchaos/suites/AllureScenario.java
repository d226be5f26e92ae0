package lbchaos.suites;

import io.qameta.allure.Allure;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import lbchaos.verdict.Verdict;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Properties;
import lbchaos.harness.history.FaultWindow;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.report.RunFacts;
import lbchaos.report.model.RunInfo;
import lbchaos.verdict.Outcome;
import lbchaos.harness.report.ReportMapper;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.console.ArticleLog;
import lbchaos.report.html.HtmlReport;

/**
 * What an Allure report shows for one scenario: the timeline (the same single-file HTML as
 * `--report`), the article-style log, the History as JSON, each container's output, and every
 * figure as a parameter. Figures are excluded from the test's identity, so Allure's history
 * still matches runs whose figures differ.
 */
final class AllureScenario {

  private AllureScenario() {}

  static void attach(String stack, ScenarioResult r, Map<String, String> containerLogs) {
    Allure.label("stack", stack);
    Allure.label("scenario", r.name());
    Allure.suite("lbchaos " + stack);
    phases(r);
    environment(r);
    for (Verdict v : r.verdicts()) {
      v.figures().forEach((k, val) -> Allure.parameter(v.name() + "." + k, val, true));
    }
    var run = ReportMapper.run(stack, Instant.now(), List.of(r));
    Allure.addAttachment("timeline", "text/html", HtmlReport.render(List.of(run), null), "html");
    Allure.addAttachment("article log", "text/plain", String.join("\n", ArticleLog.lines(
        ReportMapper.timeline(r.history()), ZoneId.systemDefault())), "txt");
    Allure.addAttachment("history.json", "application/json",
        EvidenceJson.toJson(r.evidence()), "json");
    containerLogs.forEach((node, text) ->
        Allure.addAttachment("log: " + node, "text/plain", text, "txt"));
  }

  /**
   * The run's phases as steps, timed from its History (the scenario ran before Allure could
   * time it): baseline until the first fault, inject, wait while faulted, heal, then judge with
   * one step per verdict. A failed check fails its step; an unknown one breaks it.
   */
  static void phases(ScenarioResult r) {
    History h = r.history();
    long start = h.startMicros().orElse(0L);
    long end = h.endMicros().orElse(start);
    List<StepResult> steps = new ArrayList<>();
    List<FaultWindow> windows = h.faultWindows();
    long inject = windows.isEmpty() ? end : windows.getFirst().injectAt();
    long heal = windows.stream().map(w -> w.healAt().orElse(end)).max(Long::compare).orElse(end);
    steps.add(step("baseline", start, inject, Status.PASSED));
    for (FaultWindow w : windows) {
      steps.add(step("inject " + w.fault() + " " + w.target(), w.injectAt(), w.injectAt(),
          Status.PASSED));
    }
    if (!windows.isEmpty()) {
      steps.add(step("wait", inject, heal, Status.PASSED));
      steps.add(step("heal", heal, end, Status.PASSED));
    }
    StepResult judge = step("judge", end, end, status(r.outcome()));
    for (Verdict v : r.verdicts()) {
      judge.getSteps().add(step(v.line(), end, end, status(v.outcome())));
    }
    steps.add(judge);
    Allure.getLifecycle().updateTestCase(t -> t.getSteps().addAll(steps));
  }

  private static StepResult step(String name, long fromMicros, long toMicros, Status status) {
    return new StepResult().setName(name).setStart(fromMicros / 1000).setStop(toMicros / 1000)
        .setStatus(status).setStage(Stage.FINISHED);
  }

  private static Status status(Outcome o) {
    return switch (o) {
      case PASS -> Status.PASSED;
      case FAIL -> Status.FAILED;
      case UNKNOWN -> Status.BROKEN;
    };
  }

  /**
   * environment.properties and categories.json in the results folder: the versions every result
   * came from, and Allure's categories telling a broken config (a check failed) from a run that
   * could not tell (no verdict). Written once per JVM, by the first scenario.
   */
  private static synchronized void environment(ScenarioResult r) {
    if (environmentWritten) {
      return;
    }
    Path dir = Path.of(System.getProperty("allure.results.directory", "allure-results"));
    Properties env = new Properties();
    RunInfo info = RunFacts.of(Instant.now(), null, List.of(r));
    env.setProperty("lbchaos.version", info.toolVersion());
    env.setProperty("lbchaos.commit", info.commit());
    info.host().forEach((k, v) -> env.setProperty("host." + k, v));
    info.daemons().forEach((k, v) -> env.setProperty("daemon." + k, v));
    try {
      Files.createDirectories(dir);
      try (var w = Files.newBufferedWriter(dir.resolve("environment.properties"))) {
        env.store(w, "lbchaos suites");
      }
      Files.writeString(dir.resolve("categories.json"), CATEGORIES);
      environmentWritten = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Allure's environment to " + dir, e);
    }
  }

  private static boolean environmentWritten;

  static final String CATEGORIES = """
      [
        {"name": "Check failed: the configs or the agents broke", "matchedStatuses": ["failed"]},
        {"name": "No verdict: the harness could not tell", "matchedStatuses": ["broken"]}
      ]
      """;
}
