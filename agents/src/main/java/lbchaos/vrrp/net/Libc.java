package lbchaos.vrrp.net;

import lbchaos.posix.ErrnoException;
import lbchaos.posix.Syscall;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The few socket calls the agent needs, as system calls through {@link Syscall} (no JNI; glibc's
 * wrappers of these are the bare system call: recv is recvfrom without an address, poll is
 * ppoll, which aarch64 alone has). Each call captures errno and throws {@link IOException}
 * naming the call on failure. Constants are Linux x86_64/aarch64 values from the kernel headers
 * cited.
 *
 * <p>Buffers pass as raw addresses, so the linker does not hold their arena open during a call:
 * their owners free them only once their reader has stopped (see {@link RawVrrpSocket#close}).
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

  private static final Syscall.Numbers NR = Syscall.NR;
  private static final short POLLIN = 1;

  private Libc() {}

  static int socket(int domain, int type, int protocol) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      int fd = (int) Syscall.call(cap, NR.socket(), domain, type | SOCK_CLOEXEC, protocol, 0, 0, 0);
      if (fd < 0) {
        throw new ErrnoException("socket(" + domain + "," + type + "," + protocol + ")",
            Syscall.errno(cap));
      }
      return fd;
    }
  }

  static void setsockopt(int fd, int level, int name, byte[] value) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      MemorySegment v = a.allocate(Math.max(1, value.length));
      MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
      long rc = Syscall.call(cap, NR.setsockopt(), fd, level, name, v.address(), value.length, 0);
      if (rc < 0) {
        throw new ErrnoException("setsockopt(" + level + "," + name + ")", Syscall.errno(cap));
      }
    }
  }

  static void bind(int fd, byte[] sockaddr) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      MemorySegment sa = a.allocate(sockaddr.length);
      MemorySegment.copy(sockaddr, 0, sa, JAVA_BYTE, 0, sockaddr.length);
      long rc = Syscall.call(cap, NR.bind(), fd, sa.address(), sockaddr.length, 0, 0, 0);
      if (rc < 0) {
        throw new ErrnoException("bind", Syscall.errno(cap));
      }
    }
  }

  static void sendto(int fd, byte[] data, byte[] sockaddr) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      MemorySegment buf = a.allocate(Math.max(1, data.length));
      MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);
      MemorySegment sa = a.allocate(sockaddr.length);
      MemorySegment.copy(sockaddr, 0, sa, JAVA_BYTE, 0, sockaddr.length);
      long n = Syscall.call(cap, NR.sendto(), fd, buf.address(), data.length, 0, sa.address(),
          sockaddr.length);
      if (n < 0) {
        throw new ErrnoException("sendto", Syscall.errno(cap));
      }
    }
  }

  /** Receives into {@code buf}; -1 when SO_RCVTIMEO expired or a signal interrupted. */
  static int recv(int fd, MemorySegment buf, MemorySegment capture) throws IOException {
    return received("recv", capture,
        Syscall.call(capture, NR.recvfrom(), fd, buf.address(), buf.byteSize(), 0, 0, 0));
  }

  /**
   * recvmsg(2) with a prepared {@code struct msghdr} (see {@link MsgHdr}): -1 when SO_RCVTIMEO
   * expired or a signal interrupted, else the payload length.
   */
  static int recvmsg(int fd, MemorySegment msghdr, MemorySegment capture) throws IOException {
    return received("recvmsg", capture,
        Syscall.call(capture, NR.recvmsg(), fd, msghdr.address(), 0, 0, 0, 0));
  }

  /** A receive's result {@code n}: its length, -1 for a timeout or a signal, else the error. */
  private static int received(String call, MemorySegment capture, long n) throws IOException {
    if (n < 0) {
      int e = Syscall.errno(capture);
      if (e == EAGAIN || e == EINTR) {
        return -1;
      }
      throw new ErrnoException(call, e);
    }
    return (int) n;
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
      MemorySegment zero = a.allocate(16); // struct timespec {0, 0}: no wait
      // ppoll, as aarch64 has no poll; no signal mask (its size argument is then unread)
      long rc = Syscall.call(Syscall.capture(a), NR.ppoll(), pfd.address(), 1, zero.address(),
          0, 8, 0);
      return rc > 0 && (pfd.get(JAVA_SHORT, 6) & POLLIN) != 0;
    }
  }

  static MemorySegment allocateCapture(Arena arena) {
    return Syscall.capture(arena);
  }

  static void close(int fd) {
    try (Arena a = Arena.ofConfined()) {
      long rc = Syscall.call(Syscall.capture(a), NR.close(), fd, 0, 0, 0, 0, 0);
      assert rc == 0 || rc == -1;
    }
  }
}
