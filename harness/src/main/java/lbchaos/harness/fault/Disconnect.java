package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;

/** Unplugs a node from the test network; heal plugs it back at its own address. */
public record Disconnect(String target) implements Fault {
  public String name() {
    return "disconnect";
  }

  public void inject(Lab lab) {
    lab.network().disconnect(lab.node(target));
  }

  public void heal(Lab lab) {
    try {
      lab.network().connect(lab.node(target));
    } catch (RuntimeException e) {
      // already connected
    }
  }
}
