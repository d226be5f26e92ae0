package lbchaos.vrrp.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import lbchaos.posix.ErrnoException;

/** A NETLINK_ROUTE socket that adds and removes addresses, like {@code ip addr add/del}. */
public final class NetlinkSocket implements AutoCloseable {

  /** errno values that mean the address is already as wanted. */
  private static final int EEXIST = 17;
  private static final int EADDRNOTAVAIL = 99;

  private final int fd;
  private final AtomicInteger seq = new AtomicInteger((int) (System.nanoTime() & 0xFFFF));
  private final Arena arena = Arena.ofShared();
  private final MemorySegment buf = arena.allocate(8192);
  private final MemorySegment capture = Libc.allocateCapture(arena);

  public NetlinkSocket() throws IOException {
    fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW, Libc.NETLINK_ROUTE);
    try {
      Libc.bind(fd, SockAddrs.netlinkKernel()); // pid 0: the kernel assigns one
      Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO,
          SockAddrs.timeval(Duration.ofSeconds(1).toNanos() / 1_000));
    } catch (IOException e) {
      Libc.close(fd);
      throw e;
    }
  }

  /** Adds the address; already present is fine. */
  public synchronized void add(int ifindex, Inet4Address addr, int prefix,
      Optional<String> label) throws IOException {
    int s = seq.incrementAndGet();
    request(RtNetlink.addAddress(s, ifindex, addr, prefix, label), s, EEXIST);
  }

  /** Removes the address; already absent is fine. */
  public synchronized void delete(int ifindex, Inet4Address addr, int prefix)
      throws IOException {
    int s = seq.incrementAndGet();
    request(RtNetlink.deleteAddress(s, ifindex, addr, prefix), s, EADDRNOTAVAIL);
  }

  /** Adds an IPv6 VIP with IFA_F_NODAD, as keepalived 2.2.7 does; already present is fine. */
  public synchronized void add6(int ifindex, java.net.Inet6Address addr, int prefix)
      throws IOException {
    int s = seq.incrementAndGet();
    request(RtNetlink.addAddress6(s, ifindex, addr, prefix), s, EEXIST);
  }

  /** Removes an IPv6 VIP; already absent is fine. */
  public synchronized void delete6(int ifindex, java.net.Inet6Address addr, int prefix)
      throws IOException {
    int s = seq.incrementAndGet();
    request(RtNetlink.deleteAddress6(s, ifindex, addr, prefix), s, EADDRNOTAVAIL);
  }

  private void request(byte[] msg, int s, int benign) throws IOException {
    Libc.sendto(fd, msg, SockAddrs.netlinkKernel());
    for (int attempt = 0; attempt < 4; attempt++) {
      int n = Libc.recv(fd, buf, capture);
      if (n < 0) {
        continue;
      }
      Optional<Integer> err = RtNetlink.ackError(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE),
          n, s);
      if (err.isPresent()) {
        int e = err.get();
        if (e != 0 && e != benign) {
          throw new ErrnoException("rtnetlink request", e);
        }
        return;
      }
    }
    throw new IOException("no rtnetlink acknowledgement for request " + s);
  }

  @Override
  public void close() {
    Libc.close(fd);
    arena.close();
  }
}
