package lbchaos.vrrp.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;

/**
 * A parsed keepalived.conf: what the VRRP agent runs and the harness computes expectations from.
 *
 * @param file the main config
 * @param includes the files it includes, directly or through others, in reading order: each is
 *     placed beside it where it runs
 * @param warnings what keepalived accepts or ignores and the user should still hear about
 * @param javaRefusals lines the Java agent does not implement and keepalived acts on: the java
 *     stack refuses the config (the reference stack runs it)
 * @param syncGroups the vrrp_sync_groups, each with at least one member of {@code instances}
 */
public record KeepalivedConfig(Path file, List<Path> includes, GlobalDefs globalDefs,
    Map<String, VrrpScript> scripts, List<VrrpInstance> instances, List<ConfigWarning> warnings,
    List<JavaRefusal> javaRefusals, List<VrrpSyncGroup> syncGroups) {

  public KeepalivedConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(globalDefs, "globalDefs");
    includes = List.copyOf(includes);
    scripts = Map.copyOf(scripts);
    instances = List.copyOf(instances);
    warnings = List.copyOf(warnings);
    javaRefusals = List.copyOf(javaRefusals);
    syncGroups = List.copyOf(syncGroups);
  }

  /** The group {@code instance} is a member of, if any. */
  public Optional<VrrpSyncGroup> syncGroupOf(String instance) {
    return syncGroups.stream().filter(g -> g.instances().contains(instance)).findFirst();
  }

  /** The main config and every file it includes, in reading order. */
  public List<Path> files() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(file), includes.stream())
        .toList();
  }

  public Optional<VrrpInstance> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }
}
