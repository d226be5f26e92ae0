package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/**
 * Drops VRRP (IP protocol 112) arriving at every LB: each stops hearing the others and becomes
 * master (split brain). Heal removes the rules; one master must win again.
 */
public record BlockVrrp() implements Fault {
  public String name() {
    return "block-vrrp";
  }

  public String target() {
    return "loadbalancers";
  }

  public void inject(Lab lab) {
    for (Node lb : lab.lbs()) {
      HostSide.inNetns(lb, "iptables", "-w", "-I", "INPUT", "-p", "112", "-j", "DROP");
    }
  }

  public void heal(Lab lab) {
    for (Node lb : lab.lbs()) {
      HostSide.tryInNetns(lb, "iptables", "-w", "-D", "INPUT", "-p", "112", "-j", "DROP");
    }
  }
}
