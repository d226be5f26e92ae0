package lbchaos.harness.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/** Delay, jitter and loss on everything a node sends (tc netem on its eth0). */
public record Netem(String target, Duration delay, Duration jitter, double lossPercent)
    implements Fault {

  public Netem {
    if (lossPercent < 0 || lossPercent > 100) {
      throw new IllegalArgumentException("loss must be 0..100 %, got " + lossPercent);
    }
  }

  public String name() {
    return "netem";
  }

  public void inject(Lab lab) {
    List<String> cmd = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", "eth0", "root",
        "netem"));
    if (!delay.isZero()) {
      cmd.addAll(List.of("delay", delay.toMillis() + "ms"));
      if (!jitter.isZero()) {
        cmd.add(jitter.toMillis() + "ms");
      }
    }
    if (lossPercent > 0) {
      cmd.addAll(List.of("loss", lossPercent + "%"));
    }
    try {
      lab.node(target).netAdmin(cmd.toArray(String[]::new));
    } catch (IllegalStateException e) {
      // Kernels built without sch_netem (and without modules to load) exist: this machine's.
      if (e.getMessage().contains("qdisc kind is unknown")) {
        throw new NotRunnable("netem (" + detail() + ")", "the engine host's kernel has no"
            + " netem qdisc (sch_netem); tc said: " + e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Back to the default qdisc. A node restarted since the injection has a new namespace with
   * the default already, and a stopped one none: nothing to undo in either.
   */
  public void heal(Lab lab) {
    Node node = lab.node(target);
    if (node.running()) {
      node.netAdmin("sh", "-c", "if tc qdisc show dev eth0 root | grep -q netem; then"
          + " tc qdisc del dev eth0 root; fi");
    }
  }

  public String detail() {
    return "delay " + delay.toMillis() + " ms, jitter " + jitter.toMillis() + " ms, loss "
        + lossPercent + " %";
  }
}
