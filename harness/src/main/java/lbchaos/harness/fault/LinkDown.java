package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/**
 * Takes the node's interface down from inside its network namespace ({@code ip link set eth0
 * down}, through {@link Node#netAdmin}: the LBs hold NET_ADMIN, so docker exec, nothing added),
 * as a pulled cable or a failed NIC looks to the node: the kernel drops IFF_UP and IFF_RUNNING
 * and tells rtnetlink listeners (keepalived, the Java agent), the bridge's side loses its
 * carrier. Heal sets it up again; the addresses stayed (IPv4 keeps them on a down link) and the
 * subnet's route comes back with the link. The wire tap in the node's namespace loses its
 * capture when the link goes (libpcap: "The interface went down"), so the heal starts it again.
 * A node restarted since the injection has a new namespace whose eth0 is up: nothing to undo.
 */
public record LinkDown(String target) implements Fault {

  /** The interface the harness gives every node, which the configs' {@code interface} names. */
  static final String IFACE = "eth0";

  public String name() {
    return "link-down";
  }

  public void inject(Lab lab) {
    lab.node(target).netAdmin("ip", "link", "set", IFACE, "down");
  }

  public void heal(Lab lab) {
    Node node = lab.node(target);
    if (!node.running()) {
      return; // its namespace, and the down link in it, went when it stopped
    }
    node.netAdmin("ip", "link", "set", IFACE, "up");
    node.rejoinBeside();
  }

  @Override
  public String detail() {
    return IFACE + " down";
  }
}
