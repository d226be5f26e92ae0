package lbchaos.harness.cli;

import static lbchaos.harness.judge.JudgeTest.evidence;
import static lbchaos.harness.judge.JudgeTest.masterKill;
import static lbchaos.harness.judge.JudgeTest.us;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.event.VipChange;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.judge.VerdictLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lbchaos check` on saved evidence: the run's verdict lines again, and an exit code that says
 * pass (0), fail (1), bad input (2) or no verdict (4). The files are edited the way the issue's
 * "done when" asks: the observer's events removed, an overlapping second VIP holder added.
 */
class CheckCommandTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run check(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    return run(all);
  }

  /** The CLI with these arguments, its output kept. */
  static Run run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = Cli.execute(new PrintStream(out, true), new PrintStream(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  Path save(String name, History h) throws Exception {
    Path f = dir.resolve(name).resolve("history-master-down.json");
    Files.createDirectories(f.getParent());
    EvidenceJson.write(evidence(h), f);
    return f;
  }

  @Test
  void aHealthyRunPassesWithTheSameLines() throws Exception {
    Path f = save("healthy", masterKill());
    Run r = check(dir.resolve("healthy").toString());
    assertThat(r.code()).as("exit; %s %s", r.out(), r.err()).isZero();
    assertThat(r.out()).as("the verdict lines a run prints").contains(
        VerdictLines.of(Judge.judge(evidence(masterKill())))).contains(f.toString());
  }

  @Test
  void withoutTheObserverTheVerdictIsUnknownAndExit4() throws Exception {
    save("blind", masterKill().filter(e -> !e.source().equals("observer")));
    Run r = check(dir.resolve("blind").toString());
    assertThat(r.code()).as("exit; %s", r.out()).isEqualTo(Cli.NO_VERDICT);
    assertThat(r.out()).contains("UNKNOWN master-down").contains("observer recorded no event");
  }

  @Test
  void anOverlappingSecondHolderFailsWithExit1() throws Exception {
    save("dual", masterKill().plus(List.of(
        new VipChange(us(0.5), "loadbalancer-2", "10.0.0.211", true),
        new VipChange(us(1.9), "loadbalancer-2", "10.0.0.211", false))));
    Run r = check(dir.resolve("dual").toString());
    assertThat(r.code()).as("exit; %s", r.out()).isEqualTo(Cli.CHECK_FAILED);
    assertThat(r.out()).contains("FAIL single-vip-holder");
  }

  @Test
  void aFailureOutranksAnUnknownAcrossFiles() throws Exception {
    save("blind", masterKill().filter(e -> !e.source().equals("observer")));
    save("dual", masterKill().plus(List.of(
        new VipChange(us(0.5), "loadbalancer-2", "10.0.0.211", true),
        new VipChange(us(1.9), "loadbalancer-2", "10.0.0.211", false))));
    assertThat(check(dir.toString()).code()).isEqualTo(Cli.CHECK_FAILED);
  }

  @Test
  void aFileThatIsNotEvidenceIsBadInput() throws Exception {
    Path f = dir.resolve("history-old.json");
    Files.writeString(f, "[{\"type\":\"vip\"}]\n");
    Run r = check(f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("history-old.json");
    assertThat(check(dir.resolve("absent").toString()).code()).as("no such folder").isEqualTo(2);
  }
}
