package lbchaos.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventWriterTest {

  static final LogLine WARM_UP = new LogLine(0, "warm-up", "x");

  static PrintStream stream(StuckOutput out) {
    return new PrintStream(out, false, StandardCharsets.UTF_8);
  }

  static List<Event> parsed(StuckOutput out) {
    return out.lines().stream().map(l -> Events.parse(l).orElseThrow()).toList();
  }

  @Test
  void eventsAndLogLinesLeaveInTheOrderTheyWereHandedOver() {
    StuckOutput out = new StuckOutput();
    out.release();
    List<String> expected = new ArrayList<>();
    try (EventWriter w = new EventWriter("t-events", stream(out), stream(out), WARM_UP)) {
      for (int i = 0; i < 200; i++) {
        LogLine e = new LogLine(i, "lb1", "event " + i);
        w.emit(e);
        expected.add(Events.toJson(e));
        if (i % 10 == 0) {
          w.log("plain " + i);
          expected.add("plain " + i);
        }
      }
    }
    assertThat(out.lines()).as("every line, in hand-over order, no warm-up line")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void eachThreadsEventsKeepTheirOrderAndNoneIsLost() throws Exception {
    StuckOutput out = new StuckOutput();
    out.release();
    try (EventWriter w = new EventWriter("t-events", stream(out), stream(out), WARM_UP)) {
      CompletableFuture<?>[] producers = IntStream.range(0, 4).mapToObj(t ->
          CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 250; i++) {
              w.accept(new LogLine(i, "thread-" + t, ""));
            }
          })).toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(producers).get(10, TimeUnit.SECONDS);
    }
    List<Event> all = parsed(out);
    assertThat(all).as("1000 events written").hasSize(1000);
    for (int t = 0; t < 4; t++) {
      String source = "thread-" + t;
      assertThat(all.stream().filter(e -> e.source().equals(source)).map(Event::at).toList())
          .as("%s in its own order", source).isSorted().hasSize(250);
    }
  }

  @Test
  void emitDoesNotWaitOnAStuckOutput() throws Exception {
    StuckOutput out = new StuckOutput();
    try (EventWriter w = new EventWriter("t-events", stream(out), stream(out), WARM_UP)) {
      // The caller must finish handing over while no byte can be written yet.
      CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 100; i++) {
          w.emit(new LogLine(i, "lb1", "while stuck"));
        }
      });
      caller.get(5, TimeUnit.SECONDS);
      assertThat(out.lines()).as("nothing written while stuck").isEmpty();
      out.release();
      await().atMost(Duration.ofSeconds(5)).until(() -> out.lines().size() == 100);
    }
    assertThat(parsed(out)).as("all written once released, in order").extracting(Event::at)
        .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> (long) i).toList());
  }

  @Test
  void closeDrainsWhatIsQueuedAndLaterEventsAreDropped() {
    StuckOutput out = new StuckOutput();
    out.release();
    EventWriter w = new EventWriter("t-events", stream(out), stream(out), WARM_UP);
    for (int i = 0; i < 50; i++) {
      w.emit(new LogLine(i, "lb1", "queued"));
    }
    w.close();
    assertThat(out.lines()).as("drained by close").hasSize(50);
    w.emit(new LogLine(99, "lb1", "late"));
    w.log("late");
    assertThat(out.lines()).as("nothing after close, and no exception").hasSize(50);
  }
}
