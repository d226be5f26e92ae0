package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FuzzStepTest {

  @Test
  void theLedgerBecomesCountedTargetsAndASummary(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("vrrp-decoder.properties"), """
        # fuzz cases of vrrp-decoder
        cases=300000
        outcome.drop-TTL=100000
        outcome.drop-CHECKSUM=150000
        outcome.received=50000
        """);
    Files.writeString(dir.resolve("keepalived.conf.properties"),
        "cases=200000\noutcome.error=120000\noutcome.parsed=80000\n");
    Files.writeString(dir.resolve("notes.txt"), "not a ledger");
    List<FuzzStep.Target> targets = FuzzStep.read(dir);
    assertThat(targets).as("two ledgers, by name").extracting(FuzzStep.Target::name)
        .containsExactly("keepalived.conf", "vrrp-decoder");
    assertThat(targets.get(1).outcomes()).as("drop reasons").containsEntry("drop-TTL", 100000L)
        .containsEntry("received", 50000L);
    FuzzStep.Result ok = new FuzzStep.Result(0, 100000, targets, Duration.ofSeconds(300));
    assertThat(ok.cases()).as("cases over all targets").isEqualTo(500000);
    assertThat(ok.passed()).as("exit 0 with a ledger").isTrue();
    assertThat(ok.summary()).as("summary").contains("fuzz: passed, 500,000 cases",
        "vrrp-decoder", "drop-CHECKSUM 150,000");
    FuzzStep.Result failed = new FuzzStep.Result(1, 100000, targets, Duration.ofSeconds(3));
    assertThat(failed.passed()).as("a failed property fails the step").isFalse();
    assertThat(new FuzzStep.Result(0, 10, List.of(), Duration.ZERO).passed())
        .as("nothing counted is no pass").isFalse();
    assertThat(FuzzStep.read(dir.resolve("missing"))).as("no ledger folder").isEmpty();
  }

  @Test
  void onlyProgressLinesOfMavenReachTheConsole() {
    assertThat(FuzzStep.progress("[INFO] --- maven-surefire-plugin:3.5.4:test (fuzz-haproxy) @ x"))
        .as("a target starts").isTrue();
    assertThat(FuzzStep.progress("[ERROR] Tests run: 7, Failures: 0, Errors: 1")).isTrue();
    assertThat(FuzzStep.progress("[INFO] BUILD SUCCESS")).isTrue();
    assertThat(FuzzStep.progress("[INFO] Compiling 212 source files")).as("compilation").isFalse();
    assertThat(FuzzStep.progress("INFO: Instrumented lbchaos.vrrp.packet.VrrpCodec"))
        .as("Jazzer's log").isFalse();
  }
}
