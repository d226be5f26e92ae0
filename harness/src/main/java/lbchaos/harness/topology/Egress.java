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
 * @param subnet the test network, e.g. "10.213.7.0/24"
 * @param gateway the bridge's address on it (the engine host's side), e.g. "10.213.7.1"
 */
public record Egress(String subnet, String gateway) {

  static final String CHAIN = "lbchaos-egress";
  /** IPv4 multicast (RFC 5771), where VRRP adverts go (224.0.0.18, RFC 5798 5.1.1.2). */
  static final String MULTICAST = "224.0.0.0/4";

  public Egress {
    if (!subnet.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")
        || !gateway.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("egress needs a subnet like 10.213.7.0/24 and a gateway"
          + " address, got " + subnet + " and " + gateway);
    }
  }

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
    s.append("iptables -w -L ").append(CHAIN).append(" -n >/dev/null 2>&1 || iptables -w -N ")
        .append(CHAIN).append('\n');
    for (List<String> r : rules()) {
      String rule = CHAIN + " " + String.join(" ", r);
      s.append("iptables -w -C ").append(rule).append(" 2>/dev/null || iptables -w -A ")
          .append(rule).append('\n');
    }
    s.append("iptables -w -C OUTPUT -j ").append(CHAIN).append(" 2>/dev/null || iptables -w -A"
        + " OUTPUT -j ").append(CHAIN).append('\n');
    s.append("while ip -4 route show default | grep -q .; do ip -4 route del default; done\n");
    return s.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
