package lbchaos.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.topology.Stack;
import lbchaos.verdict.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The JUnit path a team takes with its own configs: {@code @LbChaos} naming the files (relative
 * to this module's directory) and {@link LbChaosTests} giving one dynamic test per scenario, on
 * a topology derived from them as {@code lbchaos run} derives it. One short scenario, so that
 * the suite stays short; the Maven plugin's example project runs the same path from outside.
 * The haproxy.cfg routes by a map file beside it, which haproxy finds in the LBs or would not
 * start.
 */
@LbChaos(stack = Stack.REFERENCE, keepalived = {"src/test/resources/team/lb1.conf",
    "src/test/resources/team/lb2.conf"}, haproxy = "src/test/resources/team/haproxy-map.cfg")
class OwnConfigsIT {

  @TestFactory
  Stream<DynamicTest> roundRobinThroughTheVipOfOurConfigs(LbChaosTests lbchaos) {
    return lbchaos.scenarios("round-robin");
  }

  /** The dynamic test's evidence was written where the docs say, and judges again the same. */
  @AfterAll
  static void itsEvidenceIsKept() throws Exception {
    Path file = LbChaosExtension.histories().resolve(OwnConfigsIT.class.getName())
        .resolve("history-round-robin-reference.json");
    assertThat(file).as("the dynamic test's evidence").exists();
    var evidence = EvidenceJson.read(file);
    assertThat(evidence.configs().keySet()).as("our configs ran on the LBs")
        .anyMatch(k -> k.endsWith("/etc/keepalived/check_haproxy.sh"))
        .anyMatch(k -> k.endsWith("/etc/haproxy/hosts.map"));
    assertThat(Outcome.of(Judge.judge(evidence).stream().map(v -> v.outcome()).toList()))
        .as("judged again from the file").isEqualTo(Outcome.PASS);
  }
}
