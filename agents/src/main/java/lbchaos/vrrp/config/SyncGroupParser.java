package lbchaos.vrrp.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.config.ConfigException;
import lbchaos.vrrp.config.KeywordSupport.Where;

/**
 * vrrp_sync_group blocks, read after the instances as keepalived 2.2.7 resolves them
 * (vrrp_parser.c vrrp_sync_group_handler and its keywords, vrrp_sync.c vrrp_sync_set_group,
 * vrrp.c vrrp_complete_instance). keepalived reports what it skips and runs the rest, so the
 * agent warns and runs the same: a group without a name or defined twice is skipped, a second
 * group list or notify script is ignored, an unknown instance or one already in a group is left
 * out, a group left with no member is removed, a group of one is kept with a warning.
 */
final class SyncGroupParser {

  /** The groups, and the instances as their groups make them (tracking weights). */
  record Result(List<VrrpSyncGroup> groups, List<VrrpInstance> instances) {}

  private final KeepalivedParser parser;

  SyncGroupParser(KeepalivedParser parser) {
    this.parser = parser;
  }

  Result resolve(List<ConfNode> blocks, List<VrrpInstance> instances) {
    List<VrrpSyncGroup> groups = new ArrayList<>();
    Map<String, String> groupOf = new HashMap<>();
    for (ConfNode block : blocks) {
      try {
        group(block, instances, groups, groupOf).ifPresent(groups::add);
      } catch (ConfigException e) {
        parser.record(e);
      }
    }
    List<VrrpInstance> out = new ArrayList<>();
    for (VrrpInstance i : instances) {
      VrrpSyncGroup g = groups.stream().filter(x -> x.instances().contains(i.name()))
          .findFirst().orElse(null);
      out.add(g == null || g.trackingWeight() || i.addressOwner() ? i : unweighted(i));
    }
    return new Result(groups, out);
  }

  private Optional<VrrpSyncGroup> group(ConfNode block, List<VrrpInstance> instances,
      List<VrrpSyncGroup> groups, Map<String, String> groupOf) {
    if (block.args().size() != 1) {
      parser.warn(block, "vrrp_sync_group must have a name - skipping (as keepalived does)");
      return Optional.empty();
    }
    String name = block.args().getFirst();
    if (groups.stream().anyMatch(g -> g.name().equals(name))) {
      parser.warn(block, "vrrp sync group " + name + " already defined - skipping (as"
          + " keepalived does)");
      return Optional.empty();
    }
    List<String> names = null;
    Map<String, String> notify = new HashMap<>();
    boolean trackingWeight = false;
    for (ConfNode n : block.children()) {
      switch (n.keyword()) {
        case "group" -> {
          if (names != null) {
            parser.warn(n, "Group list already specified for sync group " + name
                + " - ignored (as keepalived does)");
            continue;
          }
          names = new ArrayList<>(n.args());
          for (ConfNode c : n.children()) {
            names.add(c.keyword());
            names.addAll(c.args());
          }
          if (names.isEmpty()) {
            parser.warn(n, "Warning - sync group " + name + " has empty group block");
          }
        }
        case "notify_master", "notify_backup", "notify_fault", "notify" -> {
          if (n.args().isEmpty()) {
            throw parser.values().error(n, n.keyword() + " needs a script");
          }
          if (notify.putIfAbsent(n.keyword(), n.joinedArgs()) != null) {
            parser.warn(n, "vrrp group " + name + ": " + n.keyword() + " script already"
                + " specified - ignoring " + n.args().getFirst());
          }
        }
        case "sync_group_tracking_weight" -> trackingWeight = true;
        case "global_tracking" -> {
          parser.warn(n, "(" + name + ") global_tracking is deprecated. Use"
              + " track_interface/script/file on the sync group (read as"
              + " sync_group_tracking_weight, as keepalived does)");
          trackingWeight = true;
        }
        default -> parser.unimplemented(Where.VRRP_SYNC_GROUP, n);
      }
    }
    List<String> members = new ArrayList<>();
    for (String member : names == null ? List.<String>of() : names) {
      if (instances.stream().noneMatch(i -> i.name().equals(member))) {
        parser.warn(block, "Virtual router " + member + " specified in sync group " + name
            + " doesn't exist - ignoring");
      } else if (groupOf.containsKey(member) || members.contains(member)) {
        parser.warn(block, "Virtual router " + member + " cannot exist in more than one sync"
            + " group; ignoring " + name);
      } else {
        members.add(member);
      }
    }
    if (members.isEmpty()) {
      parser.warn(block, "Sync group " + name + ", no matching virtual router found in group"
          + " declaration - removing");
      return Optional.empty();
    }
    if (members.size() == 1) {
      parser.warn(block, "Sync group " + name + " has only 1 virtual router(s) - this probably"
          + " isn't what you want");
    }
    List<VrrpInstance> in = instances.stream().filter(i -> members.contains(i.name())).toList();
    if (in.stream().anyMatch(VrrpInstance::addressOwner)) {
      // keepalived starts such a group from its owners' wish (vrrp_sync_set_group,
      // vrrp_init_state) and warns when only some members are owners; the agent does not model it.
      parser.refuse(block, "vrrp_sync_group " + name + " with an address owner (priority 255)",
          "keepalived starts a group of address owners as MASTER and warns that a mix of owners"
              + " and others won't work; the agent does not model owners in a sync group");
    }
    members.forEach(m -> groupOf.put(m, name));
    NotifyScripts scripts = new NotifyScripts(Optional.ofNullable(notify.get("notify_master")),
        Optional.ofNullable(notify.get("notify_backup")),
        Optional.ofNullable(notify.get("notify_fault")), Optional.ofNullable(notify.get("notify")));
    return Optional.of(new VrrpSyncGroup(name, members, scripts, trackingWeight, block.file(),
        block.line()));
  }

  /**
   * keepalived 2.2.7 vrrp_complete_instance for a member of a group without
   * sync_group_tracking_weight: weighted track scripts are dropped, weighted tracked interfaces
   * count at weight 0 (FAULT while down), each with its log line.
   */
  private VrrpInstance unweighted(VrrpInstance i) {
    List<TrackedScript> scripts = new ArrayList<>();
    for (TrackedScript t : i.trackScripts()) {
      if (t.weight() == 0) {
        scripts.add(t);
      } else {
        parser.warn(i.file(), i.line(), "(" + i.name() + ") ignoring tracked script "
            + t.name() + " with weights due to SYNC group");
      }
    }
    List<TrackedInterface> links = new ArrayList<>();
    for (TrackedInterface t : i.trackInterfaces()) {
      if (t.weight() == 0) {
        links.add(t);
      } else {
        parser.warn(i.file(), i.line(), "(" + i.name() + ") ignoring " + t.name()
            + " tracked interface weight due to SYNC group");
        links.add(new TrackedInterface(t.name(), 0, t.reverse()));
      }
    }
    return i.withTracking(scripts, links);
  }
}
