package lbchaos.harness.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each container sits on the test network. The last octets mirror the article
 * (webserver-1 .112, webserver-2 .197, loadbalancer-1 .48, loadbalancer-2 .97, VIP .211) inside
 * a /24 of our own; extra nodes take the next free octets. Docker allocates dynamically only in
 * the lower half (.0/25), so the VIP (.211) is outside its range and never given to a container.
 *
 * <p>A user's own configs fix the addresses instead ({@link Given}): the VIP's subnet becomes the
 * test network and the containers sit where the configs say.
 *
 * @param prefix the first three octets, e.g. "10.213.7"
 * @param given the addresses a user's configs fix, or null for the article's layout
 */
public record AddressPlan(String prefix, int lbCount, int webCount, Given given, boolean ipv6) {

  /** The article's layout on a /24 of our own. */
  public AddressPlan(String prefix, int lbCount, int webCount) {
    this(prefix, lbCount, webCount, null);
  }

  /** IPv4 only. */
  public AddressPlan(String prefix, int lbCount, int webCount, Given given) {
    this(prefix, lbCount, webCount, given, false);
  }

  /**
   * The article's layout on a dual-stack network: every node also at {@link #ipv6Of} its IPv4
   * address, and the VIP the IPv6 one ({@link #vip}).
   */
  public static AddressPlan dualStack(String prefix, int lbCount, int webCount) {
    return new AddressPlan(prefix, lbCount, webCount, null, true);
  }

  /** The layout a user's configs fix (see {@link TopologyFromConfigs}). */
  public static AddressPlan given(Given g) {
    String[] o = g.vip().split("\\.");
    return new AddressPlan(o[0] + "." + o[1] + "." + o[2], g.lbs().size(), g.webservers().size(),
        g);
  }

  /**
   * Addresses taken from a user's configs, plus the free ones the harness picked for its own
   * containers and the bridge.
   *
   * @param network the subnet's network address, e.g. "192.168.122.0"
   * @param servicePort the port the frontend binds, where the probe sends its requests
   * @param webPorts the port each webserver listens on (haproxy's server port)
   * @param instanceVips the VIPs of each vrrp_instance, for the keepalived log adapter
   * @param serverNames the host names of servers named by host, to the address of their
   *     webserver (in {@code webservers}), which the LBs resolve them to
   */
  public record Given(String network, int prefixLength, String gateway, String vip,
      List<String> lbs, List<String> webservers, List<Integer> webPorts, String client,
      String observer, int servicePort, java.util.Map<String, List<String>> instanceVips,
      java.util.Map<String, String> serverNames) {
    public Given {
      serverNames = java.util.Map.copyOf(serverNames);
      lbs = List.copyOf(lbs);
      webservers = List.copyOf(webservers);
      webPorts = List.copyOf(webPorts);
      instanceVips = java.util.Map.copyOf(instanceVips);
      if (webPorts.size() != webservers.size()) {
        throw new IllegalArgumentException("one port per webserver");
      }
      if (prefixLength < 16 || prefixLength > 29) {
        throw new IllegalArgumentException("test network prefix must be /16../29, got /"
            + prefixLength);
      }
    }
  }

  static final int[] LB_OCTETS = {48, 97};
  static final int[] WEB_OCTETS = {112, 197};
  static final int VIP = 211;
  /** The second instance's VIP when the settings render one (LbSettings.SyncGroup). */
  static final int VIP_2 = 212;
  static final int CLIENT = 10;
  static final int OBSERVER = 5;
  static final int OUTSIDER = 250;

  public AddressPlan {
    if (ipv6 && given != null) {
      throw new IllegalArgumentException("a user's configs fix an IPv4 test network");
    }
    if (!prefix.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      throw new IllegalArgumentException("prefix must be three octets, got " + prefix);
    }
    if (lbCount < 1 || lbCount > 8 || webCount < 1 || webCount > 16) {
      throw new IllegalArgumentException("between 1 and 8 LBs and 1 and 16 webservers, got "
          + lbCount + " and " + webCount);
    }
  }

  public String subnet() {
    return given != null ? given.network() + "/" + given.prefixLength() : prefix + ".0/24";
  }

  public String gateway() {
    return given != null ? given.gateway() : prefix + ".1";
  }

  /** The VIP: the IPv6 one ({@link #vip6}) on a dual-stack plan. */
  public String vip() {
    return given != null ? given.vip() : ipv6 ? vip6() : at(VIP);
  }

  /** The IPv4 VIP, also on a dual-stack plan (master-down-ipv6's negative case renders it). */
  public String vip4() {
    return given != null ? given.vip() : at(VIP);
  }

  /** The VIP's prefix length in the rendered keepalived.conf: the test network's. */
  public int vipPrefixLength() {
    return ipv6 ? 64 : 24;
  }

  /** The VIP and the service port as a client names them: {@code [fd00:213:7::211]:80}. */
  public String vipHostPort() {
    return (ipv6 ? "[" + vip() + "]" : vip()) + ":" + servicePort();
  }

  /**
   * The IPv6 /64 of a dual-stack plan, from the IPv4 /24: 10.213.7.0/24 is fd00:213:7::/64 (a
   * unique local prefix, RFC 4193; the IPv4 /24 is unique to the run, so is this). Decimal
   * octets read as hex groups: still one prefix per /24.
   */
  public String prefix6() {
    String[] o = prefix.split("\\.");
    return "fd00:" + o[1] + ":" + o[2] + "::";
  }

  public String subnet6() {
    return prefix6() + "/64";
  }

  public String gateway6() {
    return prefix6() + "1";
  }

  /** The IPv6 VIP, at the IPv4 VIP's last octet, in RFC 5952 form (as ip and keepalived print). */
  public String vip6() {
    return ipv6Of(at(VIP));
  }

  /** A node's IPv6 address on a dual-stack plan: its IPv4 last octet in the IPv6 prefix. */
  public String ipv6Of(String ipv4) {
    return lbchaos.event.Events.address(java.net.InetAddress.ofLiteral(prefix6()
        + ipv4.substring(ipv4.lastIndexOf('.') + 1)));
  }

  /** The VIP of the rendered second instance, VI_2 (sync-group); never a user's. */
  public String vip2() {
    return at(VIP_2);
  }

  public String client() {
    return given != null ? given.client() : at(CLIENT);
  }

  public String observer() {
    return given != null ? given.observer() : at(OBSERVER);
  }

  public List<String> lbs() {
    return given != null ? given.lbs() : take(LB_OCTETS, lbCount, 49);
  }

  public List<String> webservers() {
    return given != null ? given.webservers() : take(WEB_OCTETS, webCount, 113);
  }

  /** The port clients connect to on the VIP (the article's 80 unless a user's config says). */
  public int servicePort() {
    return given != null ? given.servicePort() : lbchaos.harness.config.ReferenceConfigs.PORT;
  }

  /**
   * The host names the configs give servers, each with its webserver's address: the LBs
   * resolve them ({@code /etc/hosts}); none for the article's layout.
   */
  public java.util.Map<String, String> serverNames() {
    return given != null ? given.serverNames() : java.util.Map.of();
  }

  /** The port webserver {@code i} (0-based) listens on. */
  public int webPort(int i) {
    return given != null ? given.webPorts().get(i) : lbchaos.harness.config.ReferenceConfigs.PORT;
  }

  /** The VIPs of each vrrp_instance (the rendered configs have VI_1, and VI_2 in sync-group). */
  public java.util.Map<String, List<String>> instanceVips() {
    if (given != null) {
      return given.instanceVips();
    }
    // In order: the notify line adapter names the first instance (LineRouter).
    java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    out.put("VI_1", List.of(vip()));
    out.put("VI_2", List.of(vip2()));
    return java.util.Collections.unmodifiableMap(out);
  }

  private List<String> take(int[] first, int count, int nextFree) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(at(i < first.length ? first[i] : nextFree + i - first.length));
    }
    return out;
  }

  private String at(int octet) {
    return prefix + "." + octet;
  }
}
