package lbchaos.vrrp.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lbchaos.config.ConfigException;
import lbchaos.vrrp.config.KeywordSupport.Where;
import lbchaos.vrrp.config.VrrpInstance.InitialState;

/**
 * The vrrp_instance block, with keepalived's defaults, rounding and warnings. An error in one
 * statement is recorded with the parser and the block goes on (keepalived -t reports them all).
 */
final class InstanceParser {

  private static final Duration CENTISECOND = Duration.ofMillis(10);

  /** virtual_ipaddress options followed by a value (keepalived 2.2.7 vrrp_ipaddress.c). */
  private static final Set<String> VIP_VALUE_OPTIONS = Set.of("dev", "label", "scope",
      "broadcast", "brd", "peer", "preferred_lft", "track_group");

  private final KeepalivedParser parser;
  private final Values v;
  private final GlobalDefs global;
  private final Map<String, VrrpScript> scripts;

  InstanceParser(KeepalivedParser parser, GlobalDefs global, Map<String, VrrpScript> scripts) {
    this.parser = parser;
    this.v = parser.values();
    this.global = global;
    this.scripts = scripts;
  }

  /** The instance, or null when its block had errors (each recorded with the parser). */
  VrrpInstance instance(ConfNode block) {
    if (block.args().size() != 1) {
      throw v.error(block, "vrrp_instance needs exactly one name");
    }
    int errorsBefore = parser.errorCount();
    String name = block.args().getFirst();
    InitialState state = InitialState.BACKUP;
    String iface = null;
    Integer vrid = null;
    Integer priority = null; // unset: derived from the state below, as keepalived does
    ConfNode advertNode = null;
    Duration advert = Duration.ofSeconds(1);
    int version = global.vrrpVersion();
    Optional<Authentication> auth = Optional.empty();
    ConfNode authNode = null;
    List<VirtualAddress> vips = new ArrayList<>();
    List<TrackedScript> tracked = new ArrayList<>();
    List<TrackedInterface> links = new ArrayList<>();
    boolean dontTrackPrimary = false;
    Optional<String> nMaster = Optional.empty();
    Optional<String> nBackup = Optional.empty();
    Optional<String> nFault = Optional.empty();
    Optional<String> nAny = Optional.empty();
    boolean preempt = true;
    ConfNode nopreemptNode = null;
    Duration preemptDelay = Duration.ZERO;
    ConfNode preemptDelayNode = null;
    Optional<Inet4Address> unicastSrc = Optional.empty();
    List<Inet4Address> peers = new ArrayList<>();
    GarpKeywords garp = GarpKeywords.instance(parser, global.garp());
    int vipLines = 0;
    ConfNode versionNode = null;
    List<ConfNode> vipNodes = new ArrayList<>();
    Set<String> written = new java.util.HashSet<>();
    for (ConfNode n : block.children()) {
      written.add(n.keyword());
      try {
        switch (n.keyword()) {
          case "state" -> state = switch (v.arg(n)) {
            case "MASTER" -> InitialState.MASTER;
            case "BACKUP" -> InitialState.BACKUP;
            default -> throw v.error(n, "state must be MASTER or BACKUP, was " + v.arg(n));
          };
          case "interface" -> iface = v.arg(n);
          case "virtual_router_id" -> vrid = v.integer(n, 1, 255);
          case "priority" -> priority = v.integer(n, 1, 255);
          case "advert_int" -> {
            advertNode = n;
            advert = v.seconds(n);
          }
          case "version" -> {
            version = v.integer(n, 2, 3);
            versionNode = n;
          }
          case "vrrp_version" -> parser.warn(n, "vrrp_version inside vrrp_instance has no effect"
              + " in keepalived 2.2.7 (use 'version', or vrrp_version in global_defs); ignored");
          case "authentication" -> {
            authNode = n;
            auth = authentication(n);
          }
          case "virtual_ipaddress" -> {
            vipLines += n.children().size();
            n.children().forEach(c -> parser.attempt(() -> addVip(vips, vip(c), c, name)));
            vipNodes.addAll(n.children());
          }
          case "track_script" ->
              n.children().forEach(c -> parser.attempt(() -> track(c).ifPresent(tracked::add)));
          case "track_interface" ->
              n.children().forEach(c -> parser.attempt(() -> trackLink(c, links)));
          case "dont_track_primary" -> dontTrackPrimary = true;
          case "notify_master" -> nMaster = Optional.of(command(n));
          case "notify_backup" -> nBackup = Optional.of(command(n));
          case "notify_fault" -> nFault = Optional.of(command(n));
          case "notify" -> nAny = Optional.of(command(n));
          case "nopreempt" -> {
            preempt = false;
            nopreemptNode = n;
          }
          case "preempt" -> preempt = true;
          case "preempt_delay" -> {
            preemptDelay = range(n, v.seconds(n), Duration.ofSeconds(1000));
            preemptDelayNode = n;
          }
          case "unicast_src_ip" -> {
            if (ipv4Unicast(n, v.arg(n))) {
              unicastSrc = Optional.of(v.ipv4(n, v.arg(n)));
            }
          }
          case "unicast_peer" -> n.children().forEach(c -> parser.attempt(() -> {
            if (ipv4Unicast(c, c.keyword())) {
              peers.add(v.ipv4(c, c.keyword()));
            }
          }));
          default -> {
            if (!garp.read(n, n.keyword())) {
              parser.unimplemented(Where.VRRP_INSTANCE, n);
            }
          }
        }
      } catch (ConfigException e) {
        parser.record(e);
      }
    }
    // Required, unless written with an error of its own (reported already).
    if (iface == null && !written.contains("interface")) {
      parser.record(v.error(block, "vrrp_instance " + name + ": interface is required"));
    }
    if (vrid == null && !written.contains("virtual_router_id")) {
      parser.record(v.error(block, "vrrp_instance " + name + ": virtual_router_id is required"));
    }
    if (vipLines == 0) {
      parser.record(v.error(block, "vrrp_instance " + name + ": virtual_ipaddress is required"));
    }
    if (parser.errorCount() > errorsBefore) {
      return null;
    }
    if (vips.getFirst().ipv6()) {
      // keepalived 2.2.7 vrrp_complete_instance: an IPv6 instance is VRRPv3 unless `version 2`
      // is written, which outside vrrp_strict it keeps (v2 headers over IPv6, sized as v3).
      if (versionNode == null) {
        version = 3;
      } else if (version == 2) {
        parser.warn(versionNode, "version 2 with IPv6 virtual_ipaddress: keepalived 2.2.7 keeps"
            + " it outside vrrp_strict and sends VRRPv2 headers over IPv6, which no RFC defines");
      }
      if (!vips.getFirst().address().isLinkLocalAddress()) {
        // keepalived logs this at start-up and runs (an error only under vrrp_strict).
        parser.warn(block, "(" + name + ") the first IPv6 VIP address should be link local");
      }
    }
    advert = roundAdvert(advertNode == null ? block : advertNode, advert, version);
    if (version == 3 && auth.isPresent()) {
      parser.warn(authNode, "authentication is not supported with VRRPv3, ignored");
      auth = Optional.empty();
    }
    if (priority == null) {
      // keepalived 2.2.7 vrrp_complete_instance: no priority -> 255 with state MASTER, else 100
      priority = state == InitialState.MASTER ? VrrpInstance.OWNER_PRIORITY
          : VrrpInstance.DEFAULT_PRIORITY;
    }
    if (priority == VrrpInstance.OWNER_PRIORITY && !preempt) {
      parser.warn(nopreemptNode, "nopreempt is incompatible with priority 255, cleared as"
          + " keepalived does");
      preempt = true;
    }
    if (state == InitialState.MASTER) {
      // keepalived 2.2.7 vrrp_complete_instance clears both for an initial state MASTER. The
      // state itself changes nothing else at start-up: only priority 255 is master at once
      // (vrrp_scheduler.c vrrp_init_state); any other priority waits Master_Down_Interval.
      if (!preempt) {
        parser.warn(nopreemptNode, "nopreempt does not work with state MASTER, cleared as"
            + " keepalived does (use state BACKUP)");
        preempt = true;
      }
      if (!preemptDelay.isZero()) {
        parser.warn(preemptDelayNode, "preempt_delay does not work with state MASTER, cleared"
            + " as keepalived does (use state BACKUP)");
        preemptDelay = Duration.ZERO;
      }
    }
    if (priority == VrrpInstance.OWNER_PRIORITY
        && tracked.stream().anyMatch(t -> t.weight() != 0)) {
      parser.warn(block, "priority 255 (address owner): keepalived 2.2.7 ignores track_script"
          + " weights, a failing weighted script will not move the VIP");
    }
    for (TrackedInterface t : links) {
      if (t.name().equals(iface)) {
        parser.warn(block, "track_interface " + t.name() + " is the instance's own interface:"
            + " ignored, as keepalived 2.2.7 does (it tracks it anyway, at weight 0, unless"
            + " dont_track_primary)");
      }
    }
    if (priority == VrrpInstance.OWNER_PRIORITY
        && links.stream().anyMatch(t -> t.weight() != 0)) {
      parser.warn(block, "priority 255 (address owner): keepalived 2.2.7 ignores track_interface"
          + " weights, a weighted link going down will not move the VIP");
    }
    return new VrrpInstance(name, state, iface, vrid, priority, advert, version, auth, vips,
        tracked, links, dontTrackPrimary, new NotifyScripts(nMaster, nBackup, nFault, nAny), preempt, preemptDelay,
        unicastSrc, peers, garp.garp(), block.file(), block.line());
  }

  /**
   * keepalived's rounding: v2 carries whole seconds, so a fraction is rounded (min 1 s) with a
   * log line; v3 carries centiseconds.
   */
  private Duration roundAdvert(ConfNode n, Duration written, int version) {
    if (version == 2) {
      long ms = written.toMillis();
      long secs = Math.clamp(Math.round(ms / 1000.0), 1, 255);
      Duration rounded = Duration.ofSeconds(secs);
      if (!rounded.equals(written)) {
        parser.warn(n, "VRRPv2 advertisement interval " + seconds(written)
            + " must be an integer. rounding to " + secs + " s (as keepalived does;"
            + " sub-second adverts need version 3)");
      }
      return rounded;
    }
    long cs = Math.round(written.toNanos() / 1e7);
    Duration rounded = CENTISECOND.multipliedBy(Math.clamp(cs, 1, 4095));
    if (!rounded.equals(written)) {
      parser.warn(n, "VRRPv3 advertisement interval " + seconds(written) + " rounded to "
          + seconds(rounded));
    }
    return rounded;
  }

  private static String seconds(Duration d) {
    return java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString()
        + " s";
  }

  private Optional<Authentication> authentication(ConfNode block) {
    String type = null;
    String pass = null;
    ConfNode passNode = block;
    for (ConfNode n : block.children()) {
      switch (n.keyword()) {
        case "auth_type" -> type = v.arg(n);
        case "auth_pass" -> {
          pass = v.arg(n);
          passNode = n;
        }
        default -> parser.warn(n, "unknown authentication keyword, ignored: " + n.keyword());
      }
    }
    if (type == null) {
      throw v.error(block, "authentication without auth_type");
    }
    if (!type.equals("PASS")) {
      throw v.error(block, "auth_type " + type + " not supported (only PASS)");
    }
    if (pass == null || pass.isEmpty()) {
      throw v.error(block, "auth_type PASS without auth_pass");
    }
    if (pass.length() > 8) {
      parser.warn(passNode, "auth_pass longer than 8 characters, truncated as keepalived does");
      pass = pass.substring(0, 8);
    }
    return Optional.of(new Authentication(pass));
  }

  /**
   * keepalived 2.2.7 vrrp_data.c alloc_vrrp_vip: the first VIP sets the instance's family; a VIP
   * of the other family is reported and ignored (put it in an instance of its own).
   */
  private void addVip(List<VirtualAddress> vips, VirtualAddress a, ConfNode n, String name) {
    if (!vips.isEmpty() && vips.getFirst().ipv6() != a.ipv6()) {
      parser.warn(n, "(" + name + "): address family must match VRRP instance [" + a
          + "] - ignoring, as keepalived does (one family per instance)");
      return;
    }
    vips.add(a);
  }

  /** False, with a java refusal, for an IPv6 unicast address: the agent's unicast is IPv4. */
  private boolean ipv4Unicast(ConfNode n, String text) {
    if (!text.contains(":")) {
      return true;
    }
    v.address(n, text); // keepalived's own errors first
    parser.refuse(n, KeywordSupport.IPV6, "IPv6 unicast address " + text);
    return false;
  }

  private VirtualAddress vip(ConfNode n) {
    String spec = n.keyword();
    int slash = spec.indexOf('/');
    InetAddress addr = v.address(n, slash < 0 ? spec : spec.substring(0, slash));
    int max = VirtualAddress.maxPrefix(addr);
    int prefix = slash < 0 ? max : v.integer(n, spec.substring(slash + 1), 0, max);
    Optional<String> dev = Optional.empty();
    Optional<String> label = Optional.empty();
    boolean noTrack = false;
    List<String> a = n.args();
    for (int i = 0; i < a.size(); i++) {
      String opt = a.get(i);
      if (VIP_VALUE_OPTIONS.contains(opt)) {
        if (i + 1 >= a.size()) {
          // keepalived: "No dev parameter specified for 10.0.0.1", and the address is dropped.
          throw v.error(n, "virtual_ipaddress option " + opt + " needs a value");
        }
        String value = a.get(++i);
        switch (opt) {
          case "dev" -> dev = Optional.of(value);
          case "label" -> label = Optional.of(value);
          default -> parser.unimplemented(Where.VIRTUAL_IPADDRESS, n, opt, List.of(value));
        }
      } else if (opt.equals("no_track")) {
        noTrack = true; // a flag: keepalived takes no value after it
      } else {
        // A flag, or a word keepalived does not know ("Unknown configuration entry ... for ip
        // address - ignoring"): that word alone is skipped.
        parser.unimplemented(Where.VIRTUAL_IPADDRESS, n, opt, List.of());
      }
    }
    return new VirtualAddress(addr, prefix, dev, label, noTrack);
  }

  /**
   * A track_script entry: {@code name [weight N [reverse|noreverse]]}, as keepalived 2.2.7's
   * alloc_track_script reads it (an unknown option or a weight without a value drop the entry).
   */
  private Optional<TrackedScript> track(ConfNode n) {
    VrrpScript s = scripts.get(n.keyword());
    if (s == null) {
      parser.warn(n, "track_script " + n.keyword() + " is not a vrrp_script, ignored");
      return Optional.empty();
    }
    int weight = s.weight();
    boolean reverse = s.weightReverse();
    List<String> a = n.args();
    if (!a.isEmpty()) {
      if (!a.getFirst().equals("weight")) {
        parser.warn(n, "unknown track_script option " + a.getFirst() + ": keepalived ignores"
            + " this entry, and so does the agent");
        return Optional.empty();
      }
      if (a.size() == 1) {
        parser.warn(n, "track_script " + n.keyword() + ": weight without a value: keepalived"
            + " ignores this entry, and so does the agent");
        return Optional.empty();
      }
      weight = v.integer(n, a.get(1), -VrrpScript.MAX_WEIGHT, VrrpScript.MAX_WEIGHT);
      if (a.size() >= 3) {
        switch (a.get(2)) {
          case "reverse" -> reverse = true;
          case "noreverse" -> reverse = false;
          default -> parser.warn(n, "unknown track_script weight option, ignored as keepalived"
              + " does: " + a.get(2));
        }
      }
      if (a.size() > 3) {
        parser.warn(n, "track_script: ignored as keepalived does: " + String.join(" ",
            a.subList(3, a.size())));
      }
    }
    if (reverse) {
      KeywordSupport.Rule rule = KeywordSupport.rule(Where.TRACK_SCRIPT, "reverse").orElseThrow();
      boolean written = a.size() >= 3 && a.get(2).equals("reverse");
      parser.refuse(n, rule, written ? "reverse"
          : "reverse (the weight of vrrp_script " + s.name() + ")");
    }
    return Optional.of(new TrackedScript(s, weight, reverse));
  }

  /**
   * A track_interface entry: {@code IF [weight N [reverse]]}, as keepalived 2.2.7's
   * alloc_track_if reads it: an unknown option or a weight without a value drop the entry; a
   * weight out of -254..254 is reported and tracked at weight 0; +/-254 becomes +/-253; a word
   * other than reverse after the weight is ignored; a second entry for the same interface is
   * ignored. Whether the interface exists is known at run time only (the agent then logs it and
   * does not track it, as keepalived drops it with "tracked interface ... doesn't exist").
   */
  private void trackLink(ConfNode n, List<TrackedInterface> links) {
    String name = n.keyword();
    if (links.stream().anyMatch(t -> t.name().equals(name))) {
      parser.warn(n, "duplicate track_interface " + name + ", ignored as keepalived does");
      return;
    }
    int weight = 0;
    boolean reverse = false;
    List<String> a = n.args();
    if (!a.isEmpty()) {
      if (!a.getFirst().equals("weight")) {
        parser.warn(n, "unknown track_interface " + name + " option " + a.getFirst()
            + ": keepalived ignores this entry, and so does the agent");
        return;
      }
      if (a.size() == 1) {
        parser.warn(n, "track_interface " + name + ": weight without a value: keepalived"
            + " ignores this entry, and so does the agent");
        return;
      }
      try {
        weight = v.integer(n, a.get(1), -254, 254);
        if (Math.abs(weight) == 254) {
          parser.warn(n, "track_interface " + name + ": weight cannot be +/-254, set to +/-253"
              + " as keepalived does");
          weight = weight < 0 ? -253 : 253;
        }
      } catch (ConfigException e) {
        parser.warn(n, "track_interface " + name + ": weight " + a.get(1) + " must be in"
            + " -253..253: tracked at weight 0 (FAULT when down), as keepalived does");
        weight = 0;
      }
      if (a.size() >= 3) {
        if (a.get(2).equals("reverse")) {
          reverse = true;
        } else {
          parser.warn(n, "unknown track_interface " + name + " weight option " + a.get(2)
              + ", ignored as keepalived does");
        }
      }
    }
    links.add(new TrackedInterface(name, weight, reverse));
  }

  private String command(ConfNode n) {
    if (n.args().isEmpty()) {
      throw v.error(n, n.keyword() + " needs a script");
    }
    return n.joinedArgs();
  }

  private Duration range(ConfNode n, Duration d, Duration max) {
    if (d.compareTo(max) > 0) {
      throw v.error(n, n.keyword() + " must be at most " + max.toSeconds() + " s");
    }
    return d;
  }
}
