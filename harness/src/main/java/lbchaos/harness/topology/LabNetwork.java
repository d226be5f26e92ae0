package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The run's own Docker bridge. Not {@code --internal}: that drops VRRP multicast (its isolation
 * rule drops every destination outside the subnet, 224.0.0.18 included). Instead masquerading is
 * off, and each node's own network namespace rejects whatever would leave the subnet
 * ({@link Egress}), so multicast and ARP flow between the containers and nothing reaches beyond
 * them, with no rule on the host.
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
  private final Egress egress;
  /** The dual-stack plan's addresses when the network has IPv6, else null. */
  private final AddressPlan plan6;

  private LabNetwork(DockerClient docker, RunId run, String id, String name, String prefix,
      Egress egress) {
    this(docker, run, id, name, prefix, egress, null);
  }

  private LabNetwork(DockerClient docker, RunId run, String id, String name, String prefix,
      Egress egress, AddressPlan plan6) {
    this.plan6 = plan6;
    this.docker = docker;
    this.run = run;
    this.id = id;
    this.name = name;
    this.prefix = prefix;
    this.egress = egress;
  }

  /**
   * Creates a network on a free /24 of the pool. Parallel runs race for subnets; the engine
   * refuses an overlap, and we take the next one.
   *
   * @param suffix appended to the names of a second network of the same run ("" for the main one)
   */
  public static LabNetwork create(DockerClient docker, RunId run, String suffix) {
    return create(docker, run, suffix, false);
  }

  /**
   * As above; {@code ipv6} adds the /24's IPv6 /64 ({@link AddressPlan#subnet6}): Docker 20.10
   * takes {@code EnableIPv6} and a second IPAM config per network, with no daemon setting.
   */
  public static LabNetwork create(DockerClient docker, RunId run, String suffix, boolean ipv6) {
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
        var v4 = new Network.Ipam.Config()
            .withSubnet(prefix + ".0/24").withIpRange(prefix + ".0/25").withGateway(prefix + ".1");
        AddressPlan plan6 = ipv6 ? AddressPlan.dualStack(prefix, 1, 1) : null;
        var ipam = ipv6 ? new Network.Ipam().withConfig(v4, new Network.Ipam.Config()
            .withSubnet(plan6.subnet6()).withGateway(plan6.gateway6()))
            : new Network.Ipam().withConfig(v4);
        String id = createBridge(docker, run, name, bridge, ipam, ipv6);
        return new LabNetwork(docker, run, id, name, prefix, ipv6
            ? new Egress(prefix + ".0/24", prefix + ".1", plan6.subnet6(), plan6.gateway6())
            : new Egress(prefix + ".0/24", prefix + ".1"), plan6);
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
   * checking that neither another Docker network nor a route of the engine's host uses any of
   * it: we would otherwise shadow a real network of that machine. Isolated like {@link #create}.
   * The routes are read by a helper container of {@code image} in the host's network namespace
   * with no capability: the engine's host may not be this one (a remote engine, dind).
   */
  public static LabNetwork createAt(DockerClient docker, RunId run, String subnet,
      String gateway, String image) {
    Node.ExecResult routes = HelperContainer.run(docker, image, run, "host routes",
        HelperContainer.readHostNetwork(), Duration.ofSeconds(30), "ip", "-4", "route", "show");
    if (!routes.ok()) {
      throw new IllegalStateException("cannot read the engine host's routes: " + routes.stderr());
    }
    requireFree(subnet, usedSubnets(docker), routes.stdout());
    String name = "lbchaos-" + run;
    String bridge = run.bridgeName();
    var ipam = new Network.Ipam().withConfig(new Network.Ipam.Config()
        .withSubnet(subnet).withGateway(gateway));
    String id;
    try {
      id = createBridge(docker, run, name, bridge, ipam, false);
    } catch (com.github.dockerjava.api.exception.DockerException e) {
      throw new SubnetInUse("cannot create the test network on " + subnet + " (" + e.getMessage()
          .strip() + "); another run may be using it");
    }
    return new LabNetwork(docker, run, id, name, subnet.replaceFirst("\\.\\d+/\\d+$", ""),
        new Egress(subnet, gateway));
  }

  /**
   * A labelled bridge with masquerading off, named after the run so that `ip link` on the host
   * tells which run it belongs to.
   */
  private static String createBridge(DockerClient docker, RunId run, String name, String bridge,
      Network.Ipam ipam, boolean ipv6) {
    return docker.createNetworkCmd().withName(name).withDriver("bridge").withEnableIpv6(ipv6)
        .withCheckDuplicate(true).withInternal(false).withIpam(ipam)
        .withLabels(Labels.of(run))
        .withOptions(Map.of(
            "com.docker.network.bridge.name", bridge,
            "com.docker.network.bridge.enable_ip_masquerade", "false"))
        .exec().getId();
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

  /** What keeps the nodes on this network inside it, set in each node's namespace. */
  public Egress egress() {
    return egress;
  }

  /** Whether the network is dual stack (its nodes also have {@link #ipv6Of} addresses). */
  public boolean ipv6() {
    return plan6 != null;
  }

  /** A node's IPv6 address on a dual-stack network ({@link AddressPlan#ipv6Of}). */
  public String ipv6Of(String ipv4) {
    return plan6.ipv6Of(ipv4);
  }

  /** Connects a node again after a disconnect fault, at its own address(es). */
  public void connect(Node node) {
    var ipam = new com.github.dockerjava.api.model.ContainerNetwork.Ipam()
        .withIpv4Address(node.ip());
    if (ipv6()) {
      ipam = ipam.withIpv6Address(ipv6Of(node.ip()));
    }
    docker.connectToNetworkCmd().withNetworkId(id).withContainerId(node.containerId())
        .withContainerNetwork(new com.github.dockerjava.api.model.ContainerNetwork()
            .withIpamConfig(ipam))
        .exec();
  }

  public void disconnect(Node node) {
    docker.disconnectFromNetworkCmd().withNetworkId(id).withContainerId(node.containerId())
        .withForce(true).exec();
  }

  @Override
  public void close() {
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      // gone already
    } catch (RuntimeException e) {
      // Its containers are gone by now: the run says what it leaves behind (Docker 20.10 can
      // leak an endpoint count and then refuse for good), which a later sweep retries.
      System.err.println(Sweeper.advice(Sweeper.refusal(name, e)));
    }
  }
}
