package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/**
 * Drops VRRP (IP protocol 112) arriving at every LB: each stops hearing the others and becomes
 * master (split brain). Heal removes the rules; one master must win again. The rule matches the
 * protocol whatever the destination, so it drops unicast adverts (unicast_peer) as well as the
 * multicast group's. It acts on INPUT, after the capture point: the taps in the LBs' namespaces
 * still see every advert leave, which is the wire's truth (it was sent; nobody took it).
 */
public record BlockVrrp() implements Fault {

  private static final NetRule DROP_VRRP = new NetRule("INPUT", "-p", "112", "-j", "DROP");

  public String name() {
    return "block-vrrp";
  }

  public String target() {
    return "loadbalancers";
  }

  public void inject(Lab lab) {
    for (Node lb : lab.lbs()) {
      DROP_VRRP.insert(lb);
    }
  }

  public void heal(Lab lab) {
    for (Node lb : lab.lbs()) {
      DROP_VRRP.remove(lb);
    }
  }
}
