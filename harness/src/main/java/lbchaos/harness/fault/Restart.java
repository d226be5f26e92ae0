package lbchaos.harness.fault;

import java.time.Duration;
import lbchaos.harness.topology.Lab;

/** A reboot: stop gracefully, start again at once. Its heal only makes sure it runs. */
public record Restart(String target) implements Fault {
  public String name() {
    return "restart";
  }

  public void inject(Lab lab) {
    lab.node(target).stop(Duration.ofSeconds(5));
    lab.node(target).startAgain();
  }

  public void heal(Lab lab) {
    if (!lab.node(target).running()) {
      lab.node(target).startAgain();
    }
  }
}
