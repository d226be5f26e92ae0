package lbchaos.harness.cli;

import static lbchaos.harness.judge.JudgeTest.evidence;
import static lbchaos.harness.judge.JudgeTest.masterKill;
import static lbchaos.harness.judge.JudgeTest.us;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.event.VipChange;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.EvidenceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `lbchaos compare` on two saved report folders (offline, the way it compares the two runs it
 * makes): the same evidence agrees, a check whose outcome differs fails the gate with exit 1 and
 * says which, and bad arguments are bad input.
 */
class CompareCommandTest {

  @TempDir Path dir;

  Path folder(String name, History h) throws Exception {
    Path f = dir.resolve(name).resolve("history-master-down.json");
    Files.createDirectories(f.getParent());
    EvidenceJson.write(evidence(h), f);
    return f.getParent();
  }

  @Test
  void theSameEvidenceAgrees() throws Exception {
    Path a = folder("a", masterKill());
    Path b = folder("b", masterKill());
    CheckCommandTest.Run r = CheckCommandTest.run("compare", a.toString(), b.toString());
    assertThat(r.code()).as("exit; %s %s", r.out(), r.err()).isZero();
    assertThat(r.out()).contains("0 outcomes differ, 0 figures moved beyond noise");
  }

  @Test
  void anOutcomeThatDiffersFailsTheGateNamingTheCheck() throws Exception {
    Path a = folder("old", masterKill());
    Path b = folder("new", masterKill().plus(List.of(
        new VipChange(us(0.5), "loadbalancer-2", "10.0.0.211", true),
        new VipChange(us(1.9), "loadbalancer-2", "10.0.0.211", false))));
    CheckCommandTest.Run r = CheckCommandTest.run("compare", a.toString(), b.toString());
    assertThat(r.code()).as("exit; %s %s", r.out(), r.err()).isEqualTo(Cli.CHECK_FAILED);
    assertThat(r.out()).contains("DIFF master-down single-vip-holder: pass on " + a
        + ", fail on " + b).contains("1 outcomes differ");
  }

  @Test
  void badArgumentsAreBadInput() throws Exception {
    Path a = folder("a", masterKill());
    assertThat(CheckCommandTest.run("compare", a.toString()).code()).as("one folder")
        .isEqualTo(Cli.BAD_INPUT);
    assertThat(CheckCommandTest.run("compare", "--stacks", "java,java").code())
        .as("the same stack twice").isEqualTo(Cli.BAD_INPUT);
    assertThat(CheckCommandTest.run("compare", "--stacks", "reference,reference-14").code())
        .as("an unknown stack").isEqualTo(Cli.BAD_INPUT);
  }
}
