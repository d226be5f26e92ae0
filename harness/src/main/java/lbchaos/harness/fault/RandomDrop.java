package lbchaos.harness.fault;

import java.util.Locale;
import lbchaos.harness.topology.Lab;

/**
 * Loss without netem: the node drops each packet it sends with a given probability (iptables
 * statistic match). For kernels built without sch_netem, where {@link Netem} cannot run.
 */
public record RandomDrop(String target, double percent) implements Fault {

  public RandomDrop {
    if (percent <= 0 || percent >= 100) {
      throw new IllegalArgumentException("drop percentage must be in (0, 100), got " + percent);
    }
  }

  public String name() {
    return "random-drop";
  }

  public void inject(Lab lab) {
    rule().insert(lab.node(target));
  }

  public void heal(Lab lab) {
    rule().remove(lab.node(target));
  }

  private NetRule rule() {
    return new NetRule("OUTPUT", "-m", "statistic", "--mode", "random", "--probability",
        String.format(Locale.ROOT, "%.4f", percent / 100), "-j", "DROP");
  }

  public String detail() {
    return "drops " + percent + " % of what it sends";
  }
}
