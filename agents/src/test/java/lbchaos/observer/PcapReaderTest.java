package lbchaos.observer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lbchaos.observer.Packets.Sum;
import lbchaos.fuzz.Cases;
import org.junit.jupiter.api.Test;

class PcapReaderTest {

  private static final long T0 = 1_700_000_000_123_456L;

  private static List<PcapReader.Record> readAll(PcapReader r) throws IOException {
    List<PcapReader.Record> all = new ArrayList<>();
    r.next().ifPresent(all::add);
    while (true) {
      var n = r.next();
      if (n.isEmpty()) {
        return all;
      }
      all.add(n.get());
    }
  }

  @Test
  void readsBothByteOrdersWithMicrosecondTimestamps() throws IOException {
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      byte[] f1 = Packets.v3(51, 254, 100, Sum.GOOD);
      byte[] f2 = Packets.arp(1, Packets.MAC_LB1, Packets.VIP, Packets.VIP);
      byte[] s = Pcap.ethernet(order).frame(T0, f1).frame(T0 + 1_000, f2).bytes();
      PcapReader r = new PcapReader(new ByteArrayInputStream(s));
      assertThat(r.header().linkType()).as("link type, %s", order).isEqualTo(1);
      List<PcapReader.Record> all = readAll(r);
      assertThat(all).as("records, %s", order).hasSize(2);
      assertThat(all.get(0).atMicros()).as("first timestamp, %s", order).isEqualTo(T0);
      assertThat(all.get(1).atMicros()).as("second timestamp, %s", order).isEqualTo(T0 + 1_000);
      assertThat(all.get(0).data()).as("frame bytes, %s", order).isEqualTo(f1);
      assertThat(r.resyncs()).as("no corruption, %s", order).isZero();
    }
  }

  @Test
  void nanosecondFilesAreCutToMicroseconds() throws IOException {
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      byte[] s = new Pcap(order, true, 1).frame(T0, Packets.v2(1, 100, 1, Sum.GOOD)).bytes();
      PcapReader r = new PcapReader(new ByteArrayInputStream(s));
      assertThat(r.header().nanos()).as("nanosecond magic, %s", order).isTrue();
      assertThat(r.next().orElseThrow().atMicros()).as("timestamp, %s", order).isEqualTo(T0);
    }
  }

  @Test
  void aStreamCutInsideARecordEndsAfterTheLastWholeOne() throws IOException {
    byte[] s = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN).frame(T0, Packets.v2(1, 100, 1, Sum.GOOD))
        .frame(T0 + 1, Packets.v2(1, 100, 1, Sum.GOOD)).bytes();
    PcapReader r = new PcapReader(new ByteArrayInputStream(Arrays.copyOf(s, s.length - 10)));
    assertThat(readAll(r)).as("whole records before the cut").hasSize(1);
    assertThat(r.truncated()).as("truncation noticed").isTrue();
  }

  @Test
  void garbageBetweenRecordsIsSkippedAndCounted() throws IOException {
    byte[] garbage = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x7f, (byte) 0xff, 0x13};
    byte[] s = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN).frame(T0, Packets.v2(1, 100, 1, Sum.GOOD))
        .raw(garbage).frame(T0 + 5, Packets.v3(2, 200, 100, Sum.GOOD)).bytes();
    PcapReader r = new PcapReader(new ByteArrayInputStream(s));
    List<PcapReader.Record> all = readAll(r);
    assertThat(all).as("both records survive").hasSize(2);
    assertThat(all.get(1).atMicros()).as("second record's time").isEqualTo(T0 + 5);
    assertThat(r.resyncs()).as("one resync").isEqualTo(1);
    assertThat(r.bytesSkipped()).as("octets skipped").isEqualTo(garbage.length);
  }

  @Test
  void aStreamThatIsNotPcapIsRefusedWithAReason() {
    assertThatThrownBy(() -> new PcapReader(new ByteArrayInputStream(new byte[30])).header())
        .as("zeros").isInstanceOf(PcapReader.PcapFormatException.class)
        .hasMessageContaining("not a pcap stream");
    assertThatThrownBy(() -> new PcapReader(new ByteArrayInputStream(new byte[] {1, 2})).header())
        .as("too short").hasMessageContaining("global header");
  }

  @Test
  void arbitraryBytesAfterTheHeaderNeverThrow() {
    Cases.forEach("PcapReaderTest.arbitraryBytesAfterTheHeaderNeverThrow", 300,
        r -> Cases.bytes(r, 0, 400), junk -> {
          byte[] s = Pcap.ethernet(ByteOrder.LITTLE_ENDIAN).raw(junk).bytes();
          PcapReader r = new PcapReader(new ByteArrayInputStream(s));
          for (PcapReader.Record rec : readAll(r)) {
            Frames.decode(r.header().linkType(), rec.atMicros(), rec.data(), "o");
          }
        });
  }
}
