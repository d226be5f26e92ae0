package lbchaos.harness.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;

/**
 * One container of the topology, before it exists. Capabilities are added to an empty set
 * (everything else dropped): least privilege, never privileged.
 *
 * @param hosts host names the node resolves, to addresses (its /etc/hosts)
 */
public record NodeSpec(String name, Role role, String ip, List<String> command,
    List<String> capabilities, Map<String, String> sysctls, List<FileSpec> files,
    Map<String, String> hosts) {

  /** NETNS: holds a team's webserver's address and closed network namespace (see Lab). */
  public enum Role { LB, WEBSERVER, CLIENT, OBSERVER, OUTSIDER, NETNS }

  public NodeSpec {
    command = List.copyOf(command);
    capabilities = List.copyOf(capabilities);
    sysctls = Map.copyOf(sysctls);
    files = List.copyOf(files);
    hosts = Map.copyOf(hosts);
  }

  /** A node that resolves no name of its own. */
  public NodeSpec(String name, Role role, String ip, List<String> command,
      List<String> capabilities, Map<String, String> sysctls, List<FileSpec> files) {
    this(name, role, ip, command, capabilities, sysctls, files, Map.of());
  }

  /** The content of the file this node gets at {@code path}, if it gets one. */
  public Optional<String> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).map(FileSpec::content).findFirst();
  }
}
