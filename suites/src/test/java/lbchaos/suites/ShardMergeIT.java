package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharding loses and duplicates nothing: `nightly --shard 1/2` and `--shard 2/2`, merged, give
 * the cells of one unsharded nightly, each with the same outcome and the same verdicts (issue
 * #18's "done when"); a cell that failed and was rerun in either nightly (flaky) is compared by
 * its verdicts' names. Three short scenarios on the java stack keep it to a few minutes; the
 * slicing itself is pure and unit-tested over the whole matrix (ShardTest).
 */
class ShardMergeIT {

  static final List<String> SCENARIOS = List.of("round-robin", "master-down", "graceful-stop");

  @TempDir Path dir;

  @Test
  void twoShardsMergedEqualOneUnshardedNightlyCellForCell() throws Exception {
    Path whole = nightly("whole", "1/1");
    Path first = nightly("shard-1", "1/2");
    Path second = nightly("shard-2", "2/2");
    Path merged = dir.resolve("merged");
    var err = new ByteArrayOutputStream();
    int code = RunCommandIT.cli(List.of("merge", "--report", merged.toString(),
        first.toString(), second.toString()), new ByteArrayOutputStream(), err);
    assertThat(code).as("merge exit code; stderr: %s", err).isIn(0, 1);

    Map<String, Cell> one = cells(whole);
    Map<String, Cell> a = cells(first);
    Map<String, Cell> b = cells(second);
    // A cell that failed and ran again adds a ".rerun" cell: counted once.
    assertThat(firstRuns(one)).as("the unsharded nightly's cells").hasSize(SCENARIOS.size());
    assertThat(a).as("shard 1/2 runs some cells").isNotEmpty();
    assertThat(b).as("shard 2/2 runs some cells").isNotEmpty();
    assertThat(a.keySet()).as("no cell runs in both shards").doesNotContainAnyElementsOf(
        b.keySet());
    Map<String, Cell> union = new TreeMap<>(a);
    union.putAll(b);
    assertThat(cells(merged)).as("the merged shards, cell for cell (outcome and verdicts)")
        .isEqualTo(union);
    assertThat(firstRuns(union).keySet()).as("the shards' cells are the unsharded nightly's")
        .isEqualTo(firstRuns(one).keySet());
    // Two nightlies are two runs of chaos scenarios: a cell that failed and was rerun (a
    // ".rerun" cell) in either is noise the nightly reports as flaky, not a difference sharding
    // made; its verdicts are compared by name, every other cell by outcome too.
    firstRuns(one).forEach((cell, unsharded) -> {
      Cell sharded = union.get(cell);
      boolean rerun = one.containsKey(cell + RERUN) || union.containsKey(cell + RERUN);
      assertThat(rerun ? sharded.verdicts().keySet() : sharded).as("cell %s", cell)
          .isEqualTo(rerun ? unsharded.verdicts().keySet() : unsharded);
    });
  }

  static final String RERUN = ".rerun";

  /** The cells without nightly's reruns of failed ones. */
  static Map<String, Cell> firstRuns(Map<String, Cell> cells) {
    Map<String, Cell> out = new TreeMap<>(cells);
    out.keySet().removeIf(c -> c.endsWith(RERUN));
    return out;
  }

  /** One cell of a report: its outcome and each verdict's outcome by the verdict's name. */
  record Cell(String outcome, Map<String, String> verdicts) {}

  /** Runs one nightly without fuzz or soak and returns its dated report folder. */
  Path nightly(String name, String shard) throws IOException {
    Path report = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("nightly", "--stack", "java", "--fuzz-tries",
        "0", "--soak", "0s", "--shard", shard, "--report", report.toString(), "--history",
        dir.resolve(name + "-history").toString()));
    SCENARIOS.forEach(s -> args.addAll(List.of("--scenario", s)));
    var err = new ByteArrayOutputStream();
    int code = RunCommandIT.cli(args, new ByteArrayOutputStream(), err);
    assertThat(code).as("nightly --shard %s exit code; stderr: %s", shard, err).isIn(0, 1);
    try (Stream<Path> s = Files.list(report)) {
      return s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  /**
   * Each cell (stack/scenario) of a report folder with its outcome and every verdict's name and
   * outcome, from its summary files: what a reader of the report would compare.
   */
  static Map<String, Cell> cells(Path folder) throws IOException {
    Map<String, Cell> cells = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.getFileName().toString().matches("summary(-.*)?\\.json")).toList();
    }
    for (Path f : files) {
      JsonNode summary = new ObjectMapper().readTree(f.toFile());
      for (JsonNode sc : summary.get("scenarios")) {
        Map<String, String> verdicts = new TreeMap<>();
        for (JsonNode v : sc.get("verdicts")) {
          assertThat(verdicts.put(v.get("name").asText(), v.get("outcome").asText()))
              .as("verdict %s twice in %s", v.get("name"), f).isNull();
        }
        cells.put(summary.get("stack").asText() + "/" + sc.get("name").asText(),
            new Cell(sc.get("outcome").asText(), verdicts));
      }
    }
    return cells;
  }
}
