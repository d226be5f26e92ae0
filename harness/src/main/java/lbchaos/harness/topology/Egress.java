package lbchaos.harness.topology;

import java.util.List;

/**
 * What keeps a node inside its test network, set in the node's own network namespace: no host
 * rule, so no root on the host. A chain on OUTPUT lets through loopback, the test subnet and
 * multicast (VRRP's 224.0.0.18: a {@code --internal} network would drop it, and both LBs would
 * become master) and rejects the rest, the bridge's gateway included (that address is the
 * engine host's own, in the subnet). The default route goes too, so an address beyond the
 * subnet is not even routed. Rejected rather than dropped: a process trying gets "No route to
 * host" at once instead of waiting out its timeout.
 *
 * <p>The default route goes last, and its absence is the sign the node image's {@code isolated}
 * wrapper waits for before it starts the node's own command: the filter is in place before any
 * daemon sends. Applying it again is harmless: a chain that exists is kept as it is (a fault's
 * rules, inserted above its jump, stay too), and Docker's reconnect of a node puts the default
 * route back, which a second application removes.
 *
 * <p>On a dual-stack network the same chain is made with ip6tables: loopback, the IPv6 subnet,
 * link-local (neighbour discovery) and multicast (VRRP's ff02::12, all-nodes for unsolicited
 * neighbour adverts) pass; the bridge's IPv6 address and the rest are rejected, and the IPv6
 * default route goes before the IPv4 one (whose absence is the sign).
 *
 * @param subnet the test network, e.g. "10.213.7.0/24"
 * @param gateway the bridge's address on it (the engine host's side), e.g. "10.213.7.1"
 * @param subnet6 the IPv6 subnet of a dual-stack network, e.g. "fd00:213:7::/64", or null
 * @param gateway6 the bridge's IPv6 address, e.g. "fd00:213:7::1", or null
 */
public record Egress(String subnet, String gateway, String subnet6, String gateway6) {

  /** IPv4 only. */
  public Egress(String subnet, String gateway) {
    this(subnet, gateway, null, null);
  }

  static final String CHAIN = "lbchaos-egress";
  /** IPv4 multicast (RFC 5771), where VRRP adverts go (224.0.0.18, RFC 5798 5.1.1.2). */
  static final String MULTICAST = "224.0.0.0/4";

  public Egress {
    if (!subnet.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")
        || !gateway.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("egress needs a subnet like 10.213.7.0/24 and a gateway"
          + " address, got " + subnet + " and " + gateway);
    }
    if ((subnet6 == null) != (gateway6 == null)
        || (subnet6 != null && (!subnet6.matches("[0-9a-f:]+/\\d{1,3}")
            || !gateway6.matches("[0-9a-f:]+")))) {
      throw new IllegalArgumentException("an IPv6 egress needs a subnet like fd00:213:7::/64 and"
          + " a gateway address, got " + subnet6 + " and " + gateway6);
    }
  }

  /** The ip6tables chain's rules in order, as {@link #rules} (none on an IPv4-only network). */
  List<List<String>> rules6() {
    if (subnet6 == null) {
      return List.of();
    }
    List<String> reject = List.of("-j", "REJECT", "--reject-with", "icmp6-adm-prohibited");
    return List.of(
        List.of("-o", "lo", "-j", "ACCEPT"),
        concat(List.of("-d", gateway6 + "/128"), reject),
        List.of("-d", subnet6, "-j", "ACCEPT"),
        List.of("-d", LINK_LOCAL6, "-j", "ACCEPT"),
        List.of("-d", MULTICAST6, "-j", "ACCEPT"),
        reject);
  }

  /** IPv6 link-local unicast (RFC 4291 section 2.5.6): neighbour discovery, VRRP sources. */
  static final String LINK_LOCAL6 = "fe80::/10";
  /** IPv6 multicast (RFC 4291 section 2.7): ff02::12 for VRRP, ff02::1 for unsolicited NAs. */
  static final String MULTICAST6 = "ff00::/8";

  /** The chain's rules in order, each as iptables arguments after the chain name. */
  List<List<String>> rules() {
    List<String> reject = List.of("-j", "REJECT", "--reject-with", "icmp-admin-prohibited");
    return List.of(
        List.of("-o", "lo", "-j", "ACCEPT"),
        concat(List.of("-d", gateway + "/32"), reject),
        List.of("-d", subnet, "-j", "ACCEPT"),
        List.of("-d", MULTICAST, "-j", "ACCEPT"),
        reject);
  }

  /**
   * A shell script for a namespace: creates and fills the chain (each rule checked first, so a
   * second run after a half-done one completes it in order), jumps to it from OUTPUT, then
   * removes the default route.
   */
  public String script() {
    StringBuilder s = new StringBuilder("set -e\n");
    chain(s, "iptables", rules());
    if (subnet6 != null) {
      chain(s, "ip6tables", rules6());
      s.append("while ip -6 route show default | grep -q .; do ip -6 route del default; done\n");
    }
    s.append("while ip -4 route show default | grep -q .; do ip -4 route del default; done\n");
    return s.toString();
  }

  /** The chain made and filled with {@code tool} (iptables or ip6tables), jumped to from OUTPUT. */
  private static void chain(StringBuilder s, String tool, List<List<String>> rules) {
    s.append(tool).append(" -w -L ").append(CHAIN).append(" -n >/dev/null 2>&1 || ").append(tool)
        .append(" -w -N ").append(CHAIN).append('\n');
    for (List<String> r : rules) {
      String rule = CHAIN + " " + String.join(" ", r);
      s.append(tool).append(" -w -C ").append(rule).append(" 2>/dev/null || ").append(tool)
          .append(" -w -A ").append(rule).append('\n');
    }
    s.append(tool).append(" -w -C OUTPUT -j ").append(CHAIN).append(" 2>/dev/null || ")
        .append(tool).append(" -w -A OUTPUT -j ").append(CHAIN).append('\n');
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
