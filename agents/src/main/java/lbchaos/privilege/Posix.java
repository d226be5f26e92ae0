package lbchaos.privilege;

import lbchaos.posix.ErrnoException;
import lbchaos.posix.Syscall;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The libc identity calls, through the Foreign Function & Memory API. glibc's set*id and
 * setgroups wrappers change every thread of the process (they signal each thread to make the
 * system call); prctl and capset change the calling thread only. Offsets and constants are for
 * Linux on 64-bit glibc, from the headers cited.
 */
final class Posix {

  // <linux/prctl.h>
  static final int PR_SET_KEEPCAPS = 8;
  // <linux/capability.h>: 64-bit capability sets, two 32-bit words each
  static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
  // <asm-generic/errno-base.h>
  static final int EPERM = 1;
  // <pwd.h> struct passwd {char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ...}
  private static final long PW_UID = 16;
  private static final long PW_GID = 20;
  // <grp.h> struct group {char *gr_name; char *gr_passwd; gid_t gr_gid; ...}
  private static final long GR_GID = 16;

  private static final Linker LINKER = Linker.nativeLinker();

  // Through syscall(2) (lbchaos.posix.Syscall, one downcall handle for all): these glibc
  // wrappers are the bare system call. The set*id calls stay libc's, which makes them on every
  // thread; the NSS lookups share one descriptor (a pointer in, a pointer out).
  private static final Syscall.Numbers NR = Syscall.NR;
  private static final MethodHandle SETUID = errno("setuid",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle SETGID = errno("setgid",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle SETGROUPS = errno("setgroups",
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
  private static final FunctionDescriptor LOOKUP = FunctionDescriptor.of(ADDRESS, ADDRESS);
  private static final MethodHandle GETPWNAM = errno("getpwnam", LOOKUP);
  private static final MethodHandle GETGRNAM = errno("getgrnam", LOOKUP);
  // sizeof(struct passwd) 48, sizeof(struct group) 32 on 64-bit glibc
  private static final long PASSWD_SIZE = 48;
  private static final long GROUP_SIZE = 32;

  private Posix() {}

  @SuppressWarnings("restricted")
  private static MethodHandle errno(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(symbol(name), fd, Linker.Option.captureCallState("errno"));
  }

  private static MemorySegment symbol(String name) {
    return LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
  }

  static int getuid() {
    return id(NR.getuid());
  }

  static int geteuid() {
    return id(NR.geteuid());
  }

  static int getgid() {
    return id(NR.getgid());
  }

  static int getegid() {
    return id(NR.getegid());
  }

  /** A get*id system call, which cannot fail. */
  private static int id(long nr) {
    try (Arena a = Arena.ofConfined()) {
      return (int) Syscall.call(Syscall.capture(a), nr, 0, 0, 0, 0, 0, 0);
    }
  }

  static void setuid(int uid) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      check("setuid(" + uid + ")", cap, (int) call(() -> (int) SETUID.invokeExact(cap, uid)));
    }
  }

  static void setgid(int gid) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      check("setgid(" + gid + ")", cap, (int) call(() -> (int) SETGID.invokeExact(cap, gid)));
    }
  }

  /** The supplementary groups become exactly {@code gid}. */
  static void setgroups(int gid) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      MemorySegment list = a.allocateFrom(JAVA_INT, gid);
      check("setgroups([" + gid + "])", cap,
          (int) call(() -> (int) SETGROUPS.invokeExact(cap, 1L, list)));
    }
  }

  static void prctl(int option, long arg) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      check("prctl(" + option + ", " + arg + ")", cap,
          (int) Syscall.call(cap, NR.prctl(), option, arg, 0, 0, 0, 0));
    }
  }

  /** Sets the calling thread's effective and permitted sets to {@code mask}, none inheritable. */
  static void capset(long mask) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      MemorySegment header = a.allocate(JAVA_INT, 2);
      header.setAtIndex(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
      header.setAtIndex(JAVA_INT, 1, 0); // pid 0: this thread
      // struct __user_cap_data_struct {effective, permitted, inheritable}[2]: low word, high word
      MemorySegment data = a.allocate(JAVA_INT, 6);
      int low = (int) mask;
      int high = (int) (mask >>> 32);
      data.setAtIndex(JAVA_INT, 0, low);
      data.setAtIndex(JAVA_INT, 1, low);
      data.setAtIndex(JAVA_INT, 2, 0);
      data.setAtIndex(JAVA_INT, 3, high);
      data.setAtIndex(JAVA_INT, 4, high);
      data.setAtIndex(JAVA_INT, 5, 0);
      check(String.format("capset(%x)", mask), cap,
          (int) Syscall.call(cap, NR.capset(), header.address(), data.address(), 0, 0, 0, 0));
    }
  }

  /** uid and primary gid of a user in the passwd database (NSS), if it exists. */
  @SuppressWarnings("restricted") // the record's size, from the header cited
  static Optional<Ids> user(String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      MemorySegment n = a.allocateFrom(name);
      MemorySegment pw = (MemorySegment) call(() -> (MemorySegment) GETPWNAM.invokeExact(cap, n));
      if (pw.equals(MemorySegment.NULL)) {
        return Optional.empty();
      }
      pw = pw.reinterpret(PASSWD_SIZE);
      return Optional.of(new Ids(pw.get(JAVA_INT, PW_UID), pw.get(JAVA_INT, PW_GID)));
    }
  }

  /** gid of a group in the group database, if it exists. */
  @SuppressWarnings("restricted") // the record's size, from the header cited
  static Optional<Integer> group(String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      MemorySegment n = a.allocateFrom(name);
      MemorySegment gr = (MemorySegment) call(() -> (MemorySegment) GETGRNAM.invokeExact(cap, n));
      return gr.equals(MemorySegment.NULL) ? Optional.empty()
          : Optional.of(gr.reinterpret(GROUP_SIZE).get(JAVA_INT, GR_GID));
    }
  }

  private static void check(String what, MemorySegment capture, int rc) throws IOException {
    if (rc != 0) {
      throw new ErrnoException(what, Syscall.errno(capture));
    }
  }

  @FunctionalInterface
  private interface Native {
    Object invoke() throws Throwable;
  }

  private static Object call(Native n) {
    try {
      return n.invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
