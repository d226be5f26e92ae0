package lbchaos.harness.fault;

import java.time.Duration;
import lbchaos.harness.topology.Lab;

/**
 * Kills one daemon inside a node while the node stays up: haproxy alone, keepalived alone, or one
 * of our agents (matched on its command line). Heal restarts the node's daemons.
 */
public record KillDaemon(String target, String process, String signal) implements Fault {
  public String name() {
    return "kill-" + process;
  }

  public void inject(Lab lab) {
    var r = lab.node(target).exec(Duration.ofSeconds(10), "pkill", "--signal", signal, "-f", process);
    if (r.exitCode() > 1) {
      throw new IllegalStateException("pkill " + process + " on " + target + ": " + r.stderr());
    }
  }

  public void heal(Lab lab) {
    var node = lab.node(target);
    node.kill("SIGKILL");
    node.startAgain();
  }

  public String detail() {
    return signal + " to " + process;
  }
}
