package lbchaos.observer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds classic pcap byte streams in either byte order, as tcpdump would write them. */
final class Pcap {

  private final ByteOrder order;
  private final boolean nanos;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Pcap(ByteOrder order, boolean nanos, int linkType) {
    this.order = order;
    this.nanos = nanos;
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
        .putInt(0).putInt(0).putInt(256).putInt(linkType);
    out.writeBytes(h.array());
  }

  static Pcap ethernet(ByteOrder order) {
    return new Pcap(order, false, 1);
  }

  /** A record at {@code micros} since the epoch; nanosecond files get micros x 1000 + 123. */
  Pcap frame(long micros, byte[] frame) {
    ByteBuffer r = ByteBuffer.allocate(16).order(order);
    long fraction = nanos ? (micros % 1_000_000) * 1_000 + 123 : micros % 1_000_000;
    r.putInt((int) (micros / 1_000_000)).putInt((int) fraction).putInt(frame.length)
        .putInt(frame.length);
    out.writeBytes(r.array());
    out.writeBytes(frame);
    return this;
  }

  Pcap raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
