package lbchaos.vrrp.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A vrrp_sync_group: instances that change state together (keepalived 2.2.7 vrrp_sync.c). When
 * one goes FAULT all do; when one goes BACKUP the masters among the others do; one becomes
 * MASTER only when every member would, and then all do.
 *
 * @param instances the members, in the order of the group block, each an instance of the config
 *     and in no other group (the parser drops the rest with a warning, as keepalived does)
 * @param notifyScripts the group's notify_master/backup/fault, and {@code notify}, which gets
 *     "GROUP", the group's name, the state and 0 appended
 * @param trackingWeight sync_group_tracking_weight (or the deprecated global_tracking): the
 *     members keep their weighted tracking; without it keepalived drops weighted track scripts
 *     and makes weighted tracked interfaces weight 0 (vrrp.c vrrp_complete_instance)
 */
public record VrrpSyncGroup(String name, List<String> instances, NotifyScripts notifyScripts,
    boolean trackingWeight, Path file, int line) {

  public VrrpSyncGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(notifyScripts, "notifyScripts");
    Objects.requireNonNull(file, "file");
    instances = List.copyOf(instances);
    if (instances.isEmpty()) {
      throw new IllegalArgumentException("a sync group needs at least one instance");
    }
  }
}
