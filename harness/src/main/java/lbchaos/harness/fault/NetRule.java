package lbchaos.harness.fault;

import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.topology.Node;

/**
 * One iptables rule a network fault sets in a node's network namespace (through
 * {@link Node#netAdmin}: docker exec or a helper container, never the host), above the node's
 * egress chain.
 *
 * <p>Its removal is idempotent and knows about restarts: a node that was killed or restarted
 * since the injection runs in a new namespace, and the rule went with the old one, so there is
 * nothing to remove there (not an error); a stopped node has no namespace at all. Anything else
 * that fails is reported, so a heal that did not happen is never taken for one that did.
 *
 * @param chain INPUT or OUTPUT
 * @param match the rule after the chain name, e.g. {@code -p 112 -j DROP}
 */
record NetRule(String chain, List<String> match) {

  NetRule(String chain, String... match) {
    this(chain, List.of(match));
  }

  NetRule {
    match = List.copyOf(match);
  }

  void insert(Node node) {
    node.netAdmin(command("-I").toArray(String[]::new));
  }

  void remove(Node node) {
    if (!node.running()) {
      return; // its namespace, and the rule in it, went when it stopped
    }
    // Every copy (an injection repeated by a schedule adds one each time), none if the node
    // restarted meanwhile.
    String check = String.join(" ", command("-C"));
    String delete = String.join(" ", command("-D"));
    node.netAdmin("sh", "-c", "while " + check + " 2>/dev/null; do " + delete + "; done");
  }

  List<String> command(String op) {
    List<String> cmd = new ArrayList<>(List.of("iptables", "-w", op, chain));
    cmd.addAll(match);
    return cmd;
  }
}
