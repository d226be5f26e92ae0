package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import lbchaos.event.LogLine;
import org.junit.jupiter.api.Test;

class DeferredEventsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final AtomicInteger made = new AtomicInteger();

  private DeferredEvents deferred() {
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new DeferredEvents(() -> {
      made.incrementAndGet();
      return VrrpAgent.events(ps, ps);
    });
  }

  private String written() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eventsAreHeldWithoutAWriterThenWrittenInOrderWithTheirOwnTimes() {
    DeferredEvents d = deferred();
    d.accept(new LogLine(11, "lb1", "first"));
    d.accept(new LogLine(12, "lb1", "second"));
    assertThat(made).as("no writer (no Jackson, no thread) before open").hasValue(0);
    d.open();
    d.accept(new LogLine(13, "lb1", "third"));
    d.open();
    d.close();
    assertThat(made).as("one writer").hasValue(1);
    assertThat(written().lines().toList()).as("lines, in order, with the callers' times")
        .hasSize(3).satisfiesExactly(
            l -> assertThat(l).contains("\"at\":11").contains("first"),
            l -> assertThat(l).contains("\"at\":12").contains("second"),
            l -> assertThat(l).contains("\"at\":13").contains("third"));
  }

  @Test
  void closeWithoutOpenStillWritesWhatWasHeld() {
    DeferredEvents d = deferred();
    d.accept(new LogLine(21, "lb1", "cannot start"));
    d.close();
    d.accept(new LogLine(22, "lb1", "after close"));
    assertThat(written()).as("held line written at close").contains("cannot start")
        .doesNotContain("after close");
  }
}
