package lbchaos.privilege;

import lbchaos.posix.ErrnoException;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
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
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private static final MethodHandle GETUID = plain("getuid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETEUID = plain("geteuid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETGID = plain("getgid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETEGID = plain("getegid", FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle SETUID = errno("setuid",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle SETGID = errno("setgid",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle SETGROUPS = errno("setgroups",
      FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
  private static final MethodHandle CAPSET = errno("capset",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle PRCTL = errno("prctl",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
      Linker.Option.firstVariadicArg(1));
  // sizeof(struct passwd) 48, sizeof(struct group) 32 on 64-bit glibc
  private static final MethodHandle GETPWNAM = errno("getpwnam",
      FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(12, JAVA_INT)),
          ADDRESS));
  private static final MethodHandle GETGRNAM = errno("getgrnam",
      FunctionDescriptor.of(ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(8, JAVA_INT)),
          ADDRESS));

  private Posix() {}

  @SuppressWarnings("restricted") // native access is enabled for the agents jar
  private static MethodHandle plain(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(symbol(name), fd);
  }

  @SuppressWarnings("restricted")
  private static MethodHandle errno(String name, FunctionDescriptor fd, Linker.Option... more) {
    Linker.Option[] options = new Linker.Option[more.length + 1];
    options[0] = Linker.Option.captureCallState("errno");
    System.arraycopy(more, 0, options, 1, more.length);
    return LINKER.downcallHandle(symbol(name), fd, options);
  }

  private static MemorySegment symbol(String name) {
    return LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
  }

  static int getuid() {
    return (int) call(() -> (int) GETUID.invokeExact());
  }

  static int geteuid() {
    return (int) call(() -> (int) GETEUID.invokeExact());
  }

  static int getgid() {
    return (int) call(() -> (int) GETGID.invokeExact());
  }

  static int getegid() {
    return (int) call(() -> (int) GETEGID.invokeExact());
  }

  static void setuid(int uid) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      check("setuid(" + uid + ")", cap, (int) call(() -> (int) SETUID.invokeExact(cap, uid)));
    }
  }

  static void setgid(int gid) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      check("setgid(" + gid + ")", cap, (int) call(() -> (int) SETGID.invokeExact(cap, gid)));
    }
  }

  /** The supplementary groups become exactly {@code gid}. */
  static void setgroups(int gid) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment list = a.allocateFrom(JAVA_INT, gid);
      check("setgroups([" + gid + "])", cap,
          (int) call(() -> (int) SETGROUPS.invokeExact(cap, 1L, list)));
    }
  }

  static void prctl(int option, long arg) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      check("prctl(" + option + ", " + arg + ")", cap,
          (int) call(() -> (int) PRCTL.invokeExact(cap, option, arg, 0L, 0L, 0L)));
    }
  }

  /** Sets the calling thread's effective and permitted sets to {@code mask}, none inheritable. */
  static void capset(long mask) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
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
          (int) call(() -> (int) CAPSET.invokeExact(cap, header, data)));
    }
  }

  /** uid and primary gid of a user in the passwd database (NSS), if it exists. */
  static Optional<Ids> user(String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment n = a.allocateFrom(name);
      MemorySegment pw = (MemorySegment) call(() -> (MemorySegment) GETPWNAM.invokeExact(cap, n));
      if (pw.equals(MemorySegment.NULL)) {
        return Optional.empty();
      }
      return Optional.of(new Ids(pw.get(JAVA_INT, PW_UID), pw.get(JAVA_INT, PW_GID)));
    }
  }

  /** gid of a group in the group database, if it exists. */
  static Optional<Integer> group(String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment n = a.allocateFrom(name);
      MemorySegment gr = (MemorySegment) call(() -> (MemorySegment) GETGRNAM.invokeExact(cap, n));
      return gr.equals(MemorySegment.NULL) ? Optional.empty()
          : Optional.of(gr.get(JAVA_INT, GR_GID));
    }
  }

  private static void check(String what, MemorySegment capture, int rc) throws IOException {
    if (rc != 0) {
      throw new ErrnoException(what, (int) ERRNO.get(capture, 0L));
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
