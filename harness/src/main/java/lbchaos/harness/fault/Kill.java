package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;

/** SIGKILL to a whole node, as a crash or power loss; heal starts it again. */
public record Kill(String target) implements Fault {
  public String name() {
    return "kill";
  }

  public void inject(Lab lab) {
    lab.node(target).kill("SIGKILL");
  }

  public void heal(Lab lab) {
    if (!lab.node(target).running()) {
      lab.node(target).startAgain();
    }
  }

  public String detail() {
    return "SIGKILL";
  }
}
