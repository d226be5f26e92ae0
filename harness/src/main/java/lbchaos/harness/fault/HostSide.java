package lbchaos.harness.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.topology.Node;

/**
 * Runs a network tool of the host inside a node's network namespace. The node needs no
 * capability for it, and the rule lives and dies with the namespace.
 */
final class HostSide {

  private HostSide() {}

  static String inNetns(Node node, String... command) {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(node.pid()), "-n"));
    cmd.addAll(List.of(command));
    return Docker.host(Duration.ofSeconds(20), cmd.toArray(String[]::new));
  }

  /** Best effort for heals: the node may have been restarted (new namespace, rule gone). */
  static void tryInNetns(Node node, String... command) {
    try {
      inNetns(node, command);
    } catch (RuntimeException e) {
      // nothing to undo
    }
  }
}
