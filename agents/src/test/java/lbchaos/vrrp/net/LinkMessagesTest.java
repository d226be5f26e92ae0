package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The RTM_GETLINK dump request and the RTM_NEWLINK/DELLINK parsing, without a socket. */
class LinkMessagesTest {

  /** An RTM_NEWLINK (or DELLINK) as the kernel sends it: with another attribute before the name. */
  static byte[] link(short type, int index, int flags, String name) {
    byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
    int len = 16 + 16 + 8 + RtNetlink.align(4 + n.length);
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
    b.putInt(len).putShort(type).putShort((short) 0).putInt(0).putInt(0);
    b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(index).putInt(flags).putInt(0);
    b.putShort((short) 8).putShort((short) 4).putInt(1500); // IFLA_MTU
    b.putShort((short) (4 + n.length)).putShort(RtNetlink.IFLA_IFNAME).put(n);
    return b.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length)
        .sum());
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  static byte[] done() {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    b.putInt(20).putShort(RtNetlink.NLMSG_DONE).putShort((short) 2).putInt(0).putInt(0).putInt(0);
    return b.array();
  }

  @Test
  void theDumpRequestIsGetlinkWithDumpFlags() {
    assertThat(HexFormat.of().formatHex(RtNetlink.dumpLinks(9))).isEqualTo("20000000" + "1200"
        + "0103" + "09000000" + "00000000" + "00".repeat(16));
  }

  @Test
  void upNeedsBothUpAndRunning() {
    int up = RtNetlink.IFF_UP;
    int running = RtNetlink.IFF_RUNNING;
    assertThat(new RtNetlink.Link(2, "eth0", up | running | 0x1000, false).up()).isTrue();
    assertThat(new RtNetlink.Link(2, "eth0", up | 0x1000, false).up())
        .as("administratively up, no carrier").isFalse();
    assertThat(new RtNetlink.Link(2, "eth0", running, false).up()).as("set down").isFalse();
  }

  @Test
  void aDumpAndAnEventParseInOrder() {
    byte[] buf = concat(link(RtNetlink.RTM_NEWLINK, 1, 0x49, "lo"),
        link(RtNetlink.RTM_NEWLINK, 7, 0x1003, "eth0"), done());
    RtNetlink.Links l = RtNetlink.links(buf, buf.length);
    assertThat(l.done()).isTrue();
    assertThat(l.links()).containsExactly(new RtNetlink.Link(1, "lo", 0x49, false),
        new RtNetlink.Link(7, "eth0", 0x1003, false));
    assertThat(l.links().get(0).up()).as("lo is up").isTrue();
    assertThat(l.links().get(1).up()).as("eth0 has no IFF_RUNNING").isFalse();
    byte[] del = link(RtNetlink.RTM_DELLINK, 7, 0x1043, "eth0");
    assertThat(RtNetlink.links(del, del.length).links()).as("deleted: down, flags 0")
        .containsExactly(new RtNetlink.Link(7, "eth0", 0, true));
  }

  @Test
  void aTruncatedBufferYieldsWhatWasWhole() {
    byte[] whole = link(RtNetlink.RTM_NEWLINK, 7, 0x1043, "eth0");
    byte[] buf = concat(whole, java.util.Arrays.copyOf(whole, 20));
    assertThat(RtNetlink.links(buf, buf.length).links()).hasSize(1);
  }
}
