package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CI files in examples/ci are YAML their systems read, shard the matrix 1..N with the same N
 * the commands name, merge after the shards, and call lbchaos with arguments it accepts.
 */
class CiExamplesTest {

  static final Path CI = Path.of("..", "examples", "ci");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Splits a shell line the way these simple commands split (no quoting beyond "x"). */
  static String[] args(String line) {
    String[] words = line.replace("\"", "").strip().split("\\s+");
    assertThat(words[0]).isEqualTo("bin/lbchaos");
    return java.util.Arrays.copyOfRange(words, 1, words.length);
  }

  /** picocli accepts the arguments (parsed, not run). */
  static void accepted(String line) {
    new CommandLine(new Cli()).parseArgs(args(line));
  }

  @Test
  void githubActionsShardsAndMerges() throws Exception {
    JsonNode wf = YAML.readTree(CI.resolve("github-actions.yml").toFile());
    JsonNode shard = wf.at("/jobs/shard");
    List<Integer> shards = new ArrayList<>();
    shard.at("/strategy/matrix/shard").forEach(n -> shards.add(n.asInt()));
    int n = shards.size();
    assertThat(shards).as("1..N").containsExactly(java.util.stream.IntStream.rangeClosed(1, n)
        .boxed().toArray(Integer[]::new));
    String run = shard.get("steps").findValuesAsText("run").getFirst();
    assertThat(run).contains("--shard ${{ matrix.shard }}/" + n);
    accepted(run.replace("${{ matrix.shard }}", "1"));
    JsonNode merge = wf.at("/jobs/merge");
    assertThat(merge.get("needs").asText()).isEqualTo("shard");
    String mergeRun = merge.get("steps").findValuesAsText("run").getFirst();
    accepted(mergeRun.replace("shards/*", "shards/shard-1 shards/shard-2"));
    assertThat(wf.has("on")).as("a trigger").isTrue();
  }

  @Test
  void gitlabShardsOnDindAndMerges() throws Exception {
    JsonNode ci = YAML.readTree(CI.resolve("gitlab-ci.yml").toFile());
    JsonNode shard = ci.get("lbchaos-shard");
    JsonNode values = shard.at("/parallel/matrix/0/SHARD");
    int n = values.size();
    for (int i = 0; i < n; i++) {
      assertThat(values.get(i).asText()).isEqualTo(Integer.toString(i + 1));
    }
    assertThat(ci.at("/variables/DOCKER_HOST").asText()).as("the engine over TCP, no socket")
        .startsWith("tcp://docker:");
    assertThat(shard.at("/services/0/name").asText()).startsWith("docker:").endsWith("-dind");
    String script = shard.at("/script/0").asText();
    assertThat(script).contains("--shard \"${SHARD}/" + n + "\"");
    accepted(script.replace("${SHARD}", "1"));
    JsonNode merge = ci.get("lbchaos-merge");
    assertThat(merge.at("/needs/0/job").asText()).isEqualTo("lbchaos-shard");
    assertThat(ci.at("/stages").toString()).isEqualTo("[\"shard\",\"merge\"]");
    accepted(merge.at("/script/0").asText().replace("shard-*", "shard-1 shard-2"));
  }

  /**
   * The workflow against GitHub's workflow schema (SchemaStore's, as action-validator carries
   * it: `npm install -g @action-validator/cli`, which .ci/run does); a misspelt key in a copy
   * must fail the same check. Skipped, with that reason, where the validator is not installed.
   * GitLab has no offline linter (its lint is an API of a GitLab server): the test above reads
   * that file's structure instead.
   */
  @Test
  void githubWorkflowPassesGitHubsWorkflowSchema(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path workflow = CI.resolve("github-actions.yml");
    Validated ok = actionValidator(workflow);
    assertThat(ok.code()).as("action-validator on %s: %s", workflow, ok.output()).isZero();
    Path broken = tmp.resolve("broken.yml");
    java.nio.file.Files.writeString(broken, java.nio.file.Files.readString(workflow)
        .replace("runs-on:", "runs_on:"));
    Validated bad = actionValidator(broken);
    assertThat(bad.code()).as("a misspelt key: %s", bad.output()).isNotZero();
    assertThat(bad.output()).contains("runs_on");
  }

  record Validated(int code, String output) {}

  static Validated actionValidator(Path file) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("action-validator", file.toString()).redirectErrorStream(true)
          .start();
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("action-validator is not installed"
          + " (npm install -g @action-validator/cli): " + e.getMessage());
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("action-validator did not end within 60 s");
    }
    return new Validated(p.exitValue(), out);
  }
}
