package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlakyTest {

  static ScenarioResult result(String name, Verdict... verdicts) {
    return new ScenarioResult(new Evidence(name, "", "java", Map.of(), Map.of(), Map.of(),
        List.of(), History.of(List.of())), List.of(verdicts), null);
  }

  @Test
  void aCheckThatFailedThenPassedIsFlakyAndOneThatFailedTwiceIsNot(@TempDir Path dir)
      throws Exception {
    ScenarioResult first = result("master-down",
        new Verdict("client-outage", false, Map.of(), "3.9 s beyond 3.56 s"),
        new Verdict("single-vip-holder", false, Map.of(), "two holders for 2 s"),
        new Verdict("failed-requests", true, Map.of(), "2 failed"));
    ScenarioResult again = result("master-down.rerun",
        new Verdict("client-outage", true, Map.of(), "1.2 s within 3.56 s"),
        new Verdict("single-vip-holder", false, Map.of(), "two holders for 2 s"),
        new Verdict("failed-requests", true, Map.of(), "2 failed"));
    List<Flaky> flaky = Flaky.between("java", first, again);
    assertThat(flaky).singleElement().isEqualTo(new Flaky("java", "master-down",
        "client-outage", "history-java-master-down.json", "history-java-master-down.rerun.json"));
    Flaky.write(flaky, dir.resolve("flaky.json"));
    assertThat(Files.readString(dir.resolve("flaky.json"))).contains("\"check\" : \"client-outage\"");
    assertThat(Flaky.lines(flaky)).contains("java / master-down / client-outage");
    assertThat(Flaky.lines(List.of())).isEmpty();
  }
}
