package lbchaos.harness.bench;

/**
 * User and system CPU time of some processes (all their threads), in the clock ticks of
 * /proc/PID/stat (USER_HZ). The split says where a proxy's cost per request is: in its own code
 * (user) or in the kernel's network path and system calls (system), which a proxy on io_uring
 * and one on epoll share out differently.
 */
record CpuTicks(long user, long system) {

  static final CpuTicks ZERO = new CpuTicks(0, 0);

  /** utime and stime of one /proc/PID/stat line (fields 14 and 15; the name may hold spaces). */
  static CpuTicks parse(String statLine) {
    String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
    return new CpuTicks(Long.parseLong(f[11]), Long.parseLong(f[12]));
  }

  CpuTicks plus(CpuTicks o) {
    return new CpuTicks(user + o.user, system + o.system);
  }

  CpuTicks minus(CpuTicks o) {
    return new CpuTicks(user - o.user, system - o.system);
  }

  long total() {
    return user + system;
  }
}
