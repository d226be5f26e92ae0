package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/**
 * Unplugs a node from the test network; heal plugs it back at its own address. Docker names the
 * new interface eth1 (eth0 was deleted), and keepalived's instance on eth0 would stay in FAULT
 * for good: the heal names it eth0 again, as the configs expect. The reconnect also gives the
 * node its default route back, which the heal takes away again ({@link Node#isolate}); the
 * egress chain stayed in the namespace throughout.
 */
public record Disconnect(String target) implements Fault {
  public String name() {
    return "disconnect";
  }

  public void inject(Lab lab) {
    lab.network().disconnect(lab.node(target));
  }

  public void heal(Lab lab) {
    Node node = lab.node(target);
    try {
      lab.network().connect(node);
    } catch (RuntimeException e) {
      // already connected
    }
    String links = node.netAdmin("ip", "-o", "-4", "addr", "show");
    for (String l : links.lines().toList()) {
      String[] f = l.trim().split("\\s+");
      if (f.length > 3 && f[3].startsWith(node.ip() + "/") && !f[1].equals("eth0")) {
        node.netAdmin("sh", "-c", "ip link set " + f[1] + " down && ip link set " + f[1]
            + " name eth0 && ip link set eth0 up");
      }
    }
    node.isolate();
  }
}
