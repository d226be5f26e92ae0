package lbchaos.vrrp.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.posix.ErrnoException;

/**
 * A NETLINK_ROUTE socket in the RTMGRP_LINK group: the kernel sends it an RTM_NEWLINK (or
 * RTM_DELLINK) whenever a link's flags change, as {@code ip monitor link} sees them. No polling:
 * keepalived 2.2.7 learns of link changes the same way (keepalived_netlink.c). Opening it needs
 * no capability.
 */
public final class LinkSocket implements AutoCloseable {

  /** ENOBUFS: the socket's buffer overflowed and events were lost; a new dump catches up. */
  private static final int ENOBUFS = 105;

  private final int fd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment buf = arena.allocate(32768);
  private final MemorySegment capture = Libc.allocateCapture(arena);
  private int seq = (int) (System.nanoTime() & 0xFFFF);

  /** Opens and joins the group; {@link #receive} returns after {@code timeout} without events. */
  public LinkSocket(Duration timeout) throws IOException {
    fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW, Libc.NETLINK_ROUTE);
    try {
      Libc.bind(fd, SockAddrs.netlinkGroups(RtNetlink.RTMGRP_LINK));
      Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO,
          SockAddrs.timeval(timeout.toNanos() / 1_000));
    } catch (IOException e) {
      Libc.close(fd);
      throw e;
    }
  }

  /**
   * Every link's state now (RTM_GETLINK dump), with any change that arrived meanwhile in order
   * after it. Joined to the group before the dump, so no change can fall between the two.
   */
  public synchronized List<RtNetlink.Link> dump() throws IOException {
    Libc.sendto(fd, RtNetlink.dumpLinks(++seq), SockAddrs.netlinkKernel());
    List<RtNetlink.Link> out = new ArrayList<>();
    for (int quiet = 0; quiet < 10; ) {
      int n = Libc.recv(fd, buf, capture);
      if (n < 0) {
        quiet++; // timed out: the kernel answers a dump at once, so this is rare
        continue;
      }
      RtNetlink.Links l = RtNetlink.links(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), n);
      out.addAll(l.links());
      if (l.done()) {
        return out;
      }
    }
    throw new IOException("no end of the rtnetlink link dump");
  }

  /**
   * The link changes the kernel sent, in order; empty after the timeout. When events were lost
   * (the buffer overflowed), every link's state from a new dump.
   */
  public List<RtNetlink.Link> receive() throws IOException {
    int n;
    try {
      n = Libc.recv(fd, buf, capture);
    } catch (ErrnoException e) {
      if (e.errno() == ENOBUFS) {
        return dump();
      }
      throw e;
    }
    if (n < 0) {
      return List.of();
    }
    return RtNetlink.links(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), n).links();
  }

  @Override
  public void close() {
    Libc.close(fd);
    arena.close();
  }
}
