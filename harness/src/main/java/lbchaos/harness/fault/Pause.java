package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;

/** Freezes every process of a node (cgroup freezer): alive but silent, like a long GC pause. */
public record Pause(String target) implements Fault {
  public String name() {
    return "pause";
  }

  public void inject(Lab lab) {
    lab.node(target).pause();
  }

  public void heal(Lab lab) {
    try {
      lab.node(target).unpause();
    } catch (RuntimeException e) {
      // not paused
    }
  }
}
