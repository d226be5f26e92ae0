package lbchaos.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks the kernel for a short time slice for the calling thread: sched_setattr(2) with the
 * thread's own policy and nice value and {@code sched_runtime} set, which Linux 6.12 and later
 * (EEVDF) read for a SCHED_OTHER thread as its slice. A thread with a shorter slice than the one
 * running gets an earlier deadline and preempts it when it wakes (the kernel's PREEMPT_SHORT; a
 * cgroup takes the shortest slice of its queued threads, so this holds against another
 * container's busy loop too). Without it a VRRP timer thread that wakes every 10 ms on a
 * saturated machine waited up to 90 ms in the run queue (perf sched timehist, issue 22).
 *
 * <p>No privilege is needed: neither the policy nor the nice value changes (raising priority
 * would need CAP_SYS_NICE). An older kernel ignores the slice of a SCHED_OTHER thread; the call
 * still succeeds and changes nothing.
 */
public final class ThreadSlice {

  /** The kernel clamps a slice to 0.1 ms .. 100 ms (kernel/sched/syscalls.c). */
  public static final Duration MIN = Duration.ofNanos(100_000);

  // <asm/unistd_64.h>, <asm-generic/unistd.h> (arm64)
  private static final boolean ARM64 = System.getProperty("os.arch").equals("aarch64");
  private static final long SYS_SCHED_SETATTR = ARM64 ? 274 : 314;
  private static final long SYS_SCHED_GETATTR = ARM64 ? 275 : 315;
  // <linux/sched/types.h> struct sched_attr, SCHED_ATTR_SIZE_VER0: size u32, policy u32,
  // flags u64, nice s32, priority u32, runtime u64, deadline u64, period u64.
  private static final int ATTR_SIZE = 48;
  private static final long POLICY = 4;
  private static final long RUNTIME = 24;
  private static final int SCHED_OTHER = 0;
  private static final int SCHED_BATCH = 3;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  /** syscall(SYS_sched_setattr, pid_t 0 (this thread), attr, flags 0). */
  private static final MethodHandle SET = handle(
      FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  /** syscall(SYS_sched_getattr, pid_t 0, attr, size, flags 0). */
  private static final MethodHandle GET = handle(
      FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

  private ThreadSlice() {}

  @SuppressWarnings("restricted") // native access is enabled for the agents jar (manifest)
  private static MethodHandle handle(FunctionDescriptor fd) {
    MemorySegment symbol = LINKER.defaultLookup().find("syscall")
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no syscall"));
    return LINKER.downcallHandle(symbol, fd, Linker.Option.firstVariadicArg(1),
        Linker.Option.captureCallState("errno"));
  }

  /**
   * Sets the calling thread's slice to {@code slice} (at least {@link #MIN}). Empty when the
   * kernel took it; otherwise why not, for a log line (the thread runs on as before).
   */
  public static Optional<String> request(Duration slice) {
    if (slice.compareTo(MIN) < 0) {
      throw new IllegalArgumentException("the kernel's shortest slice is " + MIN + ": " + slice);
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment attr = a.allocate(ATTR_SIZE, 8);
      // Read first: the call sets the nice value as well, and this one must keep it.
      long rc = (long) GET.invokeExact(cap, SYS_SCHED_GETATTR, 0, attr, ATTR_SIZE, 0);
      if (rc < 0) {
        return Optional.of("sched_getattr failed: errno " + (int) ERRNO.get(cap, 0L));
      }
      int policy = attr.get(JAVA_INT, POLICY);
      if (policy != SCHED_OTHER && policy != SCHED_BATCH) {
        return Optional.of("not a SCHED_OTHER thread (policy " + policy + ")");
      }
      attr.set(JAVA_INT, 0, ATTR_SIZE);
      attr.set(JAVA_LONG, RUNTIME, slice.toNanos());
      rc = (long) SET.invokeExact(cap, SYS_SCHED_SETATTR, 0, attr, 0);
      if (rc < 0) {
        return Optional.of("sched_setattr failed: errno " + (int) ERRNO.get(cap, 0L));
      }
      return Optional.empty();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The calling thread's slice as the kernel reports it (sched_getattr's sched_runtime). */
  public static Optional<Duration> current() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment attr = a.allocate(ATTR_SIZE, 8);
      long rc = (long) GET.invokeExact(cap, SYS_SCHED_GETATTR, 0, attr, ATTR_SIZE, 0);
      return rc < 0 ? Optional.empty()
          : Optional.of(Duration.ofNanos(attr.get(JAVA_LONG, RUNTIME)));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
