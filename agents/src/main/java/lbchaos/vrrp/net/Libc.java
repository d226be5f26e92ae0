package lbchaos.vrrp.net;

import lbchaos.posix.ErrnoException;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc socket calls the agent needs, through the Foreign Function & Memory API (no JNI).
 * Each call captures errno and throws {@link IOException} naming the call on failure. Constants
 * are Linux x86_64/aarch64 values from the kernel headers cited.
 */
final class Libc {

  // <bits/socket.h>, <linux/if_ether.h>, <netinet/in.h>
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int AF_NETLINK = 16;
  static final int AF_PACKET = 17;
  static final int SOCK_RAW = 3;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int SOL_SOCKET = 1;
  static final int SO_RCVBUF = 8;
  static final int SO_RCVTIMEO = 20;
  static final int SO_BINDTODEVICE = 25;
  // SO_TIMESTAMPNS_OLD of <asm-generic/socket.h>: a 64-bit timespec on x86_64 and aarch64
  static final int SO_TIMESTAMPNS = 35;
  static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
  static final int IPPROTO_IP = 0;
  static final int IP_TOS = 1;
  static final int IP_TTL = 2;
  static final int IP_HDRINCL = 3;
  static final int IP_MULTICAST_IF = 32;
  static final int IP_MULTICAST_TTL = 33;
  static final int IP_MULTICAST_LOOP = 34;
  static final int IP_ADD_MEMBERSHIP = 35;
  static final int IP_DROP_MEMBERSHIP = 36;
  // <linux/in6.h>
  static final int IPPROTO_IPV6 = 41;
  static final int IPV6_CHECKSUM = 7;
  static final int IPV6_UNICAST_HOPS = 16;
  static final int IPV6_MULTICAST_IF = 17;
  static final int IPV6_MULTICAST_HOPS = 18;
  static final int IPV6_MULTICAST_LOOP = 19;
  static final int IPV6_ADD_MEMBERSHIP = 20;
  static final int IPV6_DROP_MEMBERSHIP = 21;
  static final int IPV6_RECVPKTINFO = 49;
  static final int IPV6_PKTINFO = 50;
  static final int IPV6_RECVHOPLIMIT = 51;
  static final int IPV6_HOPLIMIT = 52;
  static final int IPV6_TCLASS = 67;
  static final int NETLINK_ROUTE = 0;
  static final int EINTR = 4;
  static final int EAGAIN = 11;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private static final MethodHandle SOCKET = handle("socket",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle SETSOCKOPT = handle("setsockopt",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle BIND = handle("bind",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SENDTO = handle("sendto",
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle RECV = handle("recv",
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle RECVMSG = handle("recvmsg",
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle CLOSE = handle("close",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle POLL = handle("poll",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final short POLLIN = 1;

  private Libc() {}

  @SuppressWarnings("restricted") // native access is enabled for the agents jar (manifest)
  private static MethodHandle handle(String name, FunctionDescriptor fd) {
    MemorySegment symbol = LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    return LINKER.downcallHandle(symbol, fd, Linker.Option.captureCallState("errno"));
  }

  private static int errno(MemorySegment capture) {
    return (int) ERRNO.get(capture, 0L);
  }

  static int socket(int domain, int type, int protocol) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      int fd = (int) SOCKET.invokeExact(cap, domain, type | SOCK_CLOEXEC, protocol);
      if (fd < 0) {
        throw new ErrnoException("socket(" + domain + "," + type + "," + protocol + ")",
            errno(cap));
      }
      return fd;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static void setsockopt(int fd, int level, int name, byte[] value) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment v = a.allocate(Math.max(1, value.length));
      MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
      int rc = (int) SETSOCKOPT.invokeExact(cap, fd, level, name, v, value.length);
      if (rc < 0) {
        throw new ErrnoException("setsockopt(" + level + "," + name + ")", errno(cap));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static void bind(int fd, byte[] sockaddr) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment sa = a.allocate(sockaddr.length);
      MemorySegment.copy(sockaddr, 0, sa, JAVA_BYTE, 0, sockaddr.length);
      int rc = (int) BIND.invokeExact(cap, fd, sa, sockaddr.length);
      if (rc < 0) {
        throw new ErrnoException("bind", errno(cap));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static void sendto(int fd, byte[] data, byte[] sockaddr) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment buf = a.allocate(Math.max(1, data.length));
      MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);
      MemorySegment sa = a.allocate(sockaddr.length);
      MemorySegment.copy(sockaddr, 0, sa, JAVA_BYTE, 0, sockaddr.length);
      long n = (long) SENDTO.invokeExact(cap, fd, buf, (long) data.length, 0, sa,
          sockaddr.length);
      if (n < 0) {
        throw new ErrnoException("sendto", errno(cap));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Receives into {@code buf}; -1 when SO_RCVTIMEO expired or a signal interrupted. */
  static int recv(int fd, MemorySegment buf, MemorySegment capture) throws IOException {
    try {
      long n = (long) RECV.invokeExact(capture, fd, buf, buf.byteSize(), 0);
      if (n < 0) {
        int e = errno(capture);
        if (e == EAGAIN || e == EINTR) {
          return -1;
        }
        throw new ErrnoException("recv", e);
      }
      return (int) n;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * recvmsg(2) with a prepared {@code struct msghdr} (see {@link MsgHdr}): -1 when SO_RCVTIMEO
   * expired or a signal interrupted, else the payload length.
   */
  static int recvmsg(int fd, MemorySegment msghdr, MemorySegment capture) throws IOException {
    try {
      long n = (long) RECVMSG.invokeExact(capture, fd, msghdr, 0);
      if (n < 0) {
        int e = errno(capture);
        if (e == EAGAIN || e == EINTR) {
          return -1;
        }
        throw new ErrnoException("recvmsg", e);
      }
      return (int) n;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Whether {@code fd} has data to read now: poll(2) with no wait. Safe beside a thread blocked
   * in recv on the same descriptor (it reads nothing). A failed poll answers false.
   */
  static boolean readable(int fd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment pfd = a.allocate(8); // struct pollfd { int fd; short events, revents; }
      pfd.set(JAVA_INT, 0, fd);
      pfd.set(JAVA_SHORT, 4, POLLIN);
      int rc = (int) POLL.invokeExact(a.allocate(CAPTURE), pfd, 1L, 0);
      return rc > 0 && (pfd.get(JAVA_SHORT, 6) & POLLIN) != 0;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static MemorySegment allocateCapture(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  static void close(int fd) {
    try (Arena a = Arena.ofConfined()) {
      int rc = (int) CLOSE.invokeExact(a.allocate(CAPTURE), fd);
      assert rc == 0 || rc == -1;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
