package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;

/** Starves a node of CPU through its cgroup quota: alive, but slow to run timers and checks. */
public record CpuStarve(String target, int percentOfOneCpu) implements Fault {

  static final long PERIOD_MICROS = 100_000;

  public CpuStarve {
    if (percentOfOneCpu < 1 || percentOfOneCpu > 100) {
      throw new IllegalArgumentException("CPU share must be 1..100 %, got " + percentOfOneCpu);
    }
  }

  public String name() {
    return "cpu-starve";
  }

  public void inject(Lab lab) {
    lab.node(target).cpuQuota(PERIOD_MICROS, PERIOD_MICROS * percentOfOneCpu / 100);
  }

  public void heal(Lab lab) {
    lab.node(target).cpuQuota(PERIOD_MICROS, -1);
  }

  public String detail() {
    return percentOfOneCpu + " % of one CPU";
  }
}
