package lbchaos.observer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Optional;

/**
 * Reads a classic libpcap stream (as {@code tcpdump -U -w -} writes it): a 24-octet global header
 * whose magic gives the byte order and the timestamp unit, then 16-octet record headers each
 * followed by the captured bytes. A record header that cannot be right (longer than any capture,
 * captured more than on the wire, a sub-second field out of range) is corruption: the reader slides
 * one octet at a time until a plausible header appears, and counts what it skipped.
 */
public final class PcapReader implements AutoCloseable {

  static final int MAGIC_MICROS = 0xA1B2C3D4;
  static final int MAGIC_NANOS = 0xA1B23C4D;
  /** libpcap's own upper bound on a snapshot length (MAXIMUM_SNAPLEN). */
  static final int MAX_SNAPLEN = 262_144;
  private static final int RECORD_HEADER = 16;
  /** A timestamp this far from the previous record's is taken as garbage, not a clock step. */
  private static final long MAX_JUMP_SECONDS = 86_400;

  /** The global header. */
  public record Header(boolean bigEndian, boolean nanos, int snaplen, int linkType) {}

  /** One captured frame: when, the bytes captured, and how long it was on the wire. */
  public record Record(long atMicros, byte[] data, int originalLength) {}

  private final PushbackInputStream in;
  private Header header;
  private long lastSeconds = -1;
  private long resyncs;
  private long bytesSkipped;
  private boolean truncated;

  public PcapReader(InputStream in) {
    this.in = new PushbackInputStream(in, RECORD_HEADER);
  }

  /** Reads the global header; throws PcapFormatException when the stream is not classic pcap. */
  public Header header() throws IOException {
    if (header != null) {
      return header;
    }
    byte[] h = in.readNBytes(24);
    if (h.length < 24) {
      throw new PcapFormatException("stream ended inside the pcap global header (" + h.length
          + " of 24 octets)");
    }
    int magic = be32(h, 0);
    boolean big;
    boolean nanos;
    if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
      big = true;
      nanos = magic == MAGIC_NANOS;
    } else if (Integer.reverseBytes(magic) == MAGIC_MICROS
        || Integer.reverseBytes(magic) == MAGIC_NANOS) {
      big = false;
      nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
    } else if (magic == 0x0A0D0D0A) {
      throw new PcapFormatException("this is pcapng; run tcpdump with -w (classic pcap), not pcapng");
    } else {
      throw new PcapFormatException(String.format("not a pcap stream (magic 0x%08x)", magic));
    }
    int snaplen = int32(h, 16, big);
    // The upper bits of the link type field carry FCS information (pcap format spec, LinkType).
    int linkType = int32(h, 20, big) & 0xFFFF;
    header = new Header(big, nanos, snaplen, linkType);
    return header;
  }

  /** The next record; empty at the end of the stream (a record cut short ends it too). */
  public Optional<Record> next() throws IOException {
    Header h = header();
    boolean slid = false;
    while (true) {
      byte[] rh = in.readNBytes(RECORD_HEADER);
      if (rh.length < RECORD_HEADER) {
        truncated |= rh.length > 0;
        return Optional.empty();
      }
      long seconds = int32(rh, 0, h.bigEndian()) & 0xFFFF_FFFFL;
      long fraction = int32(rh, 4, h.bigEndian()) & 0xFFFF_FFFFL;
      long incl = int32(rh, 8, h.bigEndian()) & 0xFFFF_FFFFL;
      long orig = int32(rh, 12, h.bigEndian()) & 0xFFFF_FFFFL;
      if (plausible(h, seconds, fraction, incl, orig)) {
        byte[] data = in.readNBytes((int) incl);
        if (data.length < incl) {
          truncated = true;
          return Optional.empty();
        }
        lastSeconds = seconds;
        long micros = h.nanos() ? fraction / 1_000 : fraction;
        return Optional.of(new Record(seconds * 1_000_000L + micros, data, (int) orig));
      }
      if (!slid) {
        resyncs++;
        slid = true;
      }
      bytesSkipped++;
      in.unread(rh, 1, RECORD_HEADER - 1);
    }
  }

  private boolean plausible(Header h, long seconds, long fraction, long incl, long orig) {
    // A writer that left the snapshot length unset gets libpcap's maximum.
    long limit = h.snaplen() > 0 && h.snaplen() <= MAX_SNAPLEN ? h.snaplen() : MAX_SNAPLEN;
    return fraction < (h.nanos() ? 1_000_000_000L : 1_000_000L)
        && incl <= limit
        && incl <= orig
        && orig <= MAX_SNAPLEN
        && (lastSeconds < 0 || Math.abs(seconds - lastSeconds) <= MAX_JUMP_SECONDS);
  }

  /** Times the reader found a corrupt record header and searched for the next good one. */
  public long resyncs() {
    return resyncs;
  }

  public long bytesSkipped() {
    return bytesSkipped;
  }

  /** Whether the stream ended in the middle of a record. */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static int be32(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }

  private static int int32(byte[] b, int off, boolean big) {
    int v = be32(b, off);
    return big ? v : Integer.reverseBytes(v);
  }

  /** The stream is not something this reader can decode at all. */
  public static final class PcapFormatException extends IOException {
    public PcapFormatException(String message) {
      super(message);
    }
  }
}
