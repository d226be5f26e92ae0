package lbchaos.vrrp.config;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import lbchaos.vrrp.state.Garp;
import lbchaos.vrrp.state.Timing;

/**
 * A vrrp_instance block, validated, with keepalived's rounding already applied (the values here
 * are the ones keepalived runs with, not necessarily the ones written).
 *
 * @param initialState the {@code state} keyword; keepalived treats it as a hint, election decides
 * @param version 2 or 3: instance {@code version}, else global_defs {@code vrrp_version}, else 2
 * @param advertInterval v2: whole seconds (rounded like keepalived); v3: centiseconds
 * @param authentication v2 only; dropped (with a warning) for v3, as keepalived does
 * @param preempt false with {@code nopreempt}
 * @param preemptDelay keepalived's preempt_delay, zero when not set
 * @param trackInterfaces the track_interface entries as written (keepalived drops an entry
 *     naming the instance's own interface: see {@link #linkTracks})
 * @param dontTrackPrimary keepalived's {@code dont_track_primary}: the instance's own interface
 *     going down does not put it in FAULT
 * @param unicastPeers empty for multicast to 224.0.0.18
 * @param garp when the master sends gratuitous ARPs: the garp_* keywords over the global
 *     vrrp_garp_* defaults (keepalived's own defaults: a burst of 5, again 5 s later)
 * @param file the file the block is in: the main config or one it includes
 * @param line where the block starts
 */
public record VrrpInstance(String name, InitialState initialState, String iface, int vrid,
    int priority, Duration advertInterval, int version, Optional<Authentication> authentication,
    List<VirtualAddress> virtualAddresses, List<TrackedScript> trackScripts,
    List<TrackedInterface> trackInterfaces, boolean dontTrackPrimary,
    NotifyScripts notifyScripts, boolean preempt, Duration preemptDelay,
    Optional<Inet4Address> unicastSrcIp, List<Inet4Address> unicastPeers,
    Garp garp, Path file, int line) {

  public enum InitialState { MASTER, BACKUP }

  /** RFC 5798 section 5.2.4: priority of the address owner. */
  public static final int OWNER_PRIORITY = 255;

  /** RFC 5798 section 5.2.4: the default priority of a backup (keepalived's VRRP_PRIO_DFL). */
  public static final int DEFAULT_PRIORITY = 100;

  public VrrpInstance {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(initialState, "initialState");
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(notifyScripts, "notifyScripts");
    Objects.requireNonNull(unicastSrcIp, "unicastSrcIp");
    Objects.requireNonNull(file, "file");
    if (vrid < 1 || vrid > 255) {
      throw new IllegalArgumentException("virtual_router_id must be 1..255, was " + vrid);
    }
    if (priority < 1 || priority > 255) {
      throw new IllegalArgumentException("priority must be 1..255, was " + priority);
    }
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("version must be 2 or 3, was " + version);
    }
    if (version == 2 && (advertInterval.toNanosPart() != 0 || advertInterval.toSeconds() < 1
        || advertInterval.toSeconds() > 255)) {
      throw new IllegalArgumentException("v2 advert_int must be whole seconds 1..255");
    }
    if (version == 3 && (advertInterval.toNanos() % 10_000_000 != 0
        || advertInterval.toMillis() < 10 || advertInterval.toMillis() > 40_950)) {
      throw new IllegalArgumentException("v3 advert_int must be centiseconds 0.01..40.95 s");
    }
    if (version == 3 && authentication.isPresent()) {
      throw new IllegalArgumentException("VRRPv3 has no authentication");
    }
    virtualAddresses = List.copyOf(virtualAddresses);
    if (virtualAddresses.isEmpty()) {
      throw new IllegalArgumentException("at least one virtual_ipaddress is required");
    }
    trackScripts = List.copyOf(trackScripts);
    trackInterfaces = List.copyOf(trackInterfaces);
    unicastPeers = List.copyOf(unicastPeers);
    Objects.requireNonNull(garp, "garp");
    if (preemptDelay.isNegative()) {
      throw new IllegalArgumentException("preempt_delay out of range");
    }
  }

  /** The same instance tracking these (a sync group's weight rules, see SyncGroupParser). */
  VrrpInstance withTracking(List<TrackedScript> scripts, List<TrackedInterface> links) {
    return new VrrpInstance(name, initialState, iface, vrid, priority, advertInterval, version,
        authentication, virtualAddresses, scripts, links, dontTrackPrimary, notifyScripts,
        preempt, preemptDelay, unicastSrcIp, unicastPeers, garp, file, line);
  }

  /** Delay of the second gratuitous ARP burst after becoming master; zero for none. */
  public Duration garpMasterDelay() {
    return garp.masterDelay();
  }

  /** Gratuitous ARPs per VIP in the bursts after becoming master. */
  public int garpMasterRepeat() {
    return garp.masterRepeat();
  }

  /**
   * True when the instance runs over IPv6: its first VIP is IPv6 (keepalived 2.2.7
   * alloc_vrrp_vip; the parser kept only VIPs of that family).
   */
  public boolean ipv6() {
    return virtualAddresses.getFirst().ipv6();
  }

  /** The VIPs' addresses, all of the instance's family, as its adverts carry them. */
  public List<java.net.InetAddress> addresses() {
    return virtualAddresses.stream().map(VirtualAddress::address)
        .map(java.net.InetAddress.class::cast).toList();
  }

  /**
   * The VIPs as IPv4 addresses, for IPv4-only callers (the harness's topology); fails on an IPv6
   * instance ({@link #ipv6}).
   */
  public List<java.net.Inet4Address> ipv4Addresses() {
    return virtualAddresses.stream().map(a -> {
      if (!(a.address() instanceof java.net.Inet4Address v4)) {
        throw new IllegalStateException(name + ": IPv6 virtual_ipaddress " + a
            + " (refused for the java agent)");
      }
      return v4;
    }).toList();
  }

  public boolean addressOwner() {
    return priority == OWNER_PRIORITY;
  }

  /** Skew_Time at the configured priority (RFC 5798 section 6.1; RFC 3768 for v2). */
  public Duration skew() {
    return Timing.skew(version, priority, advertInterval);
  }

  /** Master_Down_Interval a backup of this config uses: 3 x advert_int + skew. */
  public Duration masterDownInterval() {
    return Timing.masterDown(version, priority, advertInterval);
  }

  /** The master down interval at an effective priority (after track script weights). */
  public Duration masterDownInterval(int effectivePriority) {
    return Timing.masterDown(version, effectivePriority, advertInterval);
  }

  /**
   * The links this instance watches, one entry per interface, as keepalived 2.2.7's
   * vrrp_complete_instance sets them up: each track_interface entry but one naming the
   * instance's own interface ("Ignoring track_interface ... since own interface"); the own
   * interface at weight 0 (FAULT when it goes down) unless {@code dont_track_primary}; and the
   * interface of each VIP with its own {@code dev}, at weight 0, unless the VIP says {@code
   * no_track} (or is on the own interface under dont_track_primary). An interface tracked twice
   * keeps weight 0 once either entry has it (add_vrrp_to_interface overwrites a weighted entry
   * with the VIP's unweighted one).
   */
  public List<TrackedInterface> linkTracks() {
    Map<String, TrackedInterface> out = new LinkedHashMap<>();
    for (TrackedInterface t : trackInterfaces) {
      if (!t.name().equals(iface)) {
        out.putIfAbsent(t.name(), t);
      }
    }
    if (!dontTrackPrimary) {
      out.put(iface, new TrackedInterface(iface, 0, false));
    }
    for (VirtualAddress v : virtualAddresses) {
      String dev = v.device().orElse(iface);
      if (!v.noTrack() && !(dontTrackPrimary && dev.equals(iface))) {
        out.put(dev, new TrackedInterface(dev, 0, false));
      }
    }
    return List.copyOf(out.values());
  }

  /** {@link #effectivePriority(Set, Map)} with every tracked link up. */
  public int effectivePriority(Set<String> failing) {
    return effectivePriority(failing, allLinksUp());
  }

  /** Every link of {@link #linkTracks} up. */
  public Map<String, Boolean> allLinksUp() {
    Map<String, Boolean> up = new HashMap<>();
    linkTracks().forEach(t -> up.put(t.name(), true));
    return up;
  }

  /**
   * The priority keepalived advertises when the named scripts are failing and the links are as
   * {@code links} says (name to up; a tracked interface with no entry does not exist, and
   * keepalived does not track it): positive weights count while a script succeeds (a link is up), negative weights
   * while it fails (is down), the result held in 1..254. A reversed entry counts the opposite
   * (keepalived 2.2's weight multiplier -1, vrrp_track.c): a positive weight is subtracted while
   * its script succeeds, a negative one added while it fails. The address owner (255) ignores
   * weights, as keepalived 2.2.7 does (vrrp_set_effective_priority).
   */
  public int effectivePriority(Set<String> failing, Map<String, Boolean> links) {
    if (addressOwner()) {
      return priority;
    }
    int p = priority;
    for (TrackedScript t : trackScripts) {
      boolean failed = failing.contains(t.name());
      int counted = (t.weight() > 0 && !failed) || (t.weight() < 0 && failed) ? t.weight() : 0;
      p += t.reverse() ? -counted : counted;
    }
    for (TrackedInterface t : linkTracks()) {
      Boolean up = links.get(t.name());
      p += up == null ? 0 : t.counted(up);
    }
    return Math.clamp(p, 1, OWNER_PRIORITY - 1);
  }

  /** {@link #faulted(Set, Map)} with every tracked link up. */
  public boolean faulted(Set<String> failing) {
    return faulted(failing, allLinksUp());
  }

  /**
   * A failing script tracked with weight 0 puts the instance in FAULT (also the owner); a
   * reversed one does while it succeeds. So does a link tracked with weight 0 while it is down
   * (reversed: up).
   */
  public boolean faulted(Set<String> failing, Map<String, Boolean> links) {
    return trackScripts.stream()
        .anyMatch(t -> t.weight() == 0 && failing.contains(t.name()) != t.reverse())
        || linkTracks().stream().anyMatch(t -> links.containsKey(t.name())
            && t.faults(links.get(t.name())));
  }

  /** VRRPv2 simple password, "" when none. */
  public String password() {
    return authentication.map(Authentication::password).orElse("");
  }
}
