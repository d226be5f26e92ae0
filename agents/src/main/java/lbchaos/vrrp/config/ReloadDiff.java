package lbchaos.vrrp.config;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a reload changes: the running instances the new config keeps, the ones it adds and the
 * ones it drops. An instance is matched as keepalived 2.2.7's vrrp_exist matches it, by what its
 * sockets are bound to and not by name: the same VRID on the same interface, multicast on both
 * sides or unicast from the same source address. A renamed instance is kept; one moved to another
 * VRID or interface is stopped and a new one started.
 *
 * <p>keepalived compares the unicast source it resolved (unicast_src_ip, else the interface's
 * primary address); this compares unicast_src_ip as written, so writing the primary address in
 * where it was left out (or the reverse) restarts the instance instead of keeping it.
 */
public record ReloadDiff(List<Kept> kept, List<VrrpInstance> added, List<VrrpInstance> removed) {

  public ReloadDiff {
    kept = List.copyOf(kept);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /**
   * keepalived's instance identity (vrrp_exist: VRID, family, interface, unicast and its source);
   * the multicast group is the family's (224.0.0.18 or ff02::12).
   */
  record Identity(int vrid, boolean ipv6, String iface, boolean unicast,
      Optional<Inet4Address> unicastSrc) {
    static Identity of(VrrpInstance i) {
      boolean unicast = !i.unicastPeers().isEmpty();
      return new Identity(i.vrid(), i.ipv6(), i.iface(), unicast,
          unicast ? i.unicastSrcIp() : Optional.empty());
    }
  }

  /** A running instance and its config after the reload. */
  public record Kept(VrrpInstance before, VrrpInstance after) {

    /** Addresses the new config has and the old one did not. */
    public List<VirtualAddress> vipsAdded() {
      return after.virtualAddresses().stream()
          .filter(v -> !before.virtualAddresses().contains(v)).toList();
    }

    /** Addresses the old config had and the new one does not (keepalived's get_diff_address). */
    public List<VirtualAddress> vipsRemoved() {
      return before.virtualAddresses().stream()
          .filter(v -> !after.virtualAddresses().contains(v)).toList();
    }
  }

  /** Matches {@code next} against {@code running}, each running instance to at most one. */
  public static ReloadDiff between(List<VrrpInstance> running, List<VrrpInstance> next) {
    Map<Identity, VrrpInstance> left = new LinkedHashMap<>();
    for (VrrpInstance i : running) {
      left.putIfAbsent(Identity.of(i), i);
    }
    List<Kept> kept = new ArrayList<>();
    List<VrrpInstance> added = new ArrayList<>();
    for (VrrpInstance n : next) {
      VrrpInstance old = left.remove(Identity.of(n));
      if (old == null) {
        added.add(n);
      } else {
        kept.add(new Kept(old, n));
      }
    }
    List<VrrpInstance> removed = running.stream()
        .filter(r -> kept.stream().noneMatch(k -> k.before() == r)).toList();
    return new ReloadDiff(kept, added, removed);
  }

  /** One line for the log: what each instance becomes. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    for (Kept k : kept) {
      String name = k.before().name().equals(k.after().name()) ? k.after().name()
          : k.before().name() + " as " + k.after().name();
      List<String> changes = new ArrayList<>();
      if (k.before().priority() != k.after().priority()) {
        changes.add("priority " + k.before().priority() + " -> " + k.after().priority());
      }
      if (!k.before().advertInterval().equals(k.after().advertInterval())) {
        changes.add("advert_int " + k.before().advertInterval() + " -> "
            + k.after().advertInterval());
      }
      k.vipsAdded().forEach(v -> changes.add("+" + v));
      k.vipsRemoved().forEach(v -> changes.add("-" + v));
      parts.add("kept " + name + (changes.isEmpty() ? "" : " (" + String.join(", ", changes)
          + ")"));
    }
    added.forEach(i -> parts.add("added " + i.name()));
    removed.forEach(i -> parts.add("removed " + i.name()));
    return String.join("; ", parts);
  }
}
