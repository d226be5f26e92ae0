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
}
