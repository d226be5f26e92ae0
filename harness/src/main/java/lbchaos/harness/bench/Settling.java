package lbchaos.harness.bench;

/**
 * Whether a proxy under load has reached the steady state its load figures are meant to show:
 * its JIT compiler has stopped working. Fed one window of load at a time (the compiler threads'
 * CPU and the whole process's), it says settled once {@link #QUIET_WINDOWS} windows in a row
 * spent at most {@link #QUIET_SHARE} of the process's CPU compiling.
 *
 * <p>Why the compiler and not the CPU per request: the java proxy's C2 compiles its hot paths
 * from a queue, one method at a time, and a path taken rarely reaches its compile threshold
 * late. With wrk kept alive through apache (which closes a connection after 100 requests) the
 * reconnect path runs about 60 times a second and stays interpreted for some 40 s, at about
 * 1 ms of CPU each: 26-31 us of user CPU per request until then, 14 after (mode tcp, one fresh
 * proxy on the bridge, 5 s windows, session 29). CPU per request moves by a fifth from one
 * window to the next on a shared machine, which hides such a step; the compiler thread's share
 * does not: it falls to nothing once the hot paths are compiled. A process without compiler
 * threads (haproxy) is settled after the first {@link #QUIET_WINDOWS} windows.
 */
final class Settling {

  static final double QUIET_SHARE = 0.02;
  static final int QUIET_WINDOWS = 3;

  private int quiet;

  /** One window's ticks: the compiler threads', the process's (all threads). */
  boolean add(CpuTicks compiler, CpuTicks process) {
    quiet = compiler.total() <= QUIET_SHARE * process.total() ? quiet + 1 : 0;
    return settled();
  }

  boolean settled() {
    return quiet >= QUIET_WINDOWS;
  }
}
