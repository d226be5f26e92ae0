package lbchaos.vrrp.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;

/**
 * One socket's recvmsg(2), set up once: a receive buffer, room for the sender's address (IPv6:
 * the source is not in the payload) and for ancillary data. Each raw socket reads its adverts
 * through one, and asks the kernel to stamp each packet with its receive time (SO_TIMESTAMPNS),
 * so the agent knows how long a packet waited before its reader thread ran (see
 * {@link AdvertSocket#receivedAgeNanos}). Single reader only.
 */
final class RecvMsg {

  /** Room for IPV6_HOPLIMIT, IPV6_PKTINFO and SCM_TIMESTAMPNS (CMSG_SPACE 24, 40, 32) and more. */
  static final int CONTROL = 256;
  /** struct msghdr on 64-bit Linux, and where its fields sit. */
  private static final int MSGHDR = 56;
  /** An age beyond this is a step of the wall clock between the stamp and the read, not a wait. */
  private static final long MAX_AGE_NANOS = 1_000_000_000L;

  private final MemorySegment buf;
  private final MemorySegment name;
  private final int nameLen;
  private final MemorySegment control;
  private final MemorySegment msghdr;
  private final MemorySegment capture;
  private Ancillary ancillary = new Ancillary(0, null, -1);
  private long ageNanos = -1;

  /** {@code nameLen}: the size of the sender's address to keep, 0 for none. */
  RecvMsg(Arena arena, int nameLen) {
    this.buf = arena.allocate(65_536);
    this.nameLen = nameLen;
    this.name = nameLen > 0 ? arena.allocate(nameLen) : MemorySegment.NULL;
    this.control = arena.allocate(CONTROL, 8);
    MemorySegment iov = arena.allocate(16, 8);
    iov.set(ValueLayout.ADDRESS, 0, buf);
    iov.set(ValueLayout.JAVA_LONG, 8, buf.byteSize());
    this.msghdr = arena.allocate(MSGHDR, 8);
    msghdr.set(ValueLayout.ADDRESS, 0, name);
    msghdr.set(ValueLayout.ADDRESS, 16, iov);
    msghdr.set(ValueLayout.JAVA_LONG, 24, 1L);
    msghdr.set(ValueLayout.ADDRESS, 32, control);
    this.capture = Libc.allocateCapture(arena);
  }

  /** Asks the kernel to stamp each packet on {@code fd} with its receive time. */
  static void stampArrivals(int fd) throws IOException {
    Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, SockAddrs.intValue(1));
  }

  /** One packet's payload length, or -1 when the receive timeout expired. */
  int receive(int fd) throws IOException {
    msghdr.set(ValueLayout.JAVA_INT, 8, nameLen);
    msghdr.set(ValueLayout.JAVA_LONG, 40, (long) CONTROL);
    msghdr.set(ValueLayout.JAVA_INT, 48, 0);
    int n = Libc.recvmsg(fd, msghdr, capture);
    if (n < 0) {
      return n;
    }
    int controlLen = (int) msghdr.get(ValueLayout.JAVA_LONG, 40);
    int kept = Math.min(controlLen, CONTROL); // the kernel's length: what it wrote, no more
    ancillary = Ancillary.parse(control.asSlice(0, kept).toArray(ValueLayout.JAVA_BYTE), kept);
    ageNanos = age(ancillary.arrivedNanos(), Instant.now());
    return n;
  }

  /**
   * How long before {@code now} the kernel received a packet it stamped {@code arrivedNanos}
   * (both the wall clock): -1 when there is no stamp or the difference is not a wait (negative,
   * or over a second: the clock was stepped in between).
   */
  static long age(long arrivedNanos, Instant now) {
    if (arrivedNanos < 0) {
      return -1;
    }
    long age = now.getEpochSecond() * 1_000_000_000L + now.getNano() - arrivedNanos;
    return age >= 0 && age <= MAX_AGE_NANOS ? age : -1;
  }

  /** The first {@code n} bytes received. */
  byte[] payload(int n) {
    return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
  }

  /** The sender's address as the kernel wrote it. */
  byte[] name() {
    return name.toArray(ValueLayout.JAVA_BYTE);
  }

  Ancillary ancillary() {
    return ancillary;
  }

  /** The last packet's wait in the kernel before it was read; -1 when not known. */
  long ageNanos() {
    return ageNanos;
  }
}
