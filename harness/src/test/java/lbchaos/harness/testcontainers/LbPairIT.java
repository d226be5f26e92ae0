package lbchaos.harness.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.topology.RunId;
import lbchaos.harness.topology.Stack;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link LbPair} as its javadoc and the README show it: a {@code @Container} field of a
 * {@code @Testcontainers} class, started by Testcontainers' own extension from a team's configs
 * (here the same files as OwnConfigsIT), on the java stack.
 */
@Testcontainers
class LbPairIT {

  @Container
  static final LbPair LB = LbPair.fromConfigs(List.of("src/test/resources/team/lb1.conf",
      "src/test/resources/team/lb2.conf"), "src/test/resources/team/haproxy.cfg")
      .withStack(Stack.JAVA);

  @Test
  void theBackupTakesOverWithinTheBoundsOfOurConfigs() {
    assertThat(LB.session().lab().lbs()).as("started by @Testcontainers, before the test")
        .hasSize(2);
    List<Verdict> verdicts = LB.run("master-down");
    assertThat(verdicts).as("master-down's verdicts").isNotEmpty()
        .allSatisfy(v -> assertThat(v.passed()).as(v.line()).isTrue());
    assertThat(verdicts).extracting(Verdict::name).contains("client-outage");
  }

  /**
   * Started and stopped by hand (try-with-resources): nothing of it remains afterwards. A user's
   * configs fix the subnet, so a second pair needs other configs.
   */
  @Test
  void aPairStoppedLeavesNothingBehind() {
    RunId run;
    // The article's configs: their own subnet, beside the @Container pair that still runs.
    try (LbPair pair = LbPair.fromConfigs(List.of("src/test/resources/article/keepalived-lb1.conf",
        "src/test/resources/article/keepalived-lb2.conf"), "src/test/resources/article/haproxy.cfg")
        .withStack(Stack.JAVA)) {
      pair.start();
      run = pair.session().lab().run();
      assertThat(containers(run)).as("its containers while it runs").isNotEmpty();
    }
    assertThat(containers(run)).as("its containers after stop").isEmpty();
    assertThat(Docker.client().listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL
        + "=" + run.value())).exec()).as("its network after stop").isEmpty();
  }

  private static List<?> containers(RunId run) {
    return Docker.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Docker.RUN_LABEL, run.value())).exec();
  }
}
