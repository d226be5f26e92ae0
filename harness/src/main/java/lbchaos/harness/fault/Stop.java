package lbchaos.harness.fault;

import java.time.Duration;
import lbchaos.harness.topology.Lab;

/** SIGTERM with a grace period, as `systemctl stop`: a VRRP master sends priority 0 first. */
public record Stop(String target, Duration grace) implements Fault {
  public String name() {
    return "stop";
  }

  public void inject(Lab lab) {
    lab.node(target).stop(grace);
  }

  public void heal(Lab lab) {
    if (!lab.node(target).running()) {
      lab.node(target).startAgain();
    }
  }

  public String detail() {
    return "SIGTERM, grace " + grace.toSeconds() + " s";
  }
}
