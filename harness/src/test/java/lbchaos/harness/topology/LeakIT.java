package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Scenario;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import org.junit.jupiter.api.Test;

/** Nothing of ours is left behind: after a failing run, and after a runner killed mid-fault. */
class LeakIT {

  static void assertNothingLeftOf(String run) {
    var docker = Docker.client();
    assertThat(docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Docker.RUN_LABEL, run)).exec()).as("containers of run %s", run)
        .isEmpty();
    assertThat(docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL + "=" + run))
        .exec()).as("networks of run %s", run).isEmpty();
  }

  @Test
  void aScenarioThatFailsMidFaultLeavesNothing() {
    String[] run = new String[1];
    Scenario failing = new Scenario() {
      public String name() {
        return "fails-mid-fault";
      }

      public String description() {
        return "blocks VRRP, then throws";
      }

      public List<lbchaos.harness.check.Checker> run(lbchaos.harness.scenario.Session s) {
        run[0] = s.lab().run().value();
        s.nemesis().inject(Faults.blockVrrp());
        throw new IllegalStateException("a scenario bug, on purpose");
      }
    };
    ScenarioResult r = new ScenarioRunner(LabSpec.article(Stack.REFERENCE), System.out,
        ProbeWatcher.NONE).run(failing);
    assertThat(r.passed()).as("the scenario failed").isFalse();
    assertThat(r.error()).as("its error is reported").contains("on purpose");
    assertNothingLeftOf(run[0]);
  }

  @Test
  void aRunnerKilledWithSigkillMidFaultIsSweptByTheNextRun() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KilledRunner.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String run;
    try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line = out.readLine();
      assertThat(line).as("the runner started a topology and blocked VRRP").startsWith("RUN ");
      run = line.substring(4);
      var docker = Docker.client();
      assertThat(docker.listContainersCmd().withLabelFilter(Map.of(Docker.RUN_LABEL, run)).exec())
          .as("its containers run before the kill").isNotEmpty();
      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("runner gone").isTrue();
    } finally {
      child.destroyForcibly();
    }
    // What the next run does first (and `lbchaos clean`, for every owner).
    await("the next run's sweep").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Sweeper.staleRuns(Docker.client());
      assertNothingLeftOf(run);
    });
  }
}
