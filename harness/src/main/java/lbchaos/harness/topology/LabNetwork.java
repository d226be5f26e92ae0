package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import lbchaos.harness.docker.Docker;

/**
 * The run's own Docker bridge. Not {@code --internal}: that drops VRRP multicast (its isolation
 * rule drops every destination outside the subnet, 224.0.0.18 included). Instead masquerading is
 * off and one host rule in DOCKER-USER drops whatever would leave the bridge, so multicast and
 * ARP flow between the containers and nothing reaches beyond them.
 */
public final class LabNetwork implements AutoCloseable {

  /** -Dlbchaos.subnet.pool: a /16 whose /24s runs take, one each. */
  public static final String POOL_PROPERTY = "lbchaos.subnet.pool";
  static final String DEFAULT_POOL = "10.213.0.0/16";

  private final DockerClient docker;
  private final RunId run;
  private final String id;
  private final String name;
  private final String prefix;
  private final List<String> isolationRule;

  private LabNetwork(DockerClient docker, RunId run, String id, String name, String prefix,
      List<String> isolationRule) {
    this.docker = docker;
    this.run = run;
    this.id = id;
    this.name = name;
    this.prefix = prefix;
    this.isolationRule = isolationRule;
  }

  /**
   * Creates a network on a free /24 of the pool. Parallel runs race for subnets; the engine
   * refuses an overlap, and we take the next one.
   *
   * @param suffix appended to the names of a second network of the same run ("" for the main one)
   */
  public static LabNetwork create(DockerClient docker, RunId run, String suffix) {
    String pool = System.getProperty(POOL_PROPERTY, DEFAULT_POOL);
    String[] p = pool.split("[./]");
    if (p.length != 5 || !p[4].equals("16")) {
      throw new IllegalArgumentException(POOL_PROPERTY + " must be a /16 like 10.213.0.0/16, got "
          + pool);
    }
    Set<String> used = usedSubnets(docker);
    int start = ThreadLocalRandom.current().nextInt(256);
    String name = "lbchaos-" + run + suffix;
    String bridge = run.bridgeName() + suffix;
    RuntimeException last = null;
    for (int i = 0; i < 256; i++) {
      String prefix = p[0] + "." + p[1] + "." + ((start + i) % 256);
      if (used.contains(prefix + ".0/24")) {
        continue;
      }
      try {
        // Docker hands out dynamic addresses from the lower half only; our nodes have static
        // ones, and the VIP (.211) stays outside anything the engine would ever allocate.
        var ipam = new Network.Ipam().withConfig(new Network.Ipam.Config()
            .withSubnet(prefix + ".0/24").withIpRange(prefix + ".0/25").withGateway(prefix + ".1"));
        String id = createBridge(docker, run, name, bridge, ipam);
        return isolate(docker, run, id, name, bridge, prefix);
      } catch (com.github.dockerjava.api.exception.DockerException e) {
        last = e; // overlap with a network created meanwhile: take the next /24
      }
    }
    throw new IllegalStateException("no free /24 in " + pool, last);
  }

  /** The subnet a user's configs need is taken on this host: nothing was started. */
  public static final class SubnetInUse extends IllegalStateException {
    SubnetInUse(String message) {
      super(message);
    }
  }

  /**
   * Creates the run's network on the subnet a user's configs fix (e.g. 192.168.122.0/24), after
   * checking that neither another Docker network nor a host route uses any of it: we would
   * otherwise shadow a real network of this machine. Isolated like {@link #create}: no
   * masquerading, and the host rule drops whatever would leave the bridge.
   */
  public static LabNetwork createAt(DockerClient docker, RunId run, String subnet,
      String gateway) {
    requireFree(subnet, usedSubnets(docker), Docker.host(Duration.ofSeconds(10), "ip", "-4",
        "route", "show"));
    String name = "lbchaos-" + run;
    String bridge = run.bridgeName();
    var ipam = new Network.Ipam().withConfig(new Network.Ipam.Config()
        .withSubnet(subnet).withGateway(gateway));
    String id;
    try {
      id = createBridge(docker, run, name, bridge, ipam);
    } catch (com.github.dockerjava.api.exception.DockerException e) {
      throw new SubnetInUse("cannot create the test network on " + subnet + " (" + e.getMessage()
          .strip() + "); another run may be using it");
    }
    return isolate(docker, run, id, name, bridge, subnet.replaceFirst("\\.\\d+/\\d+$", ""));
  }

  /** A labelled bridge with masquerading off, named so the host rule can name it. */
  private static String createBridge(DockerClient docker, RunId run, String name, String bridge,
      Network.Ipam ipam) {
    return docker.createNetworkCmd().withName(name).withDriver("bridge")
        .withCheckDuplicate(true).withInternal(false).withIpam(ipam)
        .withLabels(Labels.of(run))
        .withOptions(Map.of(
            "com.docker.network.bridge.name", bridge,
            "com.docker.network.bridge.enable_ip_masquerade", "false"))
        .exec().getId();
  }

  /** Adds the host rule that drops whatever would leave the bridge; removes the bridge if not. */
  private static LabNetwork isolate(DockerClient docker, RunId run, String id, String name,
      String bridge, String prefix) {
    List<String> rule = List.of("DOCKER-USER", "-i", bridge, "!", "-o", bridge,
        "-m", "comment", "--comment", ruleComment(run), "-j", "DROP");
    LabNetwork net = new LabNetwork(docker, run, id, name, prefix, rule);
    try {
      iptables("-I", rule);
    } catch (RuntimeException e) {
      net.close();
      throw new IllegalStateException("cannot isolate the test network (iptables on the host,"
          + " as root, with Docker's DOCKER-USER chain): " + e.getMessage(), e);
    }
    return net;
  }

  /** Fails when {@code subnet} overlaps a Docker network's subnet or a host route. */
  static void requireFree(String subnet, Set<String> dockerSubnets, String routes) {
    for (String other : dockerSubnets) {
      if (other != null && other.contains(".") && overlaps(subnet, other)) {
        throw new SubnetInUse(subnet + " overlaps the Docker network " + other
            + " on this host: remove that network or give the configs another subnet");
      }
    }
    for (String line : routes.split("\n")) {
      String[] w = line.strip().split("\\s+");
      // "unreachable 10.0.0.0/8 ..." and the like name the destination second
      String dest = w[0].matches("unreachable|blackhole|prohibit|throw") && w.length > 1 ? w[1]
          : w[0];
      if (dest.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?")
          && overlaps(subnet, dest.contains("/") ? dest : dest + "/32")) {
        throw new SubnetInUse(subnet + " is in use on this host (route: " + line.strip()
            + "): the harness will not shadow a real network; free it or give the configs"
            + " another subnet");
      }
    }
  }

  static boolean overlaps(String a, String b) {
    long[] x = cidr(a);
    long[] y = cidr(b);
    long mask = Math.min(x[1], y[1]) == 0 ? 0 : (0xffffffffL << (32 - Math.min(x[1], y[1])))
        & 0xffffffffL;
    return (x[0] & mask) == (y[0] & mask);
  }

  private static long[] cidr(String c) {
    String[] p = c.split("/");
    long v = 0;
    for (String o : p[0].split("\\.")) {
      v = (v << 8) | Integer.parseInt(o);
    }
    return new long[] {v, p.length > 1 ? Integer.parseInt(p[1]) : 32};
  }

  static String ruleComment(RunId run) {
    return "lbchaos:" + run + ":" + ProcessHandle.current().pid();
  }

  static void iptables(String op, List<String> rule) {
    String[] cmd = new String[rule.size() + 3];
    cmd[0] = "iptables";
    cmd[1] = "-w";
    cmd[2] = op;
    for (int i = 0; i < rule.size(); i++) {
      cmd[i + 3] = rule.get(i);
    }
    Docker.host(Duration.ofSeconds(20), cmd);
  }

  private static Set<String> usedSubnets(DockerClient docker) {
    Set<String> used = new HashSet<>();
    for (Network n : docker.listNetworksCmd().exec()) {
      if (n.getIpam() != null && n.getIpam().getConfig() != null) {
        n.getIpam().getConfig().forEach(c -> used.add(c.getSubnet()));
      }
    }
    return used;
  }

  public String name() {
    return name;
  }

  public String id() {
    return id;
  }

  /** First three octets of this network's /24. */
  public String prefix() {
    return prefix;
  }

  public RunId run() {
    return run;
  }

  /** Connects a node again after a disconnect fault, at its own address. */
  public void connect(Node node) {
    docker.connectToNetworkCmd().withNetworkId(id).withContainerId(node.containerId())
        .withContainerNetwork(new com.github.dockerjava.api.model.ContainerNetwork()
            .withIpamConfig(new com.github.dockerjava.api.model.ContainerNetwork.Ipam()
                .withIpv4Address(node.ip())))
        .exec();
  }

  public void disconnect(Node node) {
    docker.disconnectFromNetworkCmd().withNetworkId(id).withContainerId(node.containerId())
        .withForce(true).exec();
  }

  @Override
  public void close() {
    try {
      iptables("-D", isolationRule);
    } catch (RuntimeException e) {
      // not inserted, or removed by a sweep
    }
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (RuntimeException e) {
      // gone already
    }
  }
}
