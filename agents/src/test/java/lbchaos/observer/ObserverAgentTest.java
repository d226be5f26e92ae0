package lbchaos.observer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.GarpSeen;
import lbchaos.observer.Packets.Sum;
import org.junit.jupiter.api.Test;

class ObserverAgentTest {

  private static final long T0 = 1_700_000_000_000_000L;

  @Test
  void writesAdvertsAndGarpsAsEventLinesThenItsCounts() throws IOException {
    byte[] stream = Pcap.ethernet(ByteOrder.BIG_ENDIAN)
        .frame(T0, Packets.v3(51, 254, 100, Sum.GOOD))
        .frame(T0 + 10, Packets.arp(1, Packets.MAC_LB1, Packets.LB1, Packets.VIP))
        .frame(T0 + 20, Packets.arp(2, Packets.MAC_LB1, Packets.VIP, Packets.VIP))
        .frame(T0 + 30, Packets.v3(51, 254, 100, Sum.BAD))
        .raw(new byte[] {1, 2, 3})
        .bytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ObserverAgent.run(new ByteArrayInputStream(stream),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "observer");
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<Event> events = lines.stream().flatMap(l -> Events.parse(l).stream()).toList();

    assertThat(rc).as("exit code at the end of a damaged stream").isZero();
    assertThat(events).as("events in stream order (the frame digest has a test of its own)")
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("frame").containsExactly(
        new AdvertSeen(T0, "observer", "10.0.0.48", 51, 254, 3, 100, true, 255),
        new GarpSeen(T0 + 20, "observer", "10.0.0.211", "02:42:0a:00:00:30"),
        new AdvertSeen(T0 + 30, "observer", "10.0.0.48", 51, 254, 3, 100, false, 255));
    ObserverStats stats = ObserverStats.parse(lines.getLast()).orElseThrow();
    assertThat(stats.frames()).as("frames").isEqualTo(4);
    assertThat(stats.adverts()).as("adverts").isEqualTo(2);
    assertThat(stats.garps()).as("garps").isEqualTo(1);
    assertThat(stats.skipped()).as("skipped").isEqualTo(Map.of("arp not gratuitous", 1L));
    assertThat(stats.truncated()).as("trailing partial record").isTrue();
  }

  @Test
  void aStreamThatIsNotPcapExitsWithOneAndSaysWhy() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ObserverAgent.run(new ByteArrayInputStream("hello, this is not a pcap stream at all".getBytes(
        StandardCharsets.UTF_8)), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), "observer");
    assertThat(rc).as("exit code").isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("message").contains("not a pcap stream");
  }
}
