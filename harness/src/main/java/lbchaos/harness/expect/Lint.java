package lbchaos.harness.expect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lbchaos.harness.expect.Finding.Severity;

/** Reports configs whose declared intent cannot work, before any container starts. */
public final class Lint {

  private Lint() {}

  /**
   * Findings for the vrrp_instances of all nodes of one topology.
   *
   * @param subnetByInterface the subnet (CIDR, "10.0.0.0/24") each interface is on; interfaces
   *     not listed are not checked for VIP placement. Instances on the same interface name are
   *     taken to share a segment (the harness puts all LBs on one bridge).
   */
  public static List<Finding> vrrp(List<VrrpInstanceDecl> instances,
      Map<String, String> subnetByInterface) {
    List<Finding> out = new ArrayList<>();
    for (VrrpInstanceDecl i : instances) {
      ownerWithWeights(i, out);
      fractionalV2(i, out);
      vipsInSubnet(i, subnetByInterface.get(i.iface()), out);
    }
    duplicateVrid(instances, out);
    weightGap(instances, out);
    return List.copyOf(out);
  }

  /** Findings for haproxy's proxies: missing timeouts (haproxy itself only warns). */
  public static List<Finding> haproxy(List<HaproxyTimeouts> sections) {
    List<Finding> out = new ArrayList<>();
    for (HaproxyTimeouts s : sections) {
      List<String> missing = new ArrayList<>();
      if (s.connect() == null) {
        missing.add("connect");
      }
      if (s.client() == null) {
        missing.add("client");
      }
      if (s.server() == null) {
        missing.add("server");
      }
      if (!missing.isEmpty()) {
        out.add(new Finding(Severity.WARNING, s.file(), s.line(), "proxy " + s.section()
            + " has no timeout " + String.join(", ", missing) + ": a dead peer holds its"
            + " connection forever and clients never see an error to retry on"));
      }
      if (s.check() == null) {
        out.add(new Finding(Severity.INFO, s.file(), s.line(), "proxy " + s.section()
            + " has no timeout check: a health check to a silent backend waits a whole inter,"
            + " which lengthens detection"));
      }
    }
    return List.copyOf(out);
  }

  private static void ownerWithWeights(VrrpInstanceDecl i, List<Finding> out) {
    if (i.priority() != Expectations.OWNER_PRIORITY) {
      return;
    }
    for (TrackWeight w : i.tracks()) {
      if (w.weight() != 0) {
        out.add(new Finding(Severity.ERROR, i.file(), i.line(), "vrrp_instance " + i.name()
            + " has priority 255 (address owner) with " + w.describe().replaceFirst(
                "^failing | going down$", "") + " weight " + w.weight() + ": keepalived"
            + " ignores weights at 255, so a failing check never moves the VIP; use a priority"
            + " below 255"));
      }
    }
  }

  private static void fractionalV2(VrrpInstanceDecl i, List<Finding> out) {
    if (i.version() == 2 && i.advertInterval() != null
        && i.advertInterval().toNanos() % 1_000_000_000L != 0) {
      out.add(new Finding(Severity.ERROR, i.file(), i.line(), "vrrp_instance " + i.name()
          + " uses VRRPv2 with advert_int " + Expectations.secs(i.advertInterval())
          + ": v2 carries whole seconds, keepalived rounds it to "
          + Expectations.secs(Expectations.effectiveAdvert(VrrpTiming.v2(i.advertInterval(),
              Math.clamp(i.priority(), 1, 255)))) + "; add \"version 3\" for sub-second adverts"));
    }
  }

  private static void vipsInSubnet(VrrpInstanceDecl i, String cidr, List<Finding> out) {
    if (cidr == null) {
      return;
    }
    for (String vip : i.vips()) {
      String addr = vip.strip().split("\\s+")[0].split("/")[0];
      try {
        if (!inSubnet(addr, cidr)) {
          out.add(new Finding(Severity.ERROR, i.file(), i.line(), "vrrp_instance " + i.name()
              + " VIP " + addr + " is outside " + i.iface() + "'s subnet " + cidr
              + ": hosts on the segment will not ARP for it"));
        }
      } catch (IllegalArgumentException ex) {
        out.add(new Finding(Severity.ERROR, i.file(), i.line(), "vrrp_instance " + i.name()
            + ": " + ex.getMessage()));
      }
    }
  }

  private static void duplicateVrid(List<VrrpInstanceDecl> instances, List<Finding> out) {
    Map<String, List<VrrpInstanceDecl>> bySegmentVrid = new LinkedHashMap<>();
    for (VrrpInstanceDecl i : instances) {
      bySegmentVrid.computeIfAbsent(i.iface() + "/" + i.vrid(), k -> new ArrayList<>()).add(i);
    }
    for (List<VrrpInstanceDecl> same : bySegmentVrid.values()) {
      // Peers of one virtual router share a VRID on purpose: same VIPs, different files.
      // Two instances in one file, or with different VIPs, fight over one virtual MAC/VRID.
      Set<String> files = new TreeSet<>();
      Set<Set<String>> vipSets = new java.util.HashSet<>();
      for (VrrpInstanceDecl i : same) {
        boolean sameFile = !files.add(String.valueOf(i.file()));
        Set<String> vips = new TreeSet<>();
        i.vips().forEach(v -> vips.add(v.strip().split("\\s+")[0].split("/")[0]));
        vipSets.add(vips);
        if (sameFile || vipSets.size() > 1) {
          VrrpInstanceDecl first = same.getFirst();
          out.add(new Finding(Severity.ERROR, i.file(), i.line(), "vrrp_instance " + i.name()
              + " uses VRID " + i.vrid() + " on " + i.iface() + " like " + first.name() + " ("
              + first.file() + ":" + first.line() + ")" + (sameFile ? " in the same file"
              : " with different VIPs") + ": one VRID per virtual router per segment"));
          break;
        }
      }
    }
  }

  /**
   * A failing track_script on the intended master (the highest priority among a virtual router's
   * peers, one per file) moves the VIP only when it takes the master's effective priority below
   * what its best peer advertises; a weight smaller than the priority gap never does (keepalived
   * issues #2108 and #942). Weight 0 (FAULT) always does; weights at 255 are the owner finding's.
   */
  private static void weightGap(List<VrrpInstanceDecl> instances, List<Finding> out) {
    Map<String, List<VrrpInstanceDecl>> routers = new LinkedHashMap<>();
    instances.forEach(i -> routers.computeIfAbsent(i.iface() + "/" + i.vrid(),
        k -> new ArrayList<>()).add(i));
    for (List<VrrpInstanceDecl> peers : routers.values()) {
      if (peers.stream().map(i -> String.valueOf(i.file())).distinct().count() < 2) {
        continue;
      }
      VrrpInstanceDecl master = peers.stream()
          .max(java.util.Comparator.comparingInt(VrrpInstanceDecl::priority)).orElseThrow();
      if (master.priority() >= Expectations.OWNER_PRIORITY) {
        continue;
      }
      VrrpInstanceDecl best = null;
      int bestValue = 0;
      for (VrrpInstanceDecl p : peers) {
        int v = Expectations.effectivePriority(p.priority(), p.tracks(), Set.of()).value();
        if (p != master && (best == null || v > bestValue)) {
          best = p;
          bestValue = v;
        }
      }
      for (TrackWeight w : master.tracks()) {
        EffectivePriority e = Expectations.effectivePriority(master.priority(), master.tracks(),
            Set.of(w.script()));
        if (!e.fault() && e.value() >= bestValue) {
          out.add(new Finding(Severity.WARNING, master.file(), master.line(), "vrrp_instance "
              + master.name() + ": a " + w.describe() + " cannot move the VIP: "
              + e.derivation() + " gives " + e.value() + ", not below "
              + best.name() + "'s " + bestValue + " (" + best.file() + ":" + best.line() + ")"
              + (e.value() == bestValue ? "; at equal priorities the higher address wins" : "")
              + "; a weight of " + (bestValue - master.priority() - 1) + " or less would"));
        }
      }
    }
  }

  /** True when {@code addr} lies in {@code cidr}; IPv4 or IPv6, literals only (no DNS). */
  static boolean inSubnet(String addr, String cidr) {
    String[] parts = cidr.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("subnet " + cidr + " is not in CIDR form");
    }
    byte[] a = literal(addr);
    byte[] n = literal(parts[0]);
    int prefix;
    try {
      prefix = Integer.parseInt(parts[1]);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("subnet " + cidr + " has a bad prefix length");
    }
    if (a.length != n.length) {
      return false;
    }
    if (prefix < 0 || prefix > a.length * 8) {
      throw new IllegalArgumentException("subnet " + cidr + " has a bad prefix length");
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] literal(String s) {
    if (!s.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException(s + " is not an IP address literal");
    }
    try {
      return InetAddress.getByName(s).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException ex) {
      throw new IllegalArgumentException(s + " is not an IP address literal");
    }
  }
}
