package lbchaos.harness.topology;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.config.ConfigFiles;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.Bind;
import lbchaos.proxy.config.Frontend;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.config.Server;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;

/**
 * The topology a user's own keepalived.conf files (one per LB, in order) and haproxy.cfg
 * describe: the VIP's subnet becomes the test network, the VIP and its prefix come from
 * virtual_ipaddress, the webservers and their ports from the haproxy servers, the LB addresses
 * from unicast_src_ip where given. The harness's own containers (client, observer) and the
 * bridge's gateway take free addresses of that subnet. Anything that does not fit is reported
 * as file:line before anything starts.
 */
public final class TopologyFromConfigs {

  /** The container's only interface; a config's own (enp1s0 in the article) is mapped to it. */
  static final String CONTAINER_IFACE = "eth0";
  /** A DNS name: dot-separated labels of letters, digits and inner hyphens (RFC 1123). */
  private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile(
      "(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  /** Where an unplaced LB, the client and the observer go when free: the article's octets. */
  private static final int[] LB_OCTETS = AddressPlan.LB_OCTETS;

  /**
   * What to build.
   *
   * @param lbFiles per LB: its keepalived.conf (interface mapped), the haproxy.cfg, the
   *     scripts its config names and the files the haproxy.cfg names ({@link HaproxyFiles}), at
   *     the paths the configs name
   * @param notes what the harness changed or assumed, for the user to read
   */
  public record UserTopology(AddressPlan.Given addresses, List<List<FileSpec>> lbFiles,
      List<String> notes, List<KeepalivedConfig> keepalived, HaproxyConfig haproxy) {
    public UserTopology {
      lbFiles = lbFiles.stream().map(List::copyOf).toList();
      notes = List.copyOf(notes);
      keepalived = List.copyOf(keepalived);
    }
  }

  private TopologyFromConfigs() {}

  /** Reads and parses the files; every problem is a {@link BadConfig} naming file:line. */
  public static UserTopology derive(List<Path> keepalived, Path haproxy, List<Path> scripts) {
    if (keepalived.isEmpty() || keepalived.size() > 8) {
      throw new BadConfig("one keepalived.conf per LB, 1 to 8, got " + keepalived.size(), null);
    }
    if (haproxy == null) {
      throw new BadConfig("a haproxy.cfg is needed (--haproxy FILE)", null);
    }
    List<KeepalivedConfig> ka = new ArrayList<>();
    List<String> kaText = new ArrayList<>();
    for (Path f : keepalived) {
      kaText.add(read(f));
      ka.add(ConfigFiles.keepalived(f));
    }
    String hpText = read(haproxy);
    HaproxyConfig hp;
    try {
      hp = HaproxyConfigParser.parse(haproxy, hpText);
    } catch (lbchaos.config.ConfigException e) {
      throw new BadConfig(e.getMessage(), e);
    }
    return derive(ka, kaText, hp, hpText, scripts);
  }

  static UserTopology derive(List<KeepalivedConfig> ka, List<String> kaText, HaproxyConfig hp,
      String hpText, List<Path> scripts) {
    List<String> notes = new ArrayList<>();
    VrrpInstance first = firstInstance(ka.getFirst());
    VirtualAddress vipAddr = first.virtualAddresses().getFirst();
    if (!(vipAddr.address() instanceof Inet4Address vip4)) {
      throw bad(first.file(), first.line(), "virtual_ipaddress " + vipAddr + " is IPv6: the"
          + " test network is derived from an IPv4 VIP (a user's IPv6 config is not derived into"
          + " a dual-stack network yet; scenario master-down-ipv6 runs the rendered configs over"
          + " IPv6)");
    }
    int prefixLength = vipAddr.prefixLength();
    if (prefixLength == 32) {
      // keepalived's default is /32; the network the LBs share has to be something.
      prefixLength = 24;
      notes.add(at(first.file(), first.line()) + " virtual_ipaddress " + vipAddr
          + " has no prefix: the test network is taken as its /24");
    }
    if (prefixLength < 16 || prefixLength > 29) {
      throw bad(first.file(), first.line(), "virtual_ipaddress " + vipAddr
          + ": the test network is the VIP's subnet, which must be /16 to /29");
    }
    Subnet net = new Subnet(ip(vip4), prefixLength);
    String vip = vipAddr.address().getHostAddress();
    Map<String, List<String>> instanceVips = new LinkedHashMap<>();
    for (KeepalivedConfig c : ka) {
      VrrpInstance i = firstInstance(c);
      String v = i.virtualAddresses().getFirst().address().getHostAddress();
      if (!v.equals(vip)) {
        throw bad(i.file(), i.line(), "vrrp_instance " + i.name() + " has VIP " + v + ", but "
            + ka.getFirst().file() + " has " + vip + ": the LBs must share one VIP");
      }
      for (VrrpInstance each : c.instances()) {
        instanceVips.putIfAbsent(each.name(), each.virtualAddresses().stream()
            .map(a -> a.address().getHostAddress()).toList());
      }
    }

    Frontend fe = hp.frontends().stream().filter(f -> f.targetBackend().isPresent()).findFirst()
        .orElseThrow(() -> bad(hp.file(), 1, "no frontend with a default_backend or use_backend:"
            + " the harness sends its requests to a frontend bound to the VIP"));
    // The others still run (both daemons read the whole file); the scenarios only probe and
    // check the first instance's VIP through this frontend, which the user should hear.
    for (KeepalivedConfig c : ka) {
      c.instances().stream().skip(1).forEach(i -> notes.add(at(i.file(), i.line())
          + " vrrp_instance " + i.name() + " runs but is not tested: the scenarios check "
          + firstInstance(c).name() + "'s VIP " + vip));
    }
    hp.frontends().stream().filter(f -> f != fe).forEach(f -> notes.add(at(hp.file(), f.line())
        + " frontend " + f.name() + " runs but is not tested: the scenarios send their requests"
        + " through frontend " + fe.name()));
    Bind bind = fe.binds().getFirst();
    if (!bind.wildcard() && !bind.host().equals(vip)) {
      throw bad(hp.file(), fe.line(), "frontend " + fe.name() + " binds " + bind
          + ", not the VIP " + vip + " (or *): clients of the VIP would not reach it");
    }
    String backendName = fe.targetBackend().orElseThrow();
    Backend be = hp.backend(backendName).orElseThrow(() -> bad(hp.file(), fe.line(),
        "frontend " + fe.name() + " uses backend " + backendName + ", which is not defined"));
    if (be.servers().isEmpty() || be.servers().size() > 16) {
      throw bad(hp.file(), be.line(), "backend " + be.name() + " has " + be.servers().size()
          + " servers: the harness runs 1 to 16 webservers");
    }

    Set<Long> used = new LinkedHashSet<>();
    used.add(ip(vip4));
    instanceVips.values().forEach(l -> l.forEach(a -> used.add(parseIp(a))));
    List<String> webs = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    // servers named by host: an address each once the others are placed, the name in the LBs'
    // /etc/hosts, where haproxy (libc) and the agent (the JDK) resolve it
    Map<String, Server> named = new LinkedHashMap<>();
    for (Server s : be.servers()) {
      long a = literal(s.host());
      if (a < 0) {
        if (!HOST_NAME.matcher(s.host()).matches() || s.host().matches("[0-9.]+")) {
          throw bad(hp.file(), s.line(), "server " + s.name() + " " + s.host() + " is neither"
              + " an IPv4 address nor a host name: the harness places a webserver at each"
              + " server's address");
        }
        if (named.putIfAbsent(s.host().toLowerCase(java.util.Locale.ROOT), s) != null) {
          throw bad(hp.file(), s.line(), "server " + s.name() + " " + s.host()
              + " has the host of another server: the harness runs a webserver per server");
        }
        webs.add(s.host());
        ports.add(s.port());
        continue;
      }
      if (!net.contains(a) || a == net.network() || a == net.broadcast()) {
        throw bad(hp.file(), s.line(), "server " + s.name() + " " + s.host() + " is outside the"
            + " VIP's subnet " + net + ": the harness places the webservers on the VIP's network");
      }
      if (!used.add(a)) {
        throw bad(hp.file(), s.line(), "server " + s.name() + " " + s.host()
            + " has the address of the VIP or of another server");
      }
      webs.add(s.host());
      ports.add(s.port());
    }

    List<String> lbs = new ArrayList<>();
    for (KeepalivedConfig c : ka) {
      VrrpInstance i = firstInstance(c);
      Optional<Inet4Address> src = i.unicastSrcIp();
      if (src.isPresent()) {
        long a = ip(src.get());
        if (!net.contains(a) || !used.add(a)) {
          throw bad(i.file(), i.line(), "unicast_src_ip " + src.get().getHostAddress()
              + (net.contains(a) ? " is already the address of another node or the VIP"
                  : " is outside the VIP's subnet " + net));
        }
        lbs.add(src.get().getHostAddress());
      } else {
        lbs.add(null);
      }
    }
    long gateway = net.pick(used, 1);
    for (int i = 0; i < lbs.size(); i++) {
      if (lbs.get(i) == null) {
        lbs.set(i, text(net.pick(used, i < LB_OCTETS.length ? LB_OCTETS[i] : -1)));
      }
    }
    Map<String, String> serverNames = new LinkedHashMap<>();
    for (Server s : named.values()) {
      // where the article's webservers are, else after them, as the rendered configs have it
      int octet = java.util.stream.IntStream.concat(
              java.util.Arrays.stream(AddressPlan.WEB_OCTETS), java.util.stream.IntStream.range(
                  AddressPlan.WEB_OCTETS[0] + 1, 255))
          .filter(o -> !used.contains((net.network() & 0xffffff00L) | o)).findFirst().orElse(-1);
      String address = text(net.pick(used, octet));
      serverNames.put(s.host(), address);
      webs.set(webs.indexOf(s.host()), address);
      notes.add(at(hp.file(), s.line()) + " server " + s.name() + " " + s.host() + ": the"
          + " harness's webserver at " + address + ", the name in the LBs' /etc/hosts");
    }
    long client = net.pick(used, AddressPlan.CLIENT);
    long observer = net.pick(used, AddressPlan.OBSERVER);

    HaproxyFiles.Placed proxyFiles = HaproxyFiles.of(hp, hpText, scripts, notes);
    List<List<FileSpec>> files = new ArrayList<>();
    for (int i = 0; i < ka.size(); i++) {
      List<FileSpec> lb = new ArrayList<>(lbFiles(ka.get(i), kaText.get(i), hpText, scripts,
          notes));
      lb.addAll(proxyFiles.files());
      files.add(lb);
    }
    var given = new AddressPlan.Given(text(net.network()), prefixLength, text(gateway), vip, lbs,
        webs, ports, text(client), text(observer), bind.port(), instanceVips, serverNames);
    return new UserTopology(given, files, notes, ka, proxyFiles.config());
  }

  private static List<FileSpec> lbFiles(KeepalivedConfig c, String text, String hpText,
      List<Path> scripts, List<String> notes) {
    List<FileSpec> files = new ArrayList<>();
    // Every file keepalived reads: the main one where the daemon looks, the included ones where
    // it will find them from there (an include of /etc/keepalived/x or of x, from beside it).
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(c.file(), text);
    c.includes().forEach(f -> texts.put(f, read(f)));
    Path home = Path.of(ReferenceConfigs.KEEPALIVED_PATH).getParent();
    Path mainDir = c.file().toAbsolutePath().getParent();
    for (Map.Entry<Path, String> e : texts.entrySet()) {
      String daemonPath = e.getKey().equals(c.file()) ? ReferenceConfigs.KEEPALIVED_PATH
          : home.resolve(mainDir.relativize(e.getKey().toAbsolutePath())).normalize().toString();
      files.add(new FileSpec(daemonPath, mapInterfaces(c, e.getValue()), 0644));
    }
    for (VrrpInstance i : c.instances()) {
      if (!i.iface().equals(CONTAINER_IFACE)) {
        notes.add(at(i.file(), i.line()) + " vrrp_instance " + i.name() + ": interface "
            + i.iface() + " mapped to the container's " + CONTAINER_IFACE);
      }
    }
    files.add(new FileSpec(ReferenceConfigs.HAPROXY_PATH, hpText, 0644));
    Set<String> seen = new LinkedHashSet<>();
    for (String command : commands(c)) {
      String path = command.strip().split("\\s+")[0].replaceAll("^[\"']|[\"']$", "");
      if (!path.startsWith("/") || !seen.add(path)) {
        continue; // a command from PATH (e.g. "killall -0 haproxy") runs as it is
      }
      // The file that names the script: the default source is the script beside it.
      Path naming = texts.entrySet().stream().filter(e -> lineOf(e.getValue(), path) > 0)
          .map(Map.Entry::getKey).findFirst().orElse(c.file());
      String name = Path.of(path).getFileName().toString();
      Path source = scripts.stream().filter(p -> p.getFileName().toString().equals(name))
          .findFirst().orElseGet(() -> naming.toAbsolutePath().resolveSibling(name));
      if (Files.isRegularFile(source)) {
        files.add(new FileSpec(path, read(source), 0755));
      } else if (!path.matches("/(usr/)?s?bin/.*")) {
        throw bad(naming, lineOf(texts.get(naming), path), "script " + path + ": no file "
            + name + " next to the config or given with --script");
      }
    }
    return files;
  }

  /**
   * The container has one interface: every instance's (enp1s0 in the article) becomes it. The
   * same lines with one word changed, so the daemons' file:line messages still match.
   */
  private static String mapInterfaces(KeepalivedConfig c, String text) {
    String mapped = text;
    for (VrrpInstance i : c.instances()) {
      if (!i.iface().equals(CONTAINER_IFACE)) {
        String q = java.util.regex.Pattern.quote(i.iface());
        mapped = mapped.replaceAll("(?m)^(\\s*interface\\s+)" + q + "(?=\\s|$)", "$1"
            + CONTAINER_IFACE).replaceAll("(\\sdev\\s+)" + q + "(?=\\s|$)", "$1" + CONTAINER_IFACE);
      }
    }
    return mapped;
  }

  private static List<String> commands(KeepalivedConfig c) {
    List<String> out = new ArrayList<>();
    c.scripts().values().forEach(s -> out.add(s.script()));
    for (VrrpInstance i : c.instances()) {
      var n = i.notifyScripts();
      for (Optional<String> o : List.of(n.master(), n.backup(), n.fault(), n.any())) {
        o.ifPresent(out::add);
      }
    }
    return out;
  }

  private static VrrpInstance firstInstance(KeepalivedConfig c) {
    return c.instances().stream().findFirst().orElseThrow(() -> bad(c.file(), 1,
        "no vrrp_instance: the harness needs one with a virtual_ipaddress"));
  }

  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    return 0;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new BadConfig(p + ":0: cannot read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")", e);
    }
  }

  private static BadConfig bad(Path file, int line, String message) {
    return new BadConfig(at(file, line) + " " + message, null);
  }

  private static String at(Path file, int line) {
    return file + ":" + line + ":";
  }

  static long ip(Inet4Address a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
  }

  /** An IPv4 literal as a number, -1 when it is not one (a host name). */
  static long literal(String s) {
    if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return -1;
    }
    return parseIp(s);
  }

  private static long parseIp(String s) {
    long v = 0;
    for (String o : s.split("\\.")) {
      int x = Integer.parseInt(o);
      if (x > 255) {
        return -1;
      }
      v = (v << 8) | x;
    }
    return v;
  }

  static String text(long a) {
    return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
  }

  /** An IPv4 subnet, and picking free host addresses in it. */
  record Subnet(long network, int prefixLength) {
    Subnet {
      network &= mask(prefixLength);
    }

    static long mask(int len) {
      return (0xffffffffL << (32 - len)) & 0xffffffffL;
    }

    long broadcast() {
      return network | (~mask(prefixLength) & 0xffffffffL);
    }

    boolean contains(long a) {
      return (a & mask(prefixLength)) == network;
    }

    /**
     * A free host address: the one with last octet {@code preferred} in the VIP's /24 when it is
     * in the subnet and free, else the lowest free one. Marks it used.
     */
    long pick(Set<Long> used, int preferred) {
      long want = (network & 0xffffff00L) | (preferred & 0xff);
      if (preferred > 0 && contains(want) && want != network && want != broadcast()
          && !used.contains(want)) {
        used.add(want);
        return want;
      }
      for (long a = network + 1; a < broadcast(); a++) {
        if (used.add(a)) {
          return a;
        }
      }
      throw new BadConfig("the subnet " + this + " has no free address left for the harness's"
          + " own containers", null);
    }

    @Override
    public String toString() {
      return text(network) + "/" + prefixLength;
    }
  }
}
