package lbchaos.harness.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.topology.Lab;

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
    HostSide.inNetns(lab.node(target), cmd.toArray(String[]::new));
  }

  public void heal(Lab lab) {
    HostSide.tryInNetns(lab.node(target), "tc", "qdisc", "del", "dev", "eth0", "root");
  }

  public String detail() {
    return "delay " + delay.toMillis() + " ms, jitter " + jitter.toMillis() + " ms, loss "
        + lossPercent + " %";
  }
}
