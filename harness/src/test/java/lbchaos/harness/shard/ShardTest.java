package lbchaos.harness.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.shard.Shard.Cell;
import org.junit.jupiter.api.Test;

class ShardTest {

  static List<Cell> matrix() {
    List<Cell> cells = new ArrayList<>();
    for (String stack : List.of("reference", "java", "mixed")) {
      ScenarioRegistry.all().forEach(e -> cells.add(new Cell(e.name(), stack)));
    }
    return cells;
  }

  @Test
  void everyCellRunsExactlyOnceAcrossTheShards() {
    List<Cell> all = matrix();
    for (int n = 1; n <= 4; n++) {
      List<Cell> union = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        List<Cell> slice = new Shard(i, n).slice(all, Function.identity());
        assertThat(slice).as("shard %d/%d keeps the given order", i, n)
            .isEqualTo(all.stream().filter(slice::contains).toList());
        union.addAll(slice);
      }
      assertThat(union).as("%d shards", n).containsExactlyInAnyOrderElementsOf(all);
    }
    assertThat(new Shard(2, 3).slice(all, Function.identity())).as("deterministic")
        .isEqualTo(new Shard(2, 3).slice(new ArrayList<>(all), Function.identity()));
  }

  @Test
  void slicesAreBalancedByDurationNotByCount() {
    List<Cell> all = matrix();
    double longest = all.stream().mapToDouble(c -> Shard.seconds(durations(), c)).max()
        .orElseThrow();
    double[] load = new double[3];
    for (int i = 1; i <= 3; i++) {
      load[i - 1] = new Shard(i, 3).slice(all, Function.identity()).stream()
          .mapToDouble(c -> Shard.seconds(durations(), c)).sum();
    }
    double spread = java.util.Arrays.stream(load).max().orElseThrow()
        - java.util.Arrays.stream(load).min().orElseThrow();
    assertThat(spread).as("greedy longest-first: within one cell of each other")
        .isLessThanOrEqualTo(longest);
  }

  static Properties durations() {
    Properties p = new Properties();
    try (var in = Shard.class.getResourceAsStream("seconds.properties")) {
      p.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }

  @Test
  void theFormIsIOverN() {
    assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
    assertThatThrownBy(() -> Shard.parse("3/2")).hasMessageContaining("1 <= I <= N");
    assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("I/N");
    assertThatThrownBy(() -> Shard.parse("0/2")).hasMessageContaining("1 <= I <= N");
  }
}
