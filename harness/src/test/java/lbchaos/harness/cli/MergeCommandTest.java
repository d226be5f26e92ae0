package lbchaos.harness.cli;

import static lbchaos.harness.judge.JudgeTest.masterKill;
import static lbchaos.harness.judge.JudgeTest.us;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.event.VipChange;
import lbchaos.harness.history.History;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.judge.JudgeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shards' folders merged: every cell once, judged again, one exit code for the whole. */
class MergeCommandTest {

  @TempDir Path dir;

  void save(String shard, String scenario, String stack, History h) throws Exception {
    Evidence e = JudgeTest.evidence(h);
    e = new Evidence(scenario, e.description(), stack, e.topology(), e.configs(), e.daemons(),
        e.checks(), e.history());
    Path f = dir.resolve(shard).resolve("history-" + scenario + ".json");
    Files.createDirectories(f.getParent());
    EvidenceJson.write(e, f);
  }

  @Test
  void twoShardsMergeIntoOneReportPerStackAndPass() throws Exception {
    save("s1", "master-down", "java", masterKill());
    save("s2", "round-robin", "java", masterKill());
    save("s2", "master-down", "reference", masterKill());
    Path out = dir.resolve("merged");
    var r = CheckCommandTest.run("merge", "--report", out.toString(),
        dir.resolve("s1").toString(), dir.resolve("s2").toString());
    assertThat(r.code()).as("%s %s", r.out(), r.err()).isZero();
    JsonNode java = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(java.get("stack").asText()).isEqualTo("java");
    assertThat(java.get("scenarios")).extracting(s -> s.get("name").asText())
        .as("registry order, every cell once").containsExactly("round-robin", "master-down");
    assertThat(out.resolve("summary-reference.json")).exists();
    assertThat(out.resolve("index.html")).exists();
    assertThat(CheckCommandTest.check(out.toString()).code()).as("the merged folder re-judges")
        .isZero();
  }

  @Test
  void aFailureInAnyShardFailsTheMerge() throws Exception {
    save("s1", "master-down", "java", masterKill());
    save("s2", "round-robin", "java", masterKill().plus(List.of(
        new VipChange(us(0.5), "loadbalancer-2", "10.0.0.211", true),
        new VipChange(us(1.9), "loadbalancer-2", "10.0.0.211", false))));
    var r = CheckCommandTest.run("merge", "--report", dir.resolve("m").toString(),
        dir.resolve("s1").toString(), dir.resolve("s2").toString());
    assertThat(r.code()).isEqualTo(Cli.CHECK_FAILED);
    assertThat(CheckCommandTest.run("merge", dir.resolve("nothing").toString()).code())
        .isEqualTo(Cli.BAD_INPUT);
  }
}
