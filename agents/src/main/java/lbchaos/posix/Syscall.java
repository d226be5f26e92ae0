package lbchaos.posix;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * System calls by libc's syscall(2), {@code long syscall(long number, ...)}, through the Foreign
 * Function & Memory API, all with one downcall handle: the number and six variadic longs, always
 * all six (the unused ones 0), errno captured. The FFM linker spins a stub class and about ten
 * lambda forms per distinct function descriptor, 5-8 ms of CPU each in the agents' C1-only JVM
 * with the node image's AOT cache (which cannot hold them); with one descriptor per libc
 * function, fourteen of them stood between the VRRP agent's start and its first advert
 * (BENCHMARKS.md, session 19). So the calls whose glibc wrapper is the bare system call go
 * through here; those glibc does more for (set*id and setgroups, which it makes on every
 * thread; the NSS lookups) stay libc functions.
 *
 * <p>Pointers pass as raw addresses: the linker does not hold their arena open during the call,
 * so a buffer's owner frees it only once no thread is in a call with it.
 */
public final class Syscall {

  /** The system call numbers used: asm/unistd_64.h (x86_64), asm-generic/unistd.h (aarch64). */
  public record Numbers(long close, long socket, long bind, long sendto, long recvfrom,
      long recvmsg, long setsockopt, long ppoll, long getuid, long geteuid, long getgid,
      long getegid, long capset, long prctl) {

    static Numbers of(String arch) {
      return switch (arch) {
        case "amd64", "x86_64" ->
            new Numbers(3, 41, 49, 44, 45, 47, 54, 271, 102, 107, 104, 108, 126, 157);
        case "aarch64" ->
            new Numbers(57, 198, 200, 206, 207, 212, 208, 73, 174, 175, 176, 177, 91, 167);
        default -> throw new UnsupportedOperationException("no system call numbers for " + arch);
      };
    }
  }

  /** This machine's numbers. */
  public static final Numbers NR = Numbers.of(System.getProperty("os.arch"));

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle SYSCALL = handle();

  private Syscall() {}

  @SuppressWarnings("restricted") // native access is enabled for the agents jar (manifest)
  private static MethodHandle handle() {
    MemorySegment symbol = LINKER.defaultLookup().find("syscall")
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no syscall"));
    return LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
  }

  /** Room for the errno of one call at a time. */
  public static MemorySegment capture(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  /** errno as the last failed call into {@code capture} left it. */
  public static int errno(MemorySegment capture) {
    return (int) ERRNO.get(capture, 0L);
  }

  /** The call's result, or -1 with errno in {@code capture}. */
  public static long call(MemorySegment capture, long nr, long a1, long a2, long a3, long a4,
      long a5, long a6) {
    try {
      return (long) SYSCALL.invokeExact(capture, nr, a1, a2, a3, a4, a5, a6);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
