package lbchaos.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lbchaos.event.Event;
import lbchaos.event.FaultEvent;
import lbchaos.event.LogLine;
import lbchaos.event.ProbeSample;
import lbchaos.event.VipChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

  static ProbeSample ok(long at, String backend) {
    return new ProbeSample(at, "client", at + 1_000, backend, null);
  }

  static FaultEvent fault(long at, String name, FaultEvent.Phase phase) {
    return new FaultEvent(at, "harness", name, "loadbalancer-1", phase, "");
  }

  @Test
  void mergeOrdersByTimeAndKeepsStreamOrderOnTies() {
    List<Event> lb1 = List.of(new LogLine(10, "lb1", "a"), new LogLine(30, "lb1", "b"));
    List<Event> lb2 = List.of(new LogLine(10, "lb2", "c"), new LogLine(20, "lb2", "d"),
        new LogLine(10, "lb2", "e"));
    History h = History.merge(lb1, lb2);
    assertThat(h.events()).as("time order, ties: stream order then position")
        .extracting(e -> ((LogLine) e).line()).containsExactly("a", "c", "e", "d", "b");
    assertThat(History.merge(lb1, lb2)).as("merge is deterministic").isEqualTo(h);
  }

  @Test
  void anOpeningCarriesTheVipHoldersOfItsStartAndNothingElseFromBefore() {
    VipChange lb1Added = new VipChange(10, "loadbalancer-1", "10.0.0.100", true);
    VipChange lb2Added = new VipChange(20, "loadbalancer-2", "10.0.0.100", true);
    VipChange lb2Removed = new VipChange(30, "loadbalancer-2", "10.0.0.100", false);
    LogLine before = new LogLine(40, "harness", "an earlier test's line");
    VipChange lb1Removed = new VipChange(60, "loadbalancer-1", "10.0.0.100", false);
    History h = History.of(lb1Added, lb2Added, lb2Removed, before, new LogLine(50, "harness",
        "this test"), lb1Removed);
    assertThat(h.opening(50).events()).as("lb1 still held the VIP at 50, lb2 no longer did")
        .containsExactly(lb1Added, new LogLine(50, "harness", "this test"), lb1Removed);
    assertThat(h.opening(0)).isEqualTo(h);
    assertThat(h.opening(70).events()).as("nobody held it at 70").isEmpty();
    // A check of the holders sees the gap after lb1's removal, as on a fresh topology; the
    // window alone shows only a removal, and so no gap at all.
    VipChange lb2Back = new VipChange(5_000_060, "loadbalancer-2", "10.0.0.100", true);
    var check = lbchaos.harness.check.Checks.singleVipHolder(
        new lbchaos.verdict.Bound(java.time.Duration.ofSeconds(1), "test"),
        new lbchaos.verdict.Bound(java.time.Duration.ofSeconds(3), "test"));
    History later = h.plus(List.of(lb2Back));
    assertThat(check.check(later.opening(50)).passed()).as("a 5 s gap, bound 3 s").isFalse();
    assertThat(check.check(later.between(50, Long.MAX_VALUE)).figures().get("max_no_holder_s"))
        .as("the bare window cannot see that gap").isEqualTo(0.0);
  }

  @Test
  void typedViewsAndWindows() {
    History h = History.of(ok(100, "w1"), fault(150, "kill", FaultEvent.Phase.INJECT),
        new VipChange(160, "lb2", "10.0.0.9", true), ok(200, "w2"),
        fault(300, "kill", FaultEvent.Phase.HEAL));
    assertThat(h.probes()).as("probes").hasSize(2);
    assertThat(h.faults()).as("faults").hasSize(2);
    assertThat(h.of(VipChange.class)).as("of(VipChange)").hasSize(1);
    assertThat(h.between(150, 200).events()).as("between is [from, to)").hasSize(2);
    assertThat(h.from("client").size()).as("from(source)").isEqualTo(2);
    assertThat(h.startMicros()).as("start").contains(100L);
    assertThat(h.endMicros()).as("end").contains(300L);
    assertThat(h.faultWindows()).as("inject paired with heal")
        .containsExactly(new FaultWindow("kill", "loadbalancer-1", 150, Optional.of(300L)));
    assertThatThrownBy(() -> h.between(5, 1)).as("reversed window")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unhealedFaultHasNoHeal() {
    History h = History.of(fault(1, "pause", FaultEvent.Phase.INJECT),
        fault(2, "kill", FaultEvent.Phase.HEAL));
    assertThat(h.faultWindows()).as("a heal of another fault does not close it")
        .containsExactly(new FaultWindow("pause", "loadbalancer-1", 1, Optional.empty()));
  }

  @Test
  void jsonLinesAndArrayRoundTrip(@TempDir Path dir) throws Exception {
    History h = History.of(ok(1, "w1"), fault(2, "kill", FaultEvent.Phase.INJECT),
        new ProbeSample(3, "client", 2_000_003, null, ProbeSample.ErrorKind.TIMEOUT));
    Path lines = dir.resolve("h.jsonl");
    Path array = dir.resolve("h.json");
    HistoryJson.writeLines(h, lines);
    HistoryJson.writeArray(h, array);
    assertThat(Files.readAllLines(lines)).as("one event per line").hasSize(3);
    assertThat(HistoryJson.read(lines)).as("lines round trip").isEqualTo(h);
    assertThat(HistoryJson.read(array)).as("array round trip").isEqualTo(h);
    assertThat(HistoryJson.parse("")).as("empty input").isEqualTo(History.empty());
  }

  @Test
  void malformedLineNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"type\":\"log\",\"at\":1,\"source\":\"a\",\"line\":\"x\"}\n\n{oops\n");
    assertThatThrownBy(() -> HistoryJson.read(f)).as("bad line 3")
        .isInstanceOf(HistoryJson.HistoryFormatException.class)
        .hasMessageContaining("bad.jsonl:3:");
  }

  @Test
  void recorderIsThreadSafeAndSnapshotsSorted() throws Exception {
    HistoryRecorder r = new HistoryRecorder();
    int threads = 4;
    int each = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      int id = t;
      pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          r.record(new LogLine((long) i * threads + id, "t" + id, "x"));
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("writers finish").isTrue();
    History h = r.snapshot();
    assertThat(h.size()).as("no event lost").isEqualTo(threads * each);
    assertThat(h.events()).as("sorted").isSortedAccordingTo(
        java.util.Comparator.comparingLong(Event::at));
  }

  @Test
  void recorderTakesJsonLinesAndSkipsOthers() {
    HistoryRecorder r = new HistoryRecorder();
    assertThat(r.recordJsonLine(lbchaos.event.Events.toJson(ok(5, "w1")))).as("event").isTrue();
    assertThat(r.recordJsonLine("Starting agent")).as("plain output").isFalse();
    assertThat(r.snapshot().probes()).as("recorded").containsExactly(ok(5, "w1"));
  }
}
