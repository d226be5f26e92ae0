package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {

  @Test
  void percentilesAreNearestRank() {
    Measurement m = Measurement.of("x", "java", "s", List.of(5.0, 1.0, 4.0, 2.0, 3.0), true);
    assertThat(m.p50()).as("p50 of 1..5").isEqualTo(3.0);
    assertThat(m.p95()).as("p95 of 1..5").isEqualTo(5.0);
    assertThat(m.max()).isEqualTo(5.0);
    assertThat(m.n()).isEqualTo(5);
    assertThat(m.values()).as("the figures in the order measured").containsExactly(5.0, 1.0, 4.0,
        2.0, 3.0);
  }

  @Test
  void aRowWrittenBeforeTheValuesWereKeptReadsWithNone() throws Exception {
    String old = """
        {"name":"x","stack":"java","unit":"s","p50":1.0,"p95":2.0,"max":2.0,"n":2,
         "ratio":null,"lowerIsBetter":true}""";
    Measurement m = lbchaos.event.Events.mapper().readValue(old, Measurement.class);
    assertThat(m.values()).isEmpty();
    assertThat(m.max()).isEqualTo(2.0);
    Measurement back = lbchaos.event.Events.mapper().readValue(
        lbchaos.event.Events.mapper().writeValueAsString(m.withRatio(0.5)), Measurement.class);
    assertThat(back).isEqualTo(m.withRatio(0.5));
  }

  @Test
  void theJavaRowGetsTheRatioAndTheTableSaysWhichIsBetter() {
    var rows = Bench.withRatios(List.of(
        Measurement.of("failover outage_s", "reference", "s", List.of(2.0), true),
        Measurement.of("failover outage_s", "java", "s", List.of(1.0), true),
        Measurement.of("load rps", "reference", "req/s", List.of(1000.0), false),
        Measurement.of("load rps", "java", "req/s", List.of(800.0), false)));
    assertThat(rows.get(1).ratio()).as("java/reference outage").isEqualTo(0.5);
    assertThat(rows.get(0).ratio()).as("reference row has none").isNull();
    String table = BenchTable.render(rows);
    assertThat(table).as("lower outage is better").contains("0.50 (java 2.00x better)");
    assertThat(table).as("higher rps is better").contains("0.80 (ref 1.25x better)");
  }

  @Test
  void aMeasurementWithNoTrialsShowsDashes() {
    var m = Measurement.of("x", "java", "s", List.of(), true);
    assertThat(BenchTable.render(List.of(m))).contains("|         - |");
  }

  @Test
  void onlyPicksTheSeriesItNamesAPartOf() {
    assertThat(Bench.selected("proxy load c16", List.of())).as("no --only: every series").isTrue();
    assertThat(Bench.selected("proxy load c16", List.of("proxy load"))).as("named").isTrue();
    assertThat(Bench.selected("backend crash tuned", List.of("proxy load", "crash")))
        .as("one of several names").isTrue();
    assertThat(Bench.selected("failover kill v2 1s", List.of("proxy load")))
        .as("not named: skipped").isFalse();
  }
}
