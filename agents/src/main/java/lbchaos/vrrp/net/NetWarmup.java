package lbchaos.vrrp.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * For {@code vrrp --train}: every libc call of the net edge once, on descriptor -1, so that each
 * fails at once with EBADF and touches nothing. A downcall's first invocation links and spins
 * classes of its own (invokers, the binding, errno capture, the ErrnoException path), which the
 * AOT cache of the node image only holds when the training run went through them; their static
 * set-up alone (the downcall handles) leaves most of that cost to the agent's first advert.
 */
public final class NetWarmup {

  private static final int BAD_FD = -1;

  /** How many calls {@link #run} makes that must fail. */
  public static final int CALLS = 7;

  private NetWarmup() {}

  /** Runs each call and returns how many failed as expected ({@link #CALLS} on any Linux). */
  public static int run() throws IOException {
    Inet4Address local = (Inet4Address) InetAddress.getLoopbackAddress();
    List<Call> calls = List.of(
        () -> Libc.setsockopt(BAD_FD, Libc.IPPROTO_IP, Libc.IP_MULTICAST_IF,
            SockAddrs.mreqn(VrrpCodec.MULTICAST_GROUP, local, 1)),
        () -> Libc.setsockopt(BAD_FD, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO,
            SockAddrs.timeval(200_000)),
        () -> Libc.bind(BAD_FD, SockAddrs.in(local)),
        () -> Libc.bind(BAD_FD, SockAddrs.netlinkKernel()),
        () -> Libc.sendto(BAD_FD, new byte[20], SockAddrs.packetBroadcast(1,
            GratuitousArp.ETH_P_ARP)),
        () -> {
          try (Arena a = Arena.ofShared()) {
            MemorySegment buf = a.allocate(64);
            Libc.recv(BAD_FD, buf, Libc.allocateCapture(a));
          }
        },
        () -> {
          try (Arena a = Arena.ofShared()) {
            new RecvMsg(a, 0).receive(BAD_FD); // the advert sockets' read
          }
        });
    int failed = 0;
    for (Call c : calls) {
      try {
        c.run();
      } catch (IOException expected) {
        failed++;
      }
    }
    Libc.readable(BAD_FD); // poll ignores a negative descriptor: false
    Libc.close(BAD_FD); // EBADF, ignored as close's callers do
    return failed;
  }

  @FunctionalInterface
  private interface Call {
    void run() throws IOException;
  }
}
