package lbchaos.harness.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.image.AgentsJar;
import lbchaos.harness.image.BaseRecipe;
import lbchaos.harness.image.Images;
import lbchaos.harness.scenario.ArticleScenarios;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.harness.scenario.ScenarioRunner;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.scenario.Waits;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;

/** What the harness itself costs: building its images, running the article's suite. */
final class HarnessTrials {

  private final PrintStream log;

  HarnessTrials(PrintStream log) {
    this.log = log;
  }

  /**
   * The article's three scenarios, each on a fresh topology, as `demo` runs them: one at a time
   * ({@code k1_s}) and two at once ({@code k2_s}, --parallel 2), with the scenarios that did
   * not pass in each ({@code k1_failed}, {@code k2_failed}). The stacks are the same and sound,
   * so a failure is a false one: what running topologies side by side costs the timing checks.
   */
  Map<String, Double> articleSuite(Stack stack) {
    Map<String, Double> figures = new HashMap<>();
    for (int k : new int[] {1, 2}) {
      long t0 = System.nanoTime();
      List<ScenarioResult> rs = new ScenarioRunner(LabSpec.article(stack), log,
          ProbeWatcher.NONE).parallel(k)
          .runAll(ArticleScenarios.all(LbSettings.ARTICLE, ProbeSpec.DEFAULT));
      figures.put("k" + k + "_s", (System.nanoTime() - t0) / 1e9);
      figures.put("k" + k + "_failed", (double) rs.stream().filter(r -> !r.passed()).count());
    }
    return figures;
  }

  /**
   * Both images from nothing under fresh tags (mmdebstrap or registry, jlink, docker build), as
   * on a new machine, then the check every run makes when they exist, then the article's
   * topology on them up to every webserver answering through the VIP. {@code cold_ready_s} is
   * the whole path a new machine takes, builds included. The fresh images are removed afterwards.
   */
  Map<String, Double> imageBuilds() {
    var docker = Docker.client();
    var jar = AgentsJar.locate();
    Images fresh = new Images(docker, log, "bench-" + UUID.randomUUID());
    String base = null;
    String node = null;
    try {
      long t0 = System.nanoTime();
      base = fresh.ensureBase(BaseRecipe.DEFAULT);
      long t1 = System.nanoTime();
      node = fresh.ensureNode(jar);
      long t2 = System.nanoTime();
      fresh.ensureNode(jar);
      long t3 = System.nanoTime();
      try (Lab lab = Lab.start(LabSpec.article(Stack.REFERENCE), line -> { }, log, plan -> { },
          fresh)) {
        Waits.ready(lab, Expectations.masterDownInterval(Timings.vrrp(LbSettings.ARTICLE, 1)));
        long t4 = System.nanoTime();
        // Less the warm check, which a new machine does not make twice.
        return Map.of("cold_base_s", (t1 - t0) / 1e9, "cold_node_s", (t2 - t1) / 1e9,
            "warm_s", (t3 - t2) / 1e9, "cold_ready_s", (t4 - t0 - (t3 - t2)) / 1e9);
      }
    } finally {
      for (String tag : new String[] {node, base}) {
        if (tag != null) {
          docker.removeImageCmd(tag).withForce(true).exec();
        }
      }
    }
  }
}
